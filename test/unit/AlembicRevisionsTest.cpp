//===- AlembicRevisionsTest.cpp - Reading, checking, writing Alembic files ===//
//
// The reader stands in for Python, so its tests pin what it takes for a
// module-level assignment and what it skips; the checks run on the fixture
// directories the lit tests use; the writer's escaping is tested against the
// rules of SQLAlchemy's text(), and what it writes is read back by the
// reader. The driver functions run end to end on copies of the fixtures.
//===----------------------------------------------------------------------===//

#include "codegen/AlembicRevisions.h"
#include "codegen/Migration.h"
#include "frontend/Diagnostic.h"
#include "test/unit/CompileSchema.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "SourceFixture.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;
using namespace schemac::alembic;
using schemac::test::SourceFixture;

namespace {

/// Each diagnostic as `Name line:col`, its notes as `note line:col`.
class Recorder : public DiagnosticConsumer {
public:
  explicit Recorder(const llvm::SourceMgr &SM) : SM(SM) {}
  void handle(const Diagnostic &D) override {
    Seen.push_back(getDiagInfo(D.ID).Name.str() + " " + where(D.Range));
    Messages.push_back(D.Message);
    for (const DiagnosticNote &N : D.Notes)
      Seen.push_back("note " + where(N.Range));
  }
  std::string where(llvm::SMRange R) const {
    auto P = findSourcePosition(SM, R.Start);
    if (!P)
      return "-";
    return llvm::sys::path::filename(P->File).str() + ":" +
           std::to_string(P->Line) + ":" + std::to_string(P->Column);
  }
  const llvm::SourceMgr &SM;
  std::vector<std::string> Seen;
  std::vector<std::string> Messages;
};

struct ReadResult {
  RevisionFile File;
  std::vector<std::string> Seen;
};

ReadResult read(llvm::StringRef Text, llvm::StringRef Name = "r.py") {
  SourceFixture F;
  unsigned ID = F.addFile(Text, Name);
  Recorder R(F.SM);
  DiagnosticEngine Diags(F.SM, R);
  RevisionFile File = readRevisionFile(ID, Diags);
  // The locations point into F's buffer, which dies here: keep values only.
  for (Located *L : {File.Revision ? &*File.Revision : nullptr,
                     File.DocRevisionID ? &*File.DocRevisionID : nullptr})
    if (L)
      L->Range = {};
  for (Located &L : File.DownRevisions)
    L.Range = {};
  return {File, R.Seen};
}

std::vector<std::string> values(const std::vector<Located> &List) {
  std::vector<std::string> Out;
  for (const Located &L : List)
    Out.push_back(L.Value);
  return Out;
}

using Strings = std::vector<std::string>;

//===----------------------------------------------------------------------===//
// Reading one file
//===----------------------------------------------------------------------===//

TEST(AlembicReadTest, PlainAndTypedAssignments) {
  ReadResult R = read("revision = 'abc'\ndown_revision = None\n");
  ASSERT_TRUE(R.File.Revision);
  EXPECT_EQ(R.File.Revision->Value, "abc");
  EXPECT_TRUE(R.File.HasDownRevision);
  EXPECT_TRUE(R.File.DownRevisions.empty());
  EXPECT_TRUE(R.Seen.empty());

  R = read("revision: str = \"abc\"\n"
           "down_revision: Union[str, Sequence[str], None] = \"def\"\n"
           "branch_labels: Union[str, Sequence[str], None] = ('x',)\n");
  EXPECT_EQ(R.File.Revision->Value, "abc");
  EXPECT_EQ(values(R.File.DownRevisions), Strings{"def"});
  EXPECT_TRUE(R.Seen.empty());
}

TEST(AlembicReadTest, MergeTuplesAndLists) {
  EXPECT_EQ(values(read("revision='m'\ndown_revision = ('a', 'b')\n")
                       .File.DownRevisions),
            (Strings{"a", "b"}));
  EXPECT_EQ(
      values(
          read("revision='m'\ndown_revision = 'a', 'b'\n").File.DownRevisions),
      (Strings{"a", "b"}));
  EXPECT_EQ(values(read("revision='m'\ndown_revision = [\n  'a',  # x\n"
                        "  'b',\n]\n")
                       .File.DownRevisions),
            (Strings{"a", "b"}));
  // Parentheses alone make no tuple; adjacent literals are one string.
  EXPECT_EQ(
      values(
          read("revision='m'\ndown_revision = ('a' 'b')\n").File.DownRevisions),
      Strings{"ab"});
  ReadResult Empty = read("revision='m'\ndown_revision = ()\n");
  EXPECT_TRUE(Empty.File.HasDownRevision);
  EXPECT_TRUE(Empty.File.DownRevisions.empty());
}

TEST(AlembicReadTest, StringPrefixesAndEscapes) {
  EXPECT_EQ(read("revision = r'a\\b'\ndown_revision=None").File.Revision->Value,
            "a\\b");
  EXPECT_EQ(
      read("revision = U'a\\'b'\ndown_revision=None").File.Revision->Value,
      "a'b");
  EXPECT_EQ(
      read("revision = '''abc'''\ndown_revision=None").File.Revision->Value,
      "abc");
  // Bytes and f-strings have no value known before running.
  EXPECT_EQ(read("revision = b'abc'\ndown_revision=None").Seen,
            Strings{"err_alembic_not_literal r.py:1:12"});
  EXPECT_EQ(read("revision = f'{x}'\ndown_revision=None").Seen,
            Strings{"err_alembic_not_literal r.py:1:12"});
}

TEST(AlembicReadTest, OnlyModuleLevelStatementsCount) {
  ReadResult R = read(R"py(revision = 'top'
down_revision = None

def upgrade():
    revision = 'inner'
    op.execute("""
revision = 'in a string'
""")
if True:
    down_revision = 'conditional'
x = {
revision: 1}
)py");
  EXPECT_EQ(R.File.Revision->Value, "top");
  EXPECT_TRUE(R.File.DownRevisions.empty());
  EXPECT_TRUE(R.Seen.empty());
}

TEST(AlembicReadTest, ContinuationsAndComparisons) {
  ReadResult R = read("revision = \\\n  'abc'\n"
                      "down_revision = None if x == 1 else None\n");
  EXPECT_EQ(R.File.Revision->Value, "abc");
  EXPECT_EQ(R.Seen, Strings{"err_alembic_not_literal r.py:3:17"});
  // `a = b = value` assigns both; augmented assignment is not read.
  R = read("revision = down_revision = None\n");
  EXPECT_EQ(R.Seen, Strings{"err_alembic_not_literal r.py:1:28"});
  EXPECT_TRUE(R.File.HasDownRevision);
  R = read("import os; revision = 'a'; down_revision = None\n"
           "def f(): revision = 'b'\n");
  EXPECT_EQ(R.File.Revision->Value, "a");
  EXPECT_TRUE(R.Seen.empty());
  R = read("revision = 'a\\\r\nb'\r\ndown_revision = None\r\n");
  EXPECT_EQ(R.File.Revision->Value, "ab");
  EXPECT_TRUE(R.Seen.empty());
  R = read("revision = 'a'\ndown_revision = None\nrevision += 'b'\n");
  EXPECT_EQ(R.File.Revision->Value, "a");
  EXPECT_TRUE(R.Seen.empty());
}

TEST(AlembicReadTest, Docstring) {
  SourceFixture F;
  unsigned ID = F.addFile("\"\"\"msg\n\nRevision ID: abc\nRevises: d1, d2\n"
                          "Create Date: now\n\"\"\"\nrevision = 'abc'\n"
                          "down_revision = ('d1', 'd2')\n");
  Recorder R(F.SM);
  DiagnosticEngine Diags(F.SM, R);
  RevisionFile File = readRevisionFile(ID, Diags);
  ASSERT_TRUE(File.DocRevisionID);
  EXPECT_EQ(File.DocRevisionID->Value, "abc");
  EXPECT_EQ(R.where(File.DocRevisionID->Range), "test.schema:3:14");
  ASSERT_TRUE(File.DocRevises);
  EXPECT_EQ(values(*File.DocRevises), (Strings{"d1", "d2"}));
  EXPECT_EQ(R.where(File.DocRevisesRange), "test.schema:4:10");
  EXPECT_EQ(R.where(File.Revision->Range), "test.schema:7:12");
}

TEST(AlembicReadTest, Problems) {
  EXPECT_EQ(read("x = 1\n", "x.py").Seen,
            Strings{"err_alembic_no_revision x.py:1:1"});
  EXPECT_EQ(read("revision = 'a'\n").Seen,
            Strings{"err_alembic_no_down_revision r.py:1:12"});
  EXPECT_EQ(read("revision = 'a'\ndown_revision = None\nrevision = 'b'\n").Seen,
            (Strings{"warn_alembic_reassigned r.py:3:1", "note r.py:1:1"}));
  EXPECT_EQ(read("revision = 'a\ndown_revision = None\n").Seen,
            Strings{"err_unterminated_string r.py:1:12"});
  EXPECT_EQ(read("revision = 'a'\nx = f(\n  [1, 2]\n").Seen,
            Strings{"err_alembic_unclosed_bracket r.py:2:6"});
  // Alembic's oldest layout: the revision is the file's name.
  ReadResult Legacy = read("down_revision = None\n", "0123abcd.py");
  EXPECT_TRUE(Legacy.Seen.empty());
  EXPECT_TRUE(Legacy.File.RevisionFromFileName);
  EXPECT_EQ(Legacy.File.Revision->Value, "0123abcd");
}

//===----------------------------------------------------------------------===//
// Checking a directory
//===----------------------------------------------------------------------===//

struct Checked {
  std::vector<std::string> Seen;
  std::vector<std::string> Messages;
  RevisionGraph Graph;
  bool Loaded;
};

Checked checkFixture(llvm::StringRef Name) {
  llvm::SmallString<256> Dir(SCHEMAC_SOURCE_DIR);
  llvm::sys::path::append(Dir, "test", "Migrate", "Inputs", Name);
  llvm::SourceMgr SM;
  Recorder R(SM);
  DiagnosticEngine Diags(SM, R);
  std::vector<unsigned> IDs;
  Checked C;
  C.Loaded = loadRevisionFiles(Dir, SM, Diags, IDs);
  std::vector<RevisionFile> Files;
  for (unsigned ID : IDs)
    Files.push_back(readRevisionFile(ID, Diags));
  C.Graph = verifyRevisions(Files, Diags);
  C.Seen = R.Seen;
  C.Messages = R.Messages;
  return C;
}

TEST(AlembicVerifyTest, GoodDirectories) {
  Checked Linear = checkFixture("alembic-linear");
  EXPECT_TRUE(Linear.Seen.empty()) << Linear.Seen.front();
  EXPECT_EQ(Linear.Graph.NumRevisions, 3u); // __init__.py is not one
  EXPECT_EQ(Linear.Graph.Heads, Strings{"27c6a30d7c24"});

  Checked Merge = checkFixture("alembic-merge");
  EXPECT_TRUE(Merge.Seen.empty());
  EXPECT_EQ(Merge.Graph.Heads, Strings{"8e5b9c6f3a45"});

  Checked Styles = checkFixture("alembic-styles");
  EXPECT_TRUE(Styles.Seen.empty()) << Styles.Seen.front();
  EXPECT_EQ(Styles.Graph.Heads, Strings{"b1c2d3e4f5a6"});
}

TEST(AlembicVerifyTest, EachProblemOnce) {
  EXPECT_EQ(checkFixture("alembic-missing-parent").Seen,
            (Strings{"err_alembic_missing_parent 4f5a6b7c8d9e_add_orders.py:"
                     "13:17",
                     "err_alembic_missing_parent 6b7c8d9e0f1a_add_payments.py:"
                     "13:17",
                     "note 5a6b7c8d9e0f_add_invoices.py:12:12"}));
  Checked Heads = checkFixture("alembic-multiple-heads");
  EXPECT_EQ(Heads.Seen,
            (Strings{"err_alembic_multiple_heads 2c3d4e5f6071_add_orders.py:"
                     "12:12",
                     "note 3d4e5f607182_add_invoices.py:12:12"}));
  EXPECT_EQ(Heads.Graph.Heads, (Strings{"2c3d4e5f6071", "3d4e5f607182"}));
  Checked Cycle = checkFixture("alembic-cycle");
  EXPECT_EQ(Cycle.Seen,
            (Strings{"err_alembic_cycle 21bb31cc41dd_add_users.py:13:17",
                     "note 43dd53ee63ff_add_invoices.py:13:17",
                     "note 32cc42dd52ee_add_orders.py:13:17",
                     "err_alembic_cycle 54ee64ff7400_self_revising.py:13:17"}));
  EXPECT_EQ(Cycle.Messages.front(),
            "revision '21bb31cc41dd' is its own ancestor: '21bb31cc41dd' "
            "revises '43dd53ee63ff', which revises '32cc42dd52ee', which "
            "revises '21bb31cc41dd'");
  EXPECT_EQ(checkFixture("alembic-duplicate").Seen,
            (Strings{"err_alembic_duplicate_revision "
                     "7b8c9d0e1f2a_add_users_again.py:12:12",
                     "note 7b8c9d0e1f2a_add_users.py:12:12"}));
  EXPECT_EQ(checkFixture("alembic-file-name").Seen,
            Strings{"err_alembic_file_name 3f1d2c4b5a69_add_email.py:12:12"});
  EXPECT_EQ(checkFixture("alembic-docstring").Seen,
            (Strings{"err_alembic_doc_revision_id bc23de45f067_add_email.py:"
                     "3:14",
                     "note bc23de45f067_add_email.py:12:12"}));
  EXPECT_EQ(checkFixture("alembic-revises").Seen,
            (Strings{"warn_alembic_doc_revises cd34ef56a078_add_phone.py:4:10",
                     "note cd34ef56a078_add_phone.py:13:17"}));
  EXPECT_EQ(checkFixture("alembic-no-revision").Seen,
            Strings{"err_alembic_no_revision add_users.py:1:1"});
}

TEST(AlembicVerifyTest, Messages) {
  auto Messages = [](llvm::StringRef Fixture) {
    return checkFixture(Fixture).Messages;
  };
  EXPECT_EQ(Messages("alembic-multiple-heads"),
            Strings{"2 heads: '2c3d4e5f6071', '3d4e5f607182'; 'alembic "
                    "upgrade head' needs one (join them with 'alembic merge "
                    "heads')"});
  EXPECT_EQ(Messages("alembic-duplicate"),
            Strings{"revision '7b8c9d0e1f2a' is declared by two files"});
  EXPECT_EQ(Messages("alembic-file-name"),
            Strings{"file name '3f1d2c4b5a69_add_email.py' starts with "
                    "revision '3f1d2c4b5a69', but the file declares revision "
                    "'9c8b7a6d5e4f'"});
  EXPECT_EQ(Messages("alembic-docstring"),
            Strings{"the docstring says 'Revision ID: ab12cd34ef56', but the "
                    "file declares revision 'bc23de45f067'"});
  EXPECT_EQ(Messages("alembic-revises"),
            Strings{"the docstring says 'Revises: ab12cd34ef56', but "
                    "down_revision is 'bc23de45f067'"});
  EXPECT_EQ(Messages("alembic-missing-parent").front(),
            "down_revision names '3e4f5a6b7c8d', which no file in this "
            "directory declares");
  EXPECT_EQ(Messages("alembic-no-revision"),
            Strings{"no module-level 'revision = ...' in 'add_users.py'; "
                    "Alembic cannot load this file"});
  EXPECT_EQ(Messages("alembic-no-down-revision"),
            Strings{"revision '1a2b3c4d5e6f' has no module-level "
                    "'down_revision = ...'; a first revision says "
                    "'down_revision = None'"});
  EXPECT_EQ(Messages("alembic-not-literal"),
            (Strings{"cannot read 'revision' without running Python; "
                     "expected a string literal",
                     "cannot read 'down_revision' without running Python; "
                     "expected a string literal, None, or a tuple of string "
                     "literals"}));
  EXPECT_EQ(Messages("alembic-reassigned"),
            Strings{"'revision' is assigned again; Alembic uses the last "
                    "value"});
  EXPECT_EQ(Messages("alembic-unclosed-bracket"),
            Strings{"'(' is never closed"});
}

/// Verifies in-memory files given as (name, text) pairs.
std::vector<std::string>
verifyFiles(std::vector<std::pair<std::string, std::string>> Inputs) {
  SourceFixture F;
  Recorder R(F.SM);
  DiagnosticEngine Diags(F.SM, R);
  std::vector<RevisionFile> Files;
  for (const auto &[Name, Text] : Inputs)
    Files.push_back(readRevisionFile(F.addFile(Text, Name), Diags));
  verifyRevisions(Files, Diags);
  return R.Seen;
}

TEST(AlembicVerifyTest, FileNamesHeldToRevisionsOnlyWhereTheyCarryThem) {
  // Custom ids (`alembic revision --rev-id 0002`) named after themselves:
  // a file whose prefix is another id-like word is wrong.
  EXPECT_EQ(verifyFiles({{"0001_a.py", "revision='0001'\ndown_revision=None"},
                         {"0003_b.py", "revision='0002'\n"
                                       "down_revision='0001'"}}),
            Strings{"err_alembic_file_name 0003_b.py:1:10"});
  // A name given by hand, or from a date-first file_template, is not.
  EXPECT_TRUE(
      verifyFiles({{"0001_a.py", "revision='0001'\ndown_revision=None"},
                   {"add_users.py", "revision='0002'\ndown_revision='0001'"}})
          .empty());
  EXPECT_TRUE(
      verifyFiles({{"2024_01_a.py", "revision='ab'\ndown_revision=None"}})
          .empty());
  // Ids with '_' in them: the name starts with the whole id.
  EXPECT_TRUE(
      verifyFiles({{"my_rev_a.py", "revision='my_rev'\ndown_revision=None"}})
          .empty());
}

TEST(AlembicVerifyTest, UnreadableDirectory) {
  Checked C = checkFixture("no-such-directory");
  EXPECT_FALSE(C.Loaded);
  EXPECT_EQ(C.Seen, Strings{"err_cannot_read -"});
}

//===----------------------------------------------------------------------===//
// Writing a revision
//===----------------------------------------------------------------------===//

TEST(AlembicWriteTest, SlugsAsAlembicMakesThem) {
  EXPECT_EQ(slugify("Add a column"), "add_a_column");
  EXPECT_EQ(slugify("  users.email: unique!  "), "users_email_unique");
  EXPECT_EQ(slugify(""), "");
  // Past 40 characters: cut back to a word boundary, marked by '_'.
  EXPECT_EQ(slugify("add the customer loyalty points ledger and its indexes"),
            "add_the_customer_loyalty_points_ledger_");
}

TEST(AlembicWriteTest, RevisionIds) {
  std::string A = generateRevisionId(), B = generateRevisionId();
  EXPECT_EQ(A.size(), 12u);
  EXPECT_EQ(A.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(A, B);
  EXPECT_EQ(currentCreateDate().size(), 26u); // 2024-05-01 12:34:56.789012
}

TEST(AlembicWriteTest, TextClauseEscaping) {
  // Casts, times and colons after words are not bind parameters.
  EXPECT_EQ(escapeForTextClause("SELECT a::text, '12:30', 'x:y'"),
            "SELECT a::text, '12:30', 'x:y'");
  // These would be: JSON, a colon after a space or a quote.
  EXPECT_EQ(escapeForTextClause("DEFAULT '{\"a\":1}'"),
            "DEFAULT '{\"a\"\\:1}'");
  EXPECT_EQ(escapeForTextClause("' :name'"), "' \\:name'");
  EXPECT_EQ(escapeForTextClause(":x"), "\\:x");
  // A name followed by a colon is not one; a backslash already before a
  // colon would be eaten by text() and is doubled.
  EXPECT_EQ(escapeForTextClause("' :ab:'"), "' :ab:'");
  EXPECT_EQ(escapeForTextClause("E'\\\\:x'"), "E'\\\\\\:x'");
  EXPECT_EQ(escapeForTextClause("'\\: '"), "'\\\\: '");
}

TEST(AlembicWriteTest, PythonLiterals) {
  EXPECT_EQ(pythonStringLiteral("a\nb"), "\"\"\"a\nb\"\"\"");
  EXPECT_EQ(pythonStringLiteral("\"x\""), "\"\"\"\"x\\\"\"\"\"");
  EXPECT_EQ(pythonStringLiteral("\"\"\""), "\"\"\"\\\"\\\"\\\"\"\"\"");
  EXPECT_EQ(pythonStringLiteral("a\\b\r\x01"), "\"\"\"a\\\\b\\r\\x01\"\"\"");
}

// Found by DiffFuzzer: the message is the docstring's first line, so
// `migrate new "Revises: x"` wrote a file whose docstring seemed to
// disagree with down_revision. The template's lines, after it, count.
TEST(AlembicReadTest, DocstringMessageLikeTemplateLines) {
  SourceFixture F;
  unsigned ID = F.addFile("\"\"\"Revision ID: y\nRevises: x\n\n"
                          "Revision ID: abc\nRevises: d1\n"
                          "Create Date: now\n\"\"\"\nrevision = 'abc'\n"
                          "down_revision = 'd1'\n");
  Recorder R(F.SM);
  DiagnosticEngine Diags(F.SM, R);
  RevisionFile File = readRevisionFile(ID, Diags);
  ASSERT_TRUE(File.DocRevisionID);
  EXPECT_EQ(File.DocRevisionID->Value, "abc");
  EXPECT_EQ(R.where(File.DocRevisionID->Range), "test.schema:4:14");
  ASSERT_TRUE(File.DocRevises);
  EXPECT_EQ(values(*File.DocRevises), Strings{"d1"});
  EXPECT_EQ(R.where(File.DocRevisesRange), "test.schema:5:10");

  for (const char *Message : {"Revision ID: y", "Revises: x", " Revises:"}) {
    ir::Schema Empty = schemac::test::compile("");
    ir::Schema Target = schemac::test::compile("table t { id integer; }");
    NewRevision Rev{Message, "0123456789ab", std::string("fedcba987654"),
                    "2024-01-01 00:00:00.000000"};
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    writeRevisionFile(Rev, planMigration(Empty, Target),
                      planMigration(Target, Empty), OS);
    OS.flush();
    SourceFixture G;
    unsigned Written = G.addFile(Text, revisionFileName(Rev));
    Recorder Seen(G.SM);
    DiagnosticEngine D(G.SM, Seen);
    RevisionFile Parent;
    Parent.Revision = Located{"fedcba987654", {}};
    Parent.HasDownRevision = true;
    verifyRevisions({Parent, readRevisionFile(Written, D)}, D);
    EXPECT_TRUE(Seen.Seen.empty()) << Message << ": " << Seen.Messages.front();
  }
}

TEST(AlembicWriteTest, FileReadsBack) {
  ir::Schema Empty = schemac::test::compile("");
  ir::Schema Target = schemac::test::compile(R"(
    enum mood { happy, sad }
    table users { id integer primary key; m mood;
                  meta jsonb default '{"a":1}'; note text default 'say """hi""" \'; }
  )");
  NewRevision Rev{"create users \"\"\" table", "0123456789ab", std::nullopt,
                  "2024-01-01 00:00:00.000000"};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeRevisionFile(Rev, planMigration(Empty, Target),
                    planMigration(Target, Empty), OS);
  OS.flush();
  EXPECT_NE(Text.find("revision = '0123456789ab'\ndown_revision = None\n"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("'{\"a\"\\\\:1}'"), std::string::npos) << Text;
  EXPECT_NE(Text.find("def downgrade() -> None:\n    # "), std::string::npos);

  ReadResult R = read(Text, "0123456789ab_create_users_table.py");
  EXPECT_TRUE(R.Seen.empty()) << R.Seen.front();
  EXPECT_EQ(R.File.Revision->Value, "0123456789ab");
  EXPECT_EQ(R.File.DocRevisionID->Value, "0123456789ab");
  EXPECT_TRUE(R.File.HasDownRevision);
  EXPECT_TRUE(R.File.DownRevisions.empty());
}

TEST(AlembicWriteTest, NoTransactionStepsInAnAutocommitBlock) {
  ir::Schema From = schemac::test::compile("enum mood { happy }");
  ir::Schema To = schemac::test::compile(
      "enum mood { happy, sad }\ntable t { id integer primary key; }");
  NewRevision Rev{"sad", "0123456789ab", std::string("fedcba987654"), "now"};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeRevisionFile(Rev, planMigration(From, To), planMigration(To, From), OS);
  OS.flush();
  EXPECT_NE(Text.find("down_revision = 'fedcba987654'"), std::string::npos);
  EXPECT_NE(Text.find("Revises: fedcba987654\n"), std::string::npos);
  size_t Block = Text.find("    with op.get_context().autocommit_block():\n"
                           "        # ");
  ASSERT_NE(Block, std::string::npos) << Text;
  size_t AddValue = Text.find("        op.execute(\"\"\"ALTER TYPE", Block);
  size_t Create = Text.find("\n    op.execute(\"\"\"CREATE TABLE", Block);
  EXPECT_LT(AddValue, Create) << Text;
}

} // namespace
