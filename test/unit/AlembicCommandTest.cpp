//===- AlembicCommandTest.cpp - runAlembicVerify and runAlembicNew --------===//
//
// The driver functions behind `migrate verify --alembic` and `migrate new
// --format alembic`, run on the fixtures and on scratch directories: their
// exit codes, the file written onto the head, and the refusals that write
// nothing. (Their diagnostics' wording is pinned by the lit tests.)
//===----------------------------------------------------------------------===//

#include "codegen/AlembicRevisions.h"
#include "tools/schemac/Commands.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;

namespace {

std::string fixture(llvm::StringRef Name) {
  llvm::SmallString<256> Dir(SCHEMAC_SOURCE_DIR);
  llvm::sys::path::append(Dir, "test", "Migrate", "Inputs", Name);
  return std::string(Dir);
}

/// A scratch directory with a versions directory and schema files in it,
/// removed at the end of the test.
class AlembicCommandTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("schemac-alembic", Root));
    Versions = path("versions");
    ASSERT_FALSE(llvm::sys::fs::create_directory(Versions));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Name) {
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  std::string write(llvm::StringRef Name, llvm::StringRef Text) {
    std::string P = path(Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC);
    OS << Text;
    return P;
  }
  /// The names of the files in the versions directory, sorted.
  std::vector<std::string> files() {
    std::vector<std::string> Names;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Versions, EC), End;
         It != End && !EC; It.increment(EC))
      Names.push_back(llvm::sys::path::filename(It->path()).str());
    llvm::sort(Names);
    return Names;
  }
  std::string read(llvm::StringRef Name) {
    auto Buffer = llvm::MemoryBuffer::getFile(Versions + "/" + Name.str());
    return Buffer ? (*Buffer)->getBuffer().str() : "";
  }

  llvm::SmallString<128> Root;
  std::string Versions;
};

TEST_F(AlembicCommandTest, VerifyExitCodes) {
  EXPECT_EQ(driver::runAlembicVerify(fixture("alembic-linear")), 0);
  EXPECT_EQ(driver::runAlembicVerify(fixture("alembic-merge")), 0);
  EXPECT_EQ(driver::runAlembicVerify(fixture("alembic-revises")), 0);
  EXPECT_EQ(driver::runAlembicVerify(fixture("alembic-cycle")), 1);
  EXPECT_EQ(driver::runAlembicVerify(fixture("alembic-unclosed-bracket")), 1);
  EXPECT_EQ(driver::runAlembicVerify(path("no-such-directory")), 2);
  EXPECT_EQ(driver::runAlembicVerify(write("file.py", "")), 2);
  EXPECT_EQ(driver::runAlembicVerify(Versions), 0); // no revisions yet
}

TEST_F(AlembicCommandTest, NewRevisionsChainOntoTheHead) {
  std::string V1 = write("v1.schema", "table users { id integer primary key; "
                                      "email text not null; }\n");
  std::string V2 = write("v2.schema", "enum mood { happy, sad }\n"
                                      "table users { id integer primary key; "
                                      "email text not null; m mood; }\n");

  ASSERT_EQ(driver::runAlembicNew("create users", Versions, {V1}, "", false),
            0);
  std::vector<std::string> First = files();
  ASSERT_EQ(First.size(), 1u);
  llvm::StringRef Rev1 = llvm::StringRef(First[0]).take_front(12);
  EXPECT_EQ(First[0], Rev1.str() + "_create_users.py");
  std::string Text = read(First[0]);
  EXPECT_NE(Text.find("revision = '" + Rev1.str() + "'\ndown_revision = None"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("op.execute(\"\"\"CREATE TABLE public.users"),
            std::string::npos)
      << Text;

  // Without --from, a directory with revisions is refused: the empty
  // schema is not what its head has.
  EXPECT_EQ(driver::runAlembicNew("add mood", Versions, {V2}, "", false), 2);
  ASSERT_EQ(driver::runAlembicNew("add mood", Versions, {V2}, V1, false), 0);
  std::vector<std::string> Second = files();
  ASSERT_EQ(Second.size(), 2u);
  std::string New = Second[0] == First[0] ? Second[1] : Second[0];
  EXPECT_TRUE(llvm::StringRef(New).endswith("_add_mood.py"));
  Text = read(New);
  EXPECT_NE(Text.find("down_revision = '" + Rev1.str() + "'"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("Revises: " + Rev1.str() + "\n"), std::string::npos);
  EXPECT_NE(Text.find("CREATE TYPE public.mood"), std::string::npos);
  EXPECT_NE(Text.find("def downgrade() -> None:\n"), std::string::npos);
  EXPECT_EQ(driver::runAlembicVerify(Versions), 0);

  // Nothing changed: nothing written.
  EXPECT_EQ(driver::runAlembicNew("again", Versions, {V2}, V2, false), 0);
  EXPECT_EQ(files().size(), 2u);
}

TEST_F(AlembicCommandTest, Refusals) {
  std::string V1 = write("v1.schema", "table users { id integer primary key; "
                                      "email text; }\n");
  std::string V0 = write("v0.schema", "table users { id integer primary key; "
                                      "}\n");
  // Dropping a column needs --allow-destructive.
  EXPECT_EQ(driver::runAlembicNew("drop email", Versions, {V0}, V1, false), 2);
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(driver::runAlembicNew("drop email", Versions, {V0}, V1, true), 0);
  ASSERT_EQ(files().size(), 1u);
  EXPECT_NE(read(files()[0]).find("# destructive: "), std::string::npos);

  // A directory that does not verify gets nothing added.
  EXPECT_EQ(driver::runAlembicNew("x", fixture("alembic-multiple-heads"), {V1},
                                  V0, false),
            2);
  EXPECT_EQ(driver::runAlembicNew("x", path("missing"), {V1}, V0, false), 2);
  EXPECT_EQ(driver::runAlembicNew("", Versions, {V1}, V0, false), 2);
  EXPECT_EQ(driver::runAlembicNew("x", Versions, {}, V0, false), 2);
  EXPECT_EQ(files().size(), 1u);
}

TEST_F(AlembicCommandTest, DevDbJudgesExpressions) {
  // The same jsonb default in two spellings: a change to schemac's own
  // comparison, none to PostgreSQL (here schemac's own temporary server).
  std::string A = write("a.schema", "table t { id integer primary key; "
                                    "j jsonb default '{\"a\":1}'; }\n");
  std::string B = write("b.schema", "table t { id integer primary key; "
                                    "j jsonb default '{\"a\": 1}'; }\n");
  EXPECT_EQ(
      driver::runAlembicNew("respell", Versions, {B}, A, false, std::string()),
      0);
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(driver::runAlembicNew("respell", Versions, {B}, A, false), 0);
  EXPECT_EQ(files().size(), 1u);
}

} // namespace
