//===- LintConfigTest.cpp - .schemac.yaml: reading, finding, precedence ---===//
//
// readLintConfig on files written to a scratch directory: a complete file,
// each problem at its line and column with its message, paths joined to the
// file's directory. findLintConfig walking up a scratch tree to the
// repository root. And the file's check levels under the command-line flags
// that override them, through the same switches the flags use.
//===----------------------------------------------------------------------===//

#include "tools/schemac/LintConfig.h"

#include "frontend/Diagnostic.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;
using namespace schemac::driver;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// Each diagnostic as `name line:col: message`, each note as
/// `note line:col: message`.
class Recorder : public DiagnosticConsumer {
public:
  explicit Recorder(const llvm::SourceMgr &SM) : SM(SM) {}
  void handle(const Diagnostic &D) override {
    Seen.push_back(getDiagInfo(D.ID).Name.str() + " " + where(D.Range) + ": " +
                   D.Message);
    for (const DiagnosticNote &N : D.Notes)
      Seen.push_back("note " + where(N.Range) + ": " + N.Message);
  }
  std::string where(llvm::SMRange R) const {
    auto P = findSourcePosition(SM, R.Start);
    if (!P)
      return "-";
    return std::to_string(P->Line) + ":" + std::to_string(P->Column);
  }
  const llvm::SourceMgr &SM;
  std::vector<std::string> Seen;
};

using Strings = std::vector<std::string>;
using Levels = std::vector<std::pair<std::string, CheckLevel>>;

/// A scratch directory, removed at the end of the test.
class LintConfigTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(fs::createUniqueDirectory("schemac-lintconfig", Root));
  }
  void TearDown() override { fs::remove_directories(Root); }

  std::string path(llvm::StringRef Rel) const {
    llvm::SmallString<256> P(Root);
    path::append(P, Rel);
    return std::string(P);
  }
  void write(llvm::StringRef Rel, llvm::StringRef Text) {
    std::string P = path(Rel);
    ASSERT_FALSE(fs::create_directories(path::parent_path(P)));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  void mkdir(llvm::StringRef Rel) {
    ASSERT_FALSE(fs::create_directories(path(Rel)));
  }

  struct Result {
    bool Ok;
    LintConfig Config;
    Strings Seen;
  };
  /// Writes Text as Rel and reads it back.
  Result read(llvm::StringRef Text,
              llvm::StringRef Rel = "repo/.schemac.yaml") {
    write(Rel, Text);
    return readFile(path(Rel));
  }
  Result readFile(llvm::StringRef Path) {
    llvm::SourceMgr SM;
    Recorder R(SM);
    DiagnosticEngine Diags(SM, R);
    Result Out;
    Out.Ok = readLintConfig(Path, SM, Diags, Out.Config);
    Out.Seen = R.Seen;
    // Every problem is reported: false exactly when something was.
    EXPECT_EQ(Out.Ok, Diags.getErrorCount() == 0);
    return Out;
  }
  /// The diagnostics of Text, expected to be rejected.
  Strings problems(llvm::StringRef Text) {
    Result R = read(Text);
    EXPECT_FALSE(R.Ok);
    return R.Seen;
  }

  llvm::SmallString<256> Root;
};

TEST_F(LintConfigTest, ReadsEveryKey) {
  Result R = read(R"(# schemac lint's configuration
schema:
  - schema/
  - extra.schema
base: git:origin/main
migrations: db/migrations
checks:
  table-rewrite: error
  non-concurrent-index: off
  destructive-change: warning
  "fk-not-valid": 'warning'
  unresolved-name: error
)");
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(R.Seen, Strings());
  EXPECT_EQ(R.Config.Path, path("repo/.schemac.yaml"));
  EXPECT_EQ(R.Config.Schemas,
            Strings({path("repo/schema"), path("repo/extra.schema")}));
  EXPECT_EQ(R.Config.Base, "git:origin/main");
  EXPECT_EQ(R.Config.Migrations, path("repo/db/migrations"));
  EXPECT_EQ(R.Config.Checks,
            Levels({{"table-rewrite", CheckLevel::Error},
                    {"non-concurrent-index", CheckLevel::Off},
                    {"destructive-change", CheckLevel::Warning},
                    {"fk-not-valid", CheckLevel::Warning},
                    {"unresolved-name", CheckLevel::Error}}));
}

TEST_F(LintConfigTest, FlowStyleAndSingleSchema) {
  Result R = read("{schema: app.schema, checks: {table-rewrite: off}}\n");
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(R.Config.Schemas, Strings({path("repo/app.schema")}));
  EXPECT_FALSE(R.Config.Base);
  EXPECT_FALSE(R.Config.Migrations);
  EXPECT_EQ(R.Config.Checks, Levels({{"table-rewrite", CheckLevel::Off}}));
}

TEST_F(LintConfigTest, EmptyFileConfiguresNothing) {
  for (llvm::StringRef Text : {"", "# nothing yet\n", "---\n", "~\n"}) {
    Result R = read(Text);
    EXPECT_TRUE(R.Ok) << Text.str();
    EXPECT_EQ(R.Seen, Strings());
    EXPECT_TRUE(R.Config.Schemas.empty());
    EXPECT_TRUE(R.Config.Checks.empty());
  }
}

TEST_F(LintConfigTest, PathsAreRelativeToTheFilesDirectory) {
  Result R = read(R"(schema: [./a.schema, ../shared/types.schema, /abs/b.schema]
migrations: ./migrations/
base: old/schema
)",
                  "repo/sub/.schemac.yaml");
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(R.Config.Schemas, Strings({path("repo/sub/a.schema"),
                                       path("repo/sub/../shared/types.schema"),
                                       "/abs/b.schema"}));
  EXPECT_EQ(R.Config.Migrations, path("repo/sub/migrations"));
  EXPECT_EQ(R.Config.Base, path("repo/sub/old/schema"));
}

TEST_F(LintConfigTest, BaseThatIsNoPathIsKept) {
  for (llvm::StringRef Base : {"git:HEAD~1", "postgres://ci@db/app",
                               "postgresql://db/app", "host=/tmp dbname=app"}) {
    Result R = read(("base: '" + Base + "'\n").str(), "repo/sub/.schemac.yaml");
    ASSERT_TRUE(R.Ok) << Base.str();
    EXPECT_EQ(R.Config.Base, Base.str());
  }
}

TEST_F(LintConfigTest, RelativeConfigPathGivesRelativePaths) {
  // As findLintConfig returns a file above the current directory: the
  // paths come out through the same `..`.
  write("repo/.schemac.yaml", "schema: schema\nmigrations: migrations\n");
  mkdir("repo/a/b");
  std::string Up = path("repo/a/b/../../.schemac.yaml");
  Result R = readFile(Up);
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(R.Config.Schemas, Strings({path("repo/a/b/../../schema")}));
  EXPECT_EQ(R.Config.Migrations, path("repo/a/b/../../migrations"));
}

TEST_F(LintConfigTest, SyntaxError) {
  EXPECT_EQ(
      problems("schema: [a.schema, b.schema\nbase: x\n"),
      Strings({"err_config_yaml 2:8: invalid YAML: could not find closing ]"}));
  EXPECT_EQ(problems("schema: a.schema\n\tbase: b\n"),
            Strings({"err_config_yaml 2:1: invalid YAML: found invalid tab "
                     "character in indentation"}));
  // What follows a syntax error is not looked at: no unknown key here.
  EXPECT_EQ(
      problems("colour: red\nschema: 'a.schema\n"),
      Strings({"err_config_yaml 2:18: invalid YAML: expected quote at end of "
               "scalar"}));
}

TEST_F(LintConfigTest, NotAMapping) {
  EXPECT_EQ(
      problems("- schema\n- checks\n"),
      Strings({"err_config_wrong_kind 1:1: the configuration must be a "
               "mapping of schema, base, migrations and checks, not a list"}));
  EXPECT_EQ(problems("schema.schema\n"),
            Strings({"err_config_wrong_kind 1:1: the configuration must be a "
                     "mapping of schema, base, migrations and checks, not "
                     "'schema.schema'"}));
}

TEST_F(LintConfigTest, SecondDocument) {
  Strings Expected = {
      "err_config_extra_document 3:1: "
      "a second YAML document; the configuration is one mapping"};
  EXPECT_EQ(problems("base: a\n---\nbase: b\n"), Expected);
}

TEST_F(LintConfigTest, UnknownKey) {
  Strings Expected = {"err_config_unknown_key 1:1: unknown key 'schemas'"
                      "; expected schema, base, migrations or checks",
                      "note 1:1: did you mean 'schema'?",
                      "err_config_unknown_key 2:1: unknown key 'colour'"
                      "; expected schema, base, migrations or checks"};
  EXPECT_EQ(problems("schemas: a.schema\ncolour: red\n"), Expected);
}

TEST_F(LintConfigTest, KeyGivenTwice) {
  EXPECT_EQ(problems("base: a\nschema: s\nbase: b\n"),
            Strings({"err_config_duplicate_key 3:1: 'base' is given twice",
                     "note 1:1: 'base' is first given here"}));
  EXPECT_EQ(
      problems("checks:\n  table-rewrite: off\n  table-rewrite: error\n"),
      Strings({"err_config_duplicate_key 3:3: 'table-rewrite' is given twice",
               "note 2:3: 'table-rewrite' is first given here"}));
}

TEST_F(LintConfigTest, KeyThatIsNoName) {
  EXPECT_EQ(
      problems("[a, b]: c\n"),
      Strings({"err_config_wrong_kind 1:1: a key must be a name, not a list"}));
}

TEST_F(LintConfigTest, UnknownCheck) {
  Strings Expected = {
      "err_config_unknown_check 2:3: unknown check 'table-rewrites'"
      " in 'checks'; 'schemac check --list-checks' lists them",
      "note 2:3: did you mean 'table-rewrite'?",
      "err_config_unknown_check 3:3: unknown check 'no-such-check'"
      " in 'checks'; 'schemac check --list-checks' lists them"};
  EXPECT_EQ(problems("checks:\n  table-rewrites: off\n  no-such-check: off\n"),
            Expected);
}

TEST_F(LintConfigTest, UnknownLevel) {
  EXPECT_EQ(problems("checks:\n  table-rewrite: warn\n  fk-not-valid: Off\n"),
            Strings({"err_config_unknown_level 2:18: unknown level 'warn' for "
                     "check 'table-rewrite'; expected error, warning or off",
                     "err_config_unknown_level 3:17: unknown level 'Off' for "
                     "check 'fk-not-valid'; expected error, warning or off"}));
}

TEST_F(LintConfigTest, RequiredCheckCannotBeWeakened) {
  EXPECT_EQ(
      problems("checks:\n  unresolved-name: off\n  duplicate-name: warning\n"),
      Strings({"err_config_required_check 2:20: check 'unresolved-name' "
               "cannot be set to 'off': schemac cannot go on past it",
               "err_config_required_check 3:19: check 'duplicate-name' "
               "cannot be set to 'warning': schemac cannot go on past it"}));
}

TEST_F(LintConfigTest, ValuesOfTheWrongKind) {
  EXPECT_EQ(problems("schema: {a: b}\n"),
            Strings({"err_config_wrong_kind 1:9: 'schema' must be a schema "
                     "file or directory, or a list of them, not a mapping"}));
  EXPECT_EQ(problems("schema: []\n"),
            Strings({"err_config_wrong_kind 1:9: 'schema' must be a schema "
                     "file or directory, or a list of them, not an empty "
                     "list"}));
  EXPECT_EQ(problems("schema:\n  - a.schema\n  - [b.schema]\n"),
            Strings({"err_config_wrong_kind 3:5: an entry of 'schema' must be "
                     "a schema file or directory, not a list"}));
  // A missing value is reported at its key, not at the next line.
  EXPECT_EQ(problems("base:\nschema: s\n"),
            Strings({"err_config_wrong_kind 1:1: 'base' must be a schema file "
                     "or directory, git:REV or a database URL, not an empty "
                     "value"}));
  EXPECT_EQ(problems("migrations: ''\n"),
            Strings({"err_config_wrong_kind 1:13: 'migrations' must be a "
                     "directory, not an empty string"}));
  EXPECT_EQ(problems("migrations: null\n"),
            Strings({"err_config_wrong_kind 1:13: 'migrations' must be a "
                     "directory, not an empty value"}));
  EXPECT_EQ(problems("checks: [table-rewrite]\n"),
            Strings({"err_config_wrong_kind 1:9: 'checks' must be a mapping "
                     "of check names to error, warning or off, not a list"}));
  EXPECT_EQ(problems("checks: all\n"),
            Strings({"err_config_wrong_kind 1:9: 'checks' must be a mapping "
                     "of check names to error, warning or off, not 'all'"}));
  // The parser places these after their first token: the key says where.
  EXPECT_EQ(problems("schema: |\n  a.schema\n"),
            Strings({"err_config_wrong_kind 1:1: 'schema' must be a schema "
                     "file or directory, or a list of them, not a block "
                     "scalar"}));
  EXPECT_EQ(problems("base: *old\n"),
            Strings({"err_config_wrong_kind 1:1: 'base' must be a schema file "
                     "or directory, git:REV or a database URL, not an "
                     "alias"}));
  EXPECT_EQ(problems("checks:\n  table-rewrite:\n    level: off\n"),
            Strings({"err_config_wrong_kind 3:5: the level of 'table-rewrite' "
                     "must be error, warning or off, not a mapping"}));
}

TEST_F(LintConfigTest, EveryProblemInOneRun) {
  EXPECT_EQ(problems(R"(schema: []
colour: red
checks:
  table-rewrites: off
  fk-not-valid: sometimes
)"),
            Strings({"err_config_wrong_kind 1:9: 'schema' must be a schema "
                     "file or directory, or a list of them, not an empty list",
                     "err_config_unknown_key 2:1: unknown key 'colour'; "
                     "expected schema, base, migrations or checks",
                     "err_config_unknown_check 4:3: unknown check "
                     "'table-rewrites' in 'checks'; 'schemac check "
                     "--list-checks' lists them",
                     "note 4:3: did you mean 'table-rewrite'?",
                     "err_config_unknown_level 5:17: unknown level "
                     "'sometimes' for check 'fk-not-valid'; expected error, "
                     "warning or off"}));
}

TEST_F(LintConfigTest, MissingFile) {
  Result R = readFile(path("nowhere/.schemac.yaml"));
  EXPECT_FALSE(R.Ok);
  EXPECT_EQ(R.Seen, Strings({"err_cannot_read -: cannot read '" +
                             path("nowhere/.schemac.yaml") +
                             "': No such file or directory"}));
}

TEST_F(LintConfigTest, PrintedWithFileLineColumnAndCaret) {
  write("repo/.schemac.yaml", "checks:\n  table-rewrite: warn\n");
  std::string File = path("repo/.schemac.yaml");
  llvm::SourceMgr SM;
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  TextDiagnosticPrinter Printer(SM, OS, /*Colors=*/false);
  DiagnosticEngine Diags(SM, Printer);
  LintConfig Config;
  EXPECT_FALSE(readLintConfig(File, SM, Diags, Config));
  Printer.finish();
  EXPECT_EQ(OS.str(), File + ":2:18: error: unknown level 'warn' for check "
                             "'table-rewrite'; expected error, warning or off\n"
                             "  table-rewrite: warn\n"
                             "                 ^~~~\n"
                             "1 error generated.\n");
}

//===----------------------------------------------------------------------===//
// findLintConfig
//===----------------------------------------------------------------------===//

TEST_F(LintConfigTest, FindWalksUpToTheRepositoryRoot) {
  mkdir("repo/.git");
  write("repo/.schemac.yaml", "");
  mkdir("repo/a/b");
  EXPECT_EQ(findLintConfig("", path("repo/a/b")),
            path("repo/a/b/../../.schemac.yaml"));
  EXPECT_EQ(findLintConfig("", path("repo")), path("repo/.schemac.yaml"));
  // The nearest one wins.
  write("repo/a/.schemac.yaml", "");
  EXPECT_EQ(findLintConfig("", path("repo/a/b")),
            path("repo/a/b/../.schemac.yaml"));
}

TEST_F(LintConfigTest, FindStopsAtTheRepositoryRoot) {
  // A config above the repository belongs to another project.
  write(".schemac.yaml", "");
  mkdir("repo/.git");
  mkdir("repo/a");
  EXPECT_EQ(findLintConfig("", path("repo/a")), std::nullopt);
  EXPECT_EQ(findLintConfig("", path("repo")), std::nullopt);
  // A worktree's or submodule's .git is a file.
  write("worktree/.git", "gitdir: ../repo/.git/worktrees/w\n");
  mkdir("worktree/a");
  EXPECT_EQ(findLintConfig("", path("worktree/a")), std::nullopt);
  // Without a repository the walk goes on up.
  mkdir("plain/a");
  EXPECT_EQ(findLintConfig("", path("plain/a")),
            path("plain/a/../../.schemac.yaml"));
}

TEST_F(LintConfigTest, FindTakesTheExplicitFile) {
  mkdir("repo/.git");
  write("repo/.schemac.yaml", "");
  EXPECT_EQ(findLintConfig("ci/lint.yaml", path("repo")), "ci/lint.yaml");
  // Even one that does not exist: reading it says so.
  EXPECT_EQ(findLintConfig("missing.yaml"), "missing.yaml");
}

//===----------------------------------------------------------------------===//
// The file's levels under the command line
//===----------------------------------------------------------------------===//

/// How a diagnostic of ID ends up with the file's Config levels and the
/// command line Flags: "error", "warning" or "none".
std::string levelOf(DiagID ID, const Levels &Config,
                    std::vector<const char *> Flags) {
  // -verify's consumer keeps what it is handed until finish(), which is not
  // called: nothing is printed, and the engine's counts tell the level.
  std::vector<const char *> Argv = {"schemac-unittests", "--verify"};
  Argv.insert(Argv.end(), Flags.begin(), Flags.end());
  std::vector<std::string> Storage;
  std::vector<const char *> Args = rewriteWarningFlags(Argv, Storage);
  llvm::cl::ResetAllOptionOccurrences();
  std::string Errors;
  llvm::raw_string_ostream ErrorsOS(Errors);
  if (!llvm::cl::ParseCommandLineOptions(Args.size(), Args.data(), "",
                                         &ErrorsOS))
    return "bad flags: " + Errors;
  setConfigCheckLevels(Config);
  if (!applyWarningOptions())
    return "rejected";
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();
  if (ID == DiagID::warn_lint_index)
    Diags.report(ID, llvm::SMLoc(), "i", "t");
  else
    Diags.report(ID, llvm::SMLoc(), "t");
  if (Diags.getErrorCount())
    return "error";
  return Diags.getWarningCount() ? "warning" : "none";
}

class LevelsAndFlags : public ::testing::Test {
protected:
  void TearDown() override {
    // The options are global: leave them as an empty command line would.
    llvm::cl::ResetAllOptionOccurrences();
    setConfigCheckLevels({});
    applyWarningOptions();
  }
};

TEST_F(LevelsAndFlags, FileLevelsAreDefaults) {
  const DiagID Index = DiagID::warn_lint_index;
  const DiagID Drop = DiagID::err_lint_drop_table;
  EXPECT_EQ(levelOf(Index, {}, {}), "warning");
  EXPECT_EQ(levelOf(Drop, {}, {}), "error");
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Error}}, {}),
            "error");
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Off}}, {}),
            "none");
  EXPECT_EQ(levelOf(Drop, {{"destructive-change", CheckLevel::Warning}}, {}),
            "warning");
  EXPECT_EQ(levelOf(Drop, {{"destructive-change", CheckLevel::Off}}, {}),
            "none");
}

TEST_F(LevelsAndFlags, FlagsOverrideTheFile) {
  const DiagID Index = DiagID::warn_lint_index;
  const DiagID Drop = DiagID::err_lint_drop_table;
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Error}},
                    {"-Wno-error=non-concurrent-index"}),
            "warning");
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Error}},
                    {"--allow=non-concurrent-index"}),
            "none");
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Off}},
                    {"-Wnon-concurrent-index"}),
            "warning");
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Off}},
                    {"-Werror=non-concurrent-index"}),
            "error");
  EXPECT_EQ(levelOf(Drop, {{"destructive-change", CheckLevel::Warning}},
                    {"--deny=destructive-change"}),
            "error");
  EXPECT_EQ(levelOf(Drop, {{"destructive-change", CheckLevel::Error}},
                    {"--allow=destructive-change"}),
            "none");
  // Flags about other checks leave the file's level alone.
  EXPECT_EQ(levelOf(Index, {{"non-concurrent-index", CheckLevel::Off}},
                    {"--deny=table-rewrite", "-Wfk-not-valid"}),
            "none");
}

TEST_F(LevelsAndFlags, WarningInTheFileIsKeptUnderWerror) {
  // `warning` is -W<check> -Wno-error=<check>, and a check's own level
  // beats -Werror, as with compilers.
  EXPECT_EQ(levelOf(DiagID::warn_lint_index,
                    {{"non-concurrent-index", CheckLevel::Warning}},
                    {"-Werror"}),
            "warning");
  EXPECT_EQ(levelOf(DiagID::warn_lint_index, {}, {"-Werror"}), "error");
}

TEST_F(LevelsAndFlags, LaterFileEntriesWin) {
  EXPECT_EQ(levelOf(DiagID::warn_lint_index,
                    {{"non-concurrent-index", CheckLevel::Off},
                     {"non-concurrent-index", CheckLevel::Error}},
                    {}),
            "error");
}

TEST_F(LintConfigTest, ReadLevelsApplyThroughTheSwitches) {
  Result R = read("checks:\n  non-concurrent-index: error\n");
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(levelOf(DiagID::warn_lint_index, R.Config.Checks, {}), "error");
  EXPECT_EQ(levelOf(DiagID::warn_lint_index, R.Config.Checks,
                    {"-Wno-error=non-concurrent-index"}),
            "warning");
  llvm::cl::ResetAllOptionOccurrences();
  setConfigCheckLevels({});
  applyWarningOptions();
}

} // namespace
