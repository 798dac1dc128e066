//===- VersionTable.h - The record of applied migrations --------*- C++ -*-===//
//
// `schemac_migrations`, in a schema of the user's choice (`public` by
// default), holds one row per migration of a migration directory that a
// database has run (or was stamped with): the version, the name, the
// checksum of the up file as it was run and the schema hash its header
// declares, when it ran and how long it took. The applier writes a
// migration's row in the transaction that runs it, so the row and the
// changes commit together; the statements are made here, as text, so the
// script that `migrate apply --sql` writes runs the very same ones.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_VERSIONTABLE_H
#define SCHEMAC_RUNTIME_VERSIONTABLE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace schemac {

/// A row of the version table.
struct AppliedMigration {
  std::string Version;
  std::string Name;
  /// `sha256:...` of the up file that ran.
  std::string Checksum;
  /// `sha256:...` of the schema after it, from the file's header.
  std::string SchemaHash;
  /// When it ran, as the server prints a timestamptz in UTC.
  std::string AppliedAt;
  /// How long it ran; none for a version that `migrate stamp` recorded.
  std::optional<int64_t> ExecutionMs;

  /// `0003_add_invoices`.
  std::string label() const { return Version + "_" + Name; }
};

class VersionTable {
public:
  static constexpr llvm::StringLiteral TableName = "schemac_migrations";

  explicit VersionTable(llvm::StringRef Schema) : Schema(Schema.str()) {}

  const std::string &schema() const { return Schema; }
  /// `schema.schemac_migrations`, quoted as needed.
  std::string qualifiedName() const;

  /// The table, and its schema unless that exists or is `public`; both
  /// `IF NOT EXISTS`, so they can run on every apply.
  std::vector<std::string> createStatements(bool SchemaExists) const;
  /// Records Row. ExecutionMsSQL is the SQL of its execution_ms value (an
  /// expression over clock_timestamp(), or NULL for a stamp).
  std::string insertStatement(const AppliedMigration &Row,
                              llvm::StringRef ExecutionMsSQL) const;
  std::string deleteStatement(llvm::StringRef Version) const;
  std::string deleteAllStatement() const;

  /// Whether the schema exists in the database.
  llvm::Expected<bool> schemaExists(pqxx::connection_base &Connection) const;
  /// Every row, in version order; none when the table does not exist yet.
  llvm::Expected<std::vector<AppliedMigration>>
  read(pqxx::connection_base &Connection) const;

  /// The key of the session-level advisory lock appliers of this table
  /// take: one per version table, the same on every run.
  int64_t lockKey() const;

private:
  std::string Schema;
};

/// Whether version A comes before version B: by number (versions are
/// digits), so `0999` comes before `01000`.
bool versionLess(llvm::StringRef A, llvm::StringRef B);

} // namespace schemac

#endif
