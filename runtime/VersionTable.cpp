//===- VersionTable.cpp - The record of applied migrations ----------------===//

#include "runtime/VersionTable.h"

#include "sema/SQLQuote.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/xxhash.h"

#include <pqxx/pqxx>

using namespace schemac;

std::string VersionTable::qualifiedName() const {
  return sql::quoteIdentifier(Schema) + "." + sql::quoteIdentifier(TableName);
}

std::vector<std::string>
VersionTable::createStatements(bool SchemaExists) const {
  std::vector<std::string> Statements;
  // CREATE SCHEMA checks the CREATE privilege on the database even when the
  // schema exists, which an application's role often lacks.
  if (!SchemaExists && Schema != "public")
    Statements.push_back("CREATE SCHEMA IF NOT EXISTS " +
                         sql::quoteIdentifier(Schema) + ";");
  Statements.push_back("CREATE TABLE IF NOT EXISTS " + qualifiedName() +
                       " (\n"
                       "  version text PRIMARY KEY,\n"
                       "  name text NOT NULL,\n"
                       "  checksum text NOT NULL,\n"
                       "  schema_hash text NOT NULL,\n"
                       "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
                       "  execution_ms bigint\n"
                       ");");
  return Statements;
}

std::string
VersionTable::insertStatement(const AppliedMigration &Row,
                              llvm::StringRef ExecutionMsSQL) const {
  return "INSERT INTO " + qualifiedName() +
         " (version, name, checksum, schema_hash, execution_ms) VALUES (" +
         sql::quoteString(Row.Version) + ", " + sql::quoteString(Row.Name) +
         ", " + sql::quoteString(Row.Checksum) + ", " +
         sql::quoteString(Row.SchemaHash) + ", " + ExecutionMsSQL.str() + ");";
}

std::string VersionTable::deleteStatement(llvm::StringRef Version) const {
  return "DELETE FROM " + qualifiedName() +
         " WHERE version = " + sql::quoteString(Version) + ";";
}

std::string VersionTable::deleteAllStatement() const {
  return "DELETE FROM " + qualifiedName() + ";";
}

llvm::Expected<bool>
VersionTable::schemaExists(pqxx::connection_base &Connection) const {
  try {
    pqxx::nontransaction Query(Connection);
    pqxx::result R = Query.exec("SELECT to_regnamespace(" +
                                sql::quoteString(sql::quoteIdentifier(Schema)) +
                                ") IS NOT NULL");
    return R[0][0].as<bool>();
  } catch (const std::exception &E) {
    std::string Why = llvm::StringRef(E.what()).split('\n').first.trim().str();
    return llvm::createStringError(std::errc::io_error, "%s", Why.c_str());
  }
}

llvm::Expected<std::vector<AppliedMigration>>
VersionTable::read(pqxx::connection_base &Connection) const {
  std::vector<AppliedMigration> Rows;
  std::string Name = qualifiedName();
  try {
    pqxx::nontransaction Query(Connection);
    pqxx::result Exists = Query.exec("SELECT to_regclass(" +
                                     sql::quoteString(Name) + ") IS NOT NULL");
    if (!Exists[0][0].as<bool>())
      return Rows;
    pqxx::result R = Query.exec(
        "SELECT version, name, checksum, schema_hash, "
        "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
        "|| ' UTC', execution_ms FROM " +
        Name);
    for (const pqxx::row &Row : R) {
      AppliedMigration A;
      A.Version = Row[0].as<std::string>();
      A.Name = Row[1].as<std::string>();
      A.Checksum = Row[2].as<std::string>();
      A.SchemaHash = Row[3].as<std::string>();
      A.AppliedAt = Row[4].as<std::string>();
      if (!Row[5].is_null())
        A.ExecutionMs = Row[5].as<int64_t>();
      Rows.push_back(std::move(A));
    }
  } catch (const std::exception &E) {
    std::string Why = llvm::StringRef(E.what()).split('\n').first.trim().str();
    return llvm::createStringError(std::errc::io_error,
                                   "cannot read the version table %s: %s",
                                   Name.c_str(), Why.c_str());
  }
  llvm::sort(Rows, [](const AppliedMigration &A, const AppliedMigration &B) {
    return versionLess(A.Version, B.Version);
  });
  return Rows;
}

int64_t VersionTable::lockKey() const {
  return static_cast<int64_t>(
      llvm::xxHash64((llvm::Twine(TableName) + ":" + Schema).str()));
}

bool schemac::versionLess(llvm::StringRef A, llvm::StringRef B) {
  llvm::StringRef DigitsA = A.ltrim('0'), DigitsB = B.ltrim('0');
  if (DigitsA.size() != DigitsB.size())
    return DigitsA.size() < DigitsB.size();
  if (DigitsA != DigitsB)
    return DigitsA < DigitsB;
  return A < B;
}
