//===- MigrationStatusTest.cpp - The applier's view of a database ---------===//
//
// The parts of `migrate apply`, `down`, `status` and `stamp` that need no
// database: the chain compared with the rows of the version table
// (runtime/MigrationStatus), the version table's statements, version order
// and lock key (runtime/VersionTable), and the scripts `--sql` writes
// (runtime/SQLScript). Running them against a server: test/Migrate.
//===----------------------------------------------------------------------===//

#include "runtime/MigrationStatus.h"
#include "runtime/SQLScript.h"
#include "runtime/VersionTable.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;

namespace {

ChainMigration file(std::string Version, std::string Name,
                    std::string Checksum = "sha256:a") {
  return {std::move(Version), std::move(Name), std::move(Checksum)};
}

AppliedMigration row(std::string Version, std::string Name,
                     std::string Checksum = "sha256:a") {
  AppliedMigration R;
  R.Version = std::move(Version);
  R.Name = std::move(Name);
  R.Checksum = std::move(Checksum);
  R.SchemaHash = "sha256:s";
  return R;
}

/// Each version as `version:state`, in the order the status lists them.
std::vector<std::string> states(const DatabaseStatus &Status) {
  std::vector<std::string> Out;
  for (const VersionStatus &V : Status.Versions)
    Out.push_back(V.version() + ":" + stateName(V.State).str());
  return Out;
}

//===----------------------------------------------------------------------===//
// compareWithDatabase
//===----------------------------------------------------------------------===//

TEST(MigrationStatus, ComparesEachChainVersionWithItsRow) {
  std::vector<ChainMigration> Chain = {
      file("0001", "init"), file("0002", "users"), file("0003", "invoices")};
  // 0002's up file changed after it ran.
  std::vector<AppliedMigration> Rows = {row("0001", "init"),
                                        row("0002", "users", "sha256:old")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  EXPECT_EQ(states(Status),
            (std::vector<std::string>{"0001:applied", "0002:modified",
                                      "0003:pending"}));
  // The status points at the file and the row it compared.
  ASSERT_EQ(Status.Versions.size(), 3u);
  EXPECT_EQ(Status.Versions[0].File, &Chain[0]);
  EXPECT_EQ(Status.Versions[0].Row, &Rows[0]);
  EXPECT_EQ(Status.Versions[1].File, &Chain[1]);
  EXPECT_EQ(Status.Versions[1].Row, &Rows[1]);
  EXPECT_EQ(Status.Versions[2].File, &Chain[2]);
  EXPECT_EQ(Status.Versions[2].Row, nullptr);

  EXPECT_EQ(Status.count(MigrationState::Applied), 1u);
  EXPECT_EQ(Status.count(MigrationState::Modified), 1u);
  EXPECT_EQ(Status.count(MigrationState::Pending), 1u);
  EXPECT_EQ(Status.count(MigrationState::Unknown), 0u);
}

TEST(MigrationStatus, UnknownVersionsFollowTheChainInVersionOrder) {
  std::vector<ChainMigration> Chain = {file("0001", "init"),
                                       file("0003", "invoices")};
  // As VersionTable::read returns them: in version order, so 0999 comes
  // before 01000 though it sorts after it as text.
  std::vector<AppliedMigration> Rows = {
      row("0001", "init"), row("0002", "gone"), row("0003", "invoices"),
      row("0999", "late"), row("01000", "later")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  EXPECT_EQ(states(Status), (std::vector<std::string>{
                                "0001:applied", "0003:applied", "0002:unknown",
                                "0999:unknown", "01000:unknown"}));
  // An unknown version has a row but no file.
  const VersionStatus &Gone = Status.Versions[2];
  EXPECT_EQ(Gone.File, nullptr);
  EXPECT_EQ(Gone.Row, &Rows[1]);
  EXPECT_EQ(Gone.label(), "0002_gone");
  EXPECT_EQ(Status.count(MigrationState::Unknown), 3u);
}

TEST(MigrationStatus, EmptyDatabaseHasEveryVersionPending) {
  std::vector<ChainMigration> Chain = {file("0001", "init"),
                                       file("0002", "users")};
  DatabaseStatus Status = compareWithDatabase(Chain, {});
  EXPECT_EQ(states(Status),
            (std::vector<std::string>{"0001:pending", "0002:pending"}));
  EXPECT_EQ(Status.current(), nullptr);
  EXPECT_EQ(Status.firstGap(), nullptr);
  EXPECT_TRUE(compareWithDatabase({}, {}).Versions.empty());
}

TEST(MigrationStatus, LabelsNameTheFile) {
  std::vector<ChainMigration> Chain = {file("0003", "add_invoices")};
  // The label of a chain version is the file's, even when the row recorded
  // another name.
  std::vector<AppliedMigration> Rows = {row("0003", "old_name")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  ASSERT_EQ(Status.Versions.size(), 1u);
  EXPECT_EQ(Status.Versions[0].label(), "0003_add_invoices");
  EXPECT_EQ(compareWithDatabase(Chain, {}).Versions[0].label(),
            "0003_add_invoices");
  EXPECT_EQ(row("0004", "x").label(), "0004_x");
}

TEST(MigrationStatus, StateNames) {
  // `migrate status` prints these.
  EXPECT_EQ(stateName(MigrationState::Applied), "applied");
  EXPECT_EQ(stateName(MigrationState::Modified), "modified");
  EXPECT_EQ(stateName(MigrationState::Pending), "pending");
  EXPECT_EQ(stateName(MigrationState::Unknown), "unknown");
}

//===----------------------------------------------------------------------===//
// current() and firstGap()
//===----------------------------------------------------------------------===//

TEST(MigrationStatus, CurrentIsTheLastAppliedChainVersion) {
  std::vector<ChainMigration> Chain = {file("0001", "a"), file("0002", "b"),
                                       file("0003", "c")};
  std::vector<AppliedMigration> Rows = {row("0001", "a"), row("0002", "b")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  ASSERT_NE(Status.current(), nullptr);
  EXPECT_EQ(Status.current()->version(), "0002");
  EXPECT_EQ(Status.current(), &Status.Versions[1]);

  // A modified version was applied all the same.
  Rows[1].Checksum = "sha256:old";
  Status = compareWithDatabase(Chain, Rows);
  ASSERT_NE(Status.current(), nullptr);
  EXPECT_EQ(Status.current()->version(), "0002");
  EXPECT_EQ(Status.current()->State, MigrationState::Modified);
}

TEST(MigrationStatus, UnknownVersionsAreNotCurrent) {
  // The database is ahead of the chain: its rows name no file, so nothing
  // of the chain is applied.
  std::vector<ChainMigration> Chain = {file("0001", "a")};
  std::vector<AppliedMigration> Rows = {row("0002", "b")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  EXPECT_EQ(states(Status),
            (std::vector<std::string>{"0001:pending", "0002:unknown"}));
  EXPECT_EQ(Status.current(), nullptr);
  EXPECT_EQ(Status.firstGap(), nullptr);
}

TEST(MigrationStatus, AppliedPrefixHasNoGap) {
  std::vector<ChainMigration> Chain = {file("0001", "a"), file("0002", "b"),
                                       file("0003", "c")};
  std::vector<AppliedMigration> Rows = {row("0001", "a")};
  EXPECT_EQ(compareWithDatabase(Chain, Rows).firstGap(), nullptr);
  // Nor does the whole chain applied.
  Rows = {row("0001", "a"), row("0002", "b"), row("0003", "c")};
  EXPECT_EQ(compareWithDatabase(Chain, Rows).firstGap(), nullptr);
}

TEST(MigrationStatus, FirstGapIsTheFirstPendingBeforeAnApplied) {
  std::vector<ChainMigration> Chain = {file("0001", "a"), file("0002", "b"),
                                       file("0003", "c"), file("0004", "d"),
                                       file("0005", "e")};
  // 0002 and 0003 were skipped, 0004 ran; 0005 pending after it is no gap.
  std::vector<AppliedMigration> Rows = {row("0001", "a"), row("0004", "d")};
  DatabaseStatus Status = compareWithDatabase(Chain, Rows);
  ASSERT_NE(Status.firstGap(), nullptr);
  EXPECT_EQ(Status.firstGap()->version(), "0002");
  EXPECT_EQ(Status.firstGap(), &Status.Versions[1]);

  // Also when the first version is the one skipped, and when the later
  // one is modified.
  Rows = {row("0002", "b", "sha256:old")};
  Status = compareWithDatabase(Chain, Rows);
  ASSERT_NE(Status.firstGap(), nullptr);
  EXPECT_EQ(Status.firstGap()->version(), "0001");
}

//===----------------------------------------------------------------------===//
// VersionTable
//===----------------------------------------------------------------------===//

TEST(VersionTable, VersionsCompareByNumber) {
  // As text, "01000" < "0999" and "0010" < "0002".
  EXPECT_TRUE(versionLess("0999", "01000"));
  EXPECT_FALSE(versionLess("01000", "0999"));
  EXPECT_TRUE(versionLess("0002", "0010"));
  EXPECT_FALSE(versionLess("0010", "0002"));
  EXPECT_TRUE(versionLess("0001", "0002"));
  EXPECT_TRUE(versionLess("9", "10"));
  // A strict order: no version comes before itself.
  EXPECT_FALSE(versionLess("0003", "0003"));
  // The same number padded differently is two versions; they must still
  // be ordered one way only, or sorting would be undefined.
  EXPECT_NE(versionLess("01", "001"), versionLess("001", "01"));

  std::vector<std::string> Versions = {"0010", "01000", "0002", "0999", "0001"};
  llvm::sort(Versions, [](const std::string &A, const std::string &B) {
    return versionLess(A, B);
  });
  EXPECT_EQ(Versions, (std::vector<std::string>{"0001", "0002", "0010", "0999",
                                                "01000"}));
}

TEST(VersionTable, QualifiedNameQuotesTheSchemaAsNeeded) {
  EXPECT_EQ(VersionTable("public").qualifiedName(),
            "public.schemac_migrations");
  EXPECT_EQ(VersionTable("ops").qualifiedName(), "ops.schemac_migrations");
  // Uppercase would fold to lowercase unquoted; a quote is doubled.
  EXPECT_EQ(VersionTable("Ops").qualifiedName(), "\"Ops\".schemac_migrations");
  EXPECT_EQ(VersionTable("Ops\"x").qualifiedName(),
            "\"Ops\"\"x\".schemac_migrations");
  // A reserved word names a schema only quoted.
  EXPECT_EQ(VersionTable("user").qualifiedName(),
            "\"user\".schemac_migrations");
  EXPECT_EQ(VersionTable("Ops").schema(), "Ops");
}

TEST(VersionTable, CreatesTheSchemaOnlyWhenMissingAndNotPublic) {
  // CREATE SCHEMA needs a privilege the application's role may lack, even
  // with IF NOT EXISTS; public and an existing schema are not created.
  std::vector<std::string> Public = VersionTable("public").createStatements(
      /*SchemaExists=*/false);
  ASSERT_EQ(Public.size(), 1u);
  EXPECT_EQ(Public[0].rfind("CREATE TABLE IF NOT EXISTS "
                            "public.schemac_migrations (\n",
                            0),
            0u)
      << Public[0];

  std::vector<std::string> Existing =
      VersionTable("ops").createStatements(/*SchemaExists=*/true);
  ASSERT_EQ(Existing.size(), 1u);
  EXPECT_EQ(
      Existing[0].rfind("CREATE TABLE IF NOT EXISTS ops.schemac_migrations", 0),
      0u)
      << Existing[0];

  // The schema comes first, so the table has somewhere to go.
  std::vector<std::string> Missing =
      VersionTable("Ops\"x").createStatements(/*SchemaExists=*/false);
  ASSERT_EQ(Missing.size(), 2u);
  EXPECT_EQ(Missing[0], "CREATE SCHEMA IF NOT EXISTS \"Ops\"\"x\";");
  EXPECT_EQ(Missing[1].rfind("CREATE TABLE IF NOT EXISTS "
                             "\"Ops\"\"x\".schemac_migrations (\n",
                             0),
            0u)
      << Missing[1];
}

TEST(VersionTable, TableHasTheColumnsReadExpects) {
  std::string Create = VersionTable("public").createStatements(false).back();
  EXPECT_EQ(Create, "CREATE TABLE IF NOT EXISTS public.schemac_migrations (\n"
                    "  version text PRIMARY KEY,\n"
                    "  name text NOT NULL,\n"
                    "  checksum text NOT NULL,\n"
                    "  schema_hash text NOT NULL,\n"
                    "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
                    "  execution_ms bigint\n"
                    ");");
}

TEST(VersionTable, InsertQuotesEveryValue) {
  AppliedMigration Row = row("0003", "add_invoices", "sha256:c");
  EXPECT_EQ(VersionTable("public").insertStatement(Row, "NULL"),
            "INSERT INTO public.schemac_migrations (version, name, checksum, "
            "schema_hash, execution_ms) VALUES ('0003', 'add_invoices', "
            "'sha256:c', 'sha256:s', NULL);");
  // The execution time is SQL, written as given.
  EXPECT_NE(VersionTable("public").insertStatement(Row, "42").find(
                ", 'sha256:s', 42);"),
            std::string::npos);

  // A name with a quote stays one literal: no statement of its own.
  Row.Name = "x'); DROP TABLE t; --";
  EXPECT_EQ(VersionTable("Ops").insertStatement(Row, "NULL"),
            "INSERT INTO \"Ops\".schemac_migrations (version, name, checksum, "
            "schema_hash, execution_ms) VALUES ('0003', "
            "'x''); DROP TABLE t; --', 'sha256:c', 'sha256:s', NULL);");
}

TEST(VersionTable, DeleteStatements) {
  VersionTable Table("ops");
  EXPECT_EQ(Table.deleteStatement("0003"),
            "DELETE FROM ops.schemac_migrations WHERE version = '0003';");
  EXPECT_EQ(Table.deleteStatement("0'3"),
            "DELETE FROM ops.schemac_migrations WHERE version = '0''3';");
  EXPECT_EQ(Table.deleteAllStatement(), "DELETE FROM ops.schemac_migrations;");
}

TEST(VersionTable, LockKeyIsOnePerTable) {
  // Every run of an applier of the same table must take the same lock...
  EXPECT_EQ(VersionTable("public").lockKey(), VersionTable("public").lockKey());
  EXPECT_EQ(VersionTable("Ops\"x").lockKey(), VersionTable("Ops\"x").lockKey());
  // ...and appliers of different tables must not wait for each other.
  EXPECT_NE(VersionTable("public").lockKey(), VersionTable("ops").lockKey());
  EXPECT_NE(VersionTable("ops").lockKey(), VersionTable("Ops").lockKey());
}

//===----------------------------------------------------------------------===//
// writeScript
//===----------------------------------------------------------------------===//

std::string script(llvm::ArrayRef<ScriptStatement> Statements) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeScript(OS, Statements);
  return OS.str();
}

TEST(WriteScript, ConsecutiveStatementsShareATransaction) {
  EXPECT_EQ(script({{"CREATE TABLE a (x int);"}, {"DROP TABLE b;"}}),
            "BEGIN;\n"
            "CREATE TABLE a (x int);\n"
            "DROP TABLE b;\n"
            "COMMIT;\n");
  EXPECT_EQ(script({}), "");
}

TEST(WriteScript, NoTransactionStatementsRunAlone) {
  // An enum label must be committed before the next statement uses it, so
  // the statement after it starts a new transaction.
  EXPECT_EQ(script({{"CREATE TABLE a (x int);"},
                    {"ALTER TYPE e ADD VALUE 'b';", /*NoTransaction=*/true},
                    {"ALTER TYPE e ADD VALUE 'c';", /*NoTransaction=*/true},
                    {"ALTER TABLE a ALTER COLUMN x SET DEFAULT 1;"}}),
            "BEGIN;\n"
            "CREATE TABLE a (x int);\n"
            "COMMIT;\n"
            "-- schemac:no-transaction\n"
            "ALTER TYPE e ADD VALUE 'b';\n"
            "-- schemac:no-transaction\n"
            "ALTER TYPE e ADD VALUE 'c';\n"
            "BEGIN;\n"
            "ALTER TABLE a ALTER COLUMN x SET DEFAULT 1;\n"
            "COMMIT;\n");
  // Alone, no BEGIN at all.
  EXPECT_EQ(script({{"CREATE INDEX CONCURRENTLY i ON a (x);", true}}),
            "-- schemac:no-transaction\n"
            "CREATE INDEX CONCURRENTLY i ON a (x);\n");
}

} // namespace
