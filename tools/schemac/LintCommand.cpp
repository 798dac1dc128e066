//===- LintCommand.cpp - `schemac lint` -----------------------------------===//
//
// The pull-request check (docs/lint.md): every check of `schemac check` on
// the new schema and, with --base, the change checks (codegen/ChangeChecks.h)
// on the change from the base to it. The findings are the command's output,
// on standard output, as text, JSON, SARIF or GitHub workflow commands.
// Exit 1 when one is an error, 2 when the input is not a schema at all.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/GitRevision.h"
#include "tools/schemac/LintConfig.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/ChangeChecks.h"
#include "codegen/MigrationDirectory.h"
#include "codegen/MigrationLint.h"
#include "runtime/ConnectionString.h"
#include "sema/Checks.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <set>

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::LintCommand(
    "lint", "Check a schema and what changed since a base, for pull requests");

namespace {
cl::OptionCategory LintCategory("Lint options");

cl::list<std::string> Inputs(cl::Positional, cl::ZeroOrMore,
                             cl::desc("<schema file or directory>..."),
                             cl::sub(driver::LintCommand),
                             cl::cat(LintCategory));
cl::opt<std::string> Base(
    "base",
    cl::desc("What the change is from: schema files, a migration directory, "
             "a database, or git:REV (the same paths at that revision)"),
    cl::value_desc("src"), cl::sub(driver::LintCommand), cl::cat(LintCategory));
cl::opt<DiagnosticFormat> Format(
    "format", cl::desc("How findings are printed (on standard output)"),
    cl::values(
        clEnumValN(DiagnosticFormat::Text, "text",
                   "file:line:col with a caret (default)"),
        clEnumValN(DiagnosticFormat::JSON, "json", "one JSON object per line"),
        clEnumValN(DiagnosticFormat::SARIF, "sarif", "one SARIF 2.1.0 log"),
        clEnumValN(DiagnosticFormat::GitHub, "github",
                   "GitHub Actions workflow commands (annotations)")),
    cl::init(DiagnosticFormat::Text), cl::sub(driver::LintCommand),
    cl::cat(LintCategory));
cl::opt<std::string> Migrations(
    "migrations",
    cl::desc("Also lint the SQL of this migration directory's new up files "
             "(with --base git:REV, those REV lacks; else all of them)"),
    cl::value_desc("dir"), cl::sub(driver::LintCommand), cl::cat(LintCategory));
cl::opt<std::string>
    ConfigFile("config",
               cl::desc("The configuration file (default: .schemac.yaml at "
                        "the repository's root, if there is one)"),
               cl::value_desc("file"), cl::sub(driver::LintCommand),
               cl::cat(LintCategory));

int usage(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
  return ExitInvalid;
}

/// The base, compiled without its own checks: only what changed is judged.
/// Sides read from a database or a snapshot have no sources of their own
/// (and what a database holds that the new schema does not manage, its
/// version tables and `database { exclude }`, is left out).
bool compileBase(llvm::StringRef Source, llvm::ArrayRef<std::string> NewInputs,
                 const ir::Schema &NewIR, llvm::SourceMgr &SM,
                 DiagnosticEngine &Diags, CompiledSchema &Out,
                 bool &HasSources) {
  HasSources = true;
  if (Source.consume_front("git:")) {
    auto Files = readAtRevision(Source, NewInputs);
    if (!Files) {
      Diags.report(DiagID::err_lint_base, llvm::SMLoc(), "git:" + Source,
                   llvm::toString(Files.takeError()));
      return false;
    }
    std::vector<unsigned> Buffers;
    for (RevisionFile &F : *Files)
      Buffers.push_back(SM.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBufferCopy(F.Text, F.Name), llvm::SMLoc()));
    return compileBuffers(Buffers, Diags, StopAfter::Resolve, Out);
  }
  std::string Input = Source.str();
  if (!compileSchema({Input}, SM, Diags, StopAfter::Resolve, Out))
    return false;
  if (isDatabaseArgument(Input)) {
    // What the schema does not manage is not dropped by it, as for diff.
    SchemaFilter Unmanaged;
    Unmanaged.Exclude.assign(defaultExcludes().begin(),
                             defaultExcludes().end());
    llvm::append_range(Unmanaged.Exclude, NewIR.Exclude);
    if (llvm::Error E = applyFilter(Out.Sema->IR, Unmanaged)) {
      Diags.report(DiagID::err_lint_base, llvm::SMLoc(), redactPassword(Input),
                   llvm::toString(std::move(E)));
      return false;
    }
    HasSources = false;
  }
  if (isMigrationDirectoryArgument(Input))
    HasSources = false;
  return true;
}

/// Lints the up files of the migration directory at Path that the base
/// does not have: with a git:REV base, the files REV lacks, deployed
/// together onto REV's schema.snapshot; else every file, each deployed
/// after the ones before it (whose column types are then not known).
bool lintMigrationDirectory(llvm::StringRef Path, llvm::StringRef BaseSource,
                            llvm::SourceMgr &SM, DiagnosticEngine &Diags) {
  auto Dir = MigrationDirectory::read(Path, SM, Diags);
  if (!Dir || !Dir->verify(Diags))
    return false;
  auto *Before = new CompiledSchema;
  ir::Schema BeforeIR = emptySchema();
  std::set<std::string> Known;
  bool Git = BaseSource.consume_front("git:");
  if (Git) {
    auto Files = readAtRevision(BaseSource, {Path.str()}, ".sql");
    if (!Files) {
      Diags.report(DiagID::err_lint_base, llvm::SMLoc(), "git:" + BaseSource,
                   llvm::toString(Files.takeError()));
      return false;
    }
    for (const RevisionFile &F : *Files)
      Known.insert(llvm::sys::path::filename(F.Name).str());
    llvm::SmallString<256> Snapshot(Path);
    llvm::sys::path::append(Snapshot, MigrationDirectory::SnapshotFileName);
    auto Snapshots = readAtRevision(BaseSource, {std::string(Snapshot)});
    if (!Snapshots) {
      Diags.report(DiagID::err_lint_base, llvm::SMLoc(), "git:" + BaseSource,
                   llvm::toString(Snapshots.takeError()));
      return false;
    }
    if (!Snapshots->empty()) {
      RevisionFile &F = Snapshots->front();
      unsigned ID = SM.AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBufferCopy(F.Text, F.Name), llvm::SMLoc());
      if (!compileBuffers({ID}, Diags, StopAfter::Resolve, *Before))
        return false;
      BeforeIR = Before->Sema->IR;
    }
  }
  std::vector<const MigrationFile *> New;
  for (const Migration *M : Dir->chain())
    if (!Known.count(M->Up->FileName))
      New.push_back(M->Up);
  lintMigrationFiles(BeforeIR, New,
                     Git ? Deployment::Together : Deployment::OneByOne, Diags);
  return true;
}

} // namespace

cl::OptionCategory &driver::lintCategory() { return LintCategory; }

int driver::runLintCommand() {
  LintConfig Config;
  llvm::SourceMgr ConfigSM;
  if (auto Path = findLintConfig(ConfigFile)) {
    DiagnosticSetup ConfigSetup(ConfigSM);
    if (!readLintConfig(*Path, ConfigSM, ConfigSetup.engine(), Config))
      return ConfigSetup.finish(ExitInvalid);
    setConfigCheckLevels(Config.Checks);
  }
  if (!applyWarningOptions())
    return ExitInvalid;
  std::vector<std::string> Schemas(Inputs.begin(), Inputs.end());
  if (Schemas.empty())
    Schemas = Config.Schemas;
  std::string MigrationsDir = Migrations.getNumOccurrences()
                                  ? Migrations.getValue()
                                  : Config.Migrations.value_or("");
  if (Schemas.empty() && MigrationsDir.empty())
    return usage("no schema files given: schemac lint [--base SRC] "
                 "FILE|DIR... [--migrations DIR] (or `schema:` in "
                 ".schemac.yaml)");
  std::string BaseSource =
      Base.getNumOccurrences() ? Base.getValue() : Config.Base.value_or("");

  llvm::SourceMgr SM;
  // --format, or else --diagnostics-format, which every command takes.
  DiagnosticSetup Setup(SM,
                        Format.getNumOccurrences()
                            ? Format.getValue()
                            : explicitDiagnosticFormat().value_or(Format),
                        llvm::outs());
  DiagnosticEngine &Diags = Setup.engine();
  if (!Schemas.empty()) {
    auto *New = new CompiledSchema; // kept to exit, as the IR points into it
    if (!compileSchema(Schemas, SM, Diags, StopAfter::Resolve, *New))
      return Setup.finish(ExitInvalid);
    runChecks(New->Sema->IR, New->Sema->Sources, Diags);
    if (!BaseSource.empty()) {
      auto *Old = new CompiledSchema;
      bool HasSources = false;
      if (!compileBase(BaseSource, Schemas, New->Sema->IR, SM, Diags, *Old,
                       HasSources))
        return Setup.finish(ExitInvalid);
      runChangeChecks(
          {Old->Sema->IR, HasSources ? &Old->Sema->Sources : nullptr},
          {New->Sema->IR, &New->Sema->Sources}, Diags);
    }
  }
  if (!MigrationsDir.empty() &&
      !lintMigrationDirectory(MigrationsDir, BaseSource, SM, Diags))
    return Setup.finish(ExitInvalid);
  return Setup.finish(Diags.hasErrors() ? ExitFindings : ExitOk);
}
