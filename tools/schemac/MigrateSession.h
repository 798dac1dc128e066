//===- MigrateSession.h - A migration directory and its database -*- C++ -*-=//
//
// What `migrate apply`, `down`, `status` and `stamp` share: the verified
// directory, the connection to the database (named in messages with its
// password hidden), the migration lock, the version table and how the
// chain stands against it (runtime/MigrationStatus.h), the refusals every
// action that changes the database makes, and running one migration file
// together with the statement that records it.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_MIGRATESESSION_H
#define SCHEMAC_TOOLS_MIGRATESESSION_H

#include "codegen/MigrationDirectory.h"
#include "frontend/Diagnostic.h"
#include "runtime/MigrationLock.h"
#include "runtime/MigrationStatus.h"
#include "runtime/SQLScript.h"
#include "runtime/VersionTable.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/SourceMgr.h"

#include <pqxx/connection>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac::driver {

/// The options of the applier's actions (docs/migrations.md, Applying).
struct ApplierOptions {
  std::string Directory;
  /// `--db`; empty when not given.
  std::string Database;
  std::string VersionSchema = "public";
  bool NoWait = false;
  bool DryRun = false;
  /// `--sql FILE`; empty when not given.
  std::string ScriptFile;
  /// `--to VERSION`.
  std::optional<std::string> To;
  bool Force = false;
  /// `--dev-db`: stamp compares through this server (empty: schemac's own).
  std::optional<std::string> DevDb;
};

int runMigrateApply(const ApplierOptions &Options);
int runMigrateDown(const ApplierOptions &Options);
int runMigrateStatus(const ApplierOptions &Options);
int runMigrateStamp(llvm::StringRef Version, const ApplierOptions &Options);

/// The SQL of the milliseconds from StartSQL (a timestamptz) to now, as
/// the version table records a migration's execution time.
std::string executionMsSince(llvm::StringRef StartSQL);

/// The statements of F as runScript takes them.
std::vector<ScriptStatement> scriptOf(const MigrationFile &F);

/// Reports the statement of F that the server refused (Refused.Index into
/// F.statements()), pointing at its first line. Returns the builder, for
/// notes.
DiagnosticBuilder reportRefusedStatement(DiagnosticEngine &Diags, DiagID ID,
                                         const MigrationFile &F,
                                         const StatementError &Refused);

class MigrateSession {
public:
  MigrateSession(const ApplierOptions &Options, llvm::SourceMgr &SM,
                 DiagnosticEngine &Diags);
  ~MigrateSession();

  /// Reads and verifies the directory; false when it has problems
  /// (reported).
  bool readDirectory();
  /// Connects to --db, takes the lock when Lock (waiting unless --no-wait),
  /// and reads the version table; false when any of it fails (reported).
  bool connect(bool Lock);
  /// Without --db: the database is taken to be empty (for --sql).
  void assumeEmptyDatabase();

  /// Refuses (reporting each reason) a database with modified or unknown
  /// versions, or applied out of order: applying or reverting on it would
  /// build something no file describes.
  bool checkConsistent();

  /// The chain's migration of Version; null (reported, as a usage error)
  /// when the chain has none. `head` names the head.
  const Migration *findInChain(llvm::StringRef Version, llvm::StringRef Flag);
  /// The position of M in the chain.
  size_t positionOf(const Migration &M) const;

  /// Runs File of M with the statement that records (or forgets) it in its
  /// last transaction, and prints `<Verb> <label> (N ms)`. Record makes
  /// that statement from the SQL of the run's execution time. ExitOk,
  /// ExitFindings when the server refused a statement (the migration's
  /// transaction rolled back), ExitInvalid when the connection failed;
  /// reported.
  int runMigration(const Migration &M, const MigrationFile &File,
                   llvm::StringRef Verb,
                   llvm::function_ref<std::string(llvm::StringRef)> Record);

  /// Whether the last runMigration lost the connection while its last
  /// transaction, the one with the record, was committing: it may or may
  /// not have been applied.
  bool lastRunInDoubt() const { return LastInDoubt; }

  const MigrationDirectory &directory() const { return *Dir; }
  llvm::ArrayRef<const Migration *> chain() const { return Dir->chain(); }
  const DatabaseStatus &status() const { return Status; }
  const VersionTable &table() const { return Table; }
  pqxx::connection &connection() { return *Connection; }
  bool connected() const { return Connection != nullptr; }
  bool schemaExists() const { return SchemaExists; }
  /// The database as messages name it: --db with its password hidden.
  const std::string &shownDatabase() const { return Shown; }
  /// The label of the last applied version, or `no version`.
  std::string currentLabel() const;
  /// How many migrations of the chain the database has applied (after
  /// checkConsistent(), the first that many).
  size_t appliedCount() const;
  /// Keeps the status up to date after M ran up or down.
  void noteApplied(const Migration &M);
  void noteReverted(const Migration &M);
  /// A fresh version-table row for M.
  AppliedMigration rowFor(const Migration &M) const;

private:
  void computeStatus();

  const ApplierOptions &Options;
  llvm::SourceMgr &SM;
  DiagnosticEngine &Diags;
  std::unique_ptr<MigrationDirectory> Dir;
  std::unique_ptr<pqxx::connection> Connection;
  std::unique_ptr<MigrationLock> Lock;
  VersionTable Table;
  bool SchemaExists = false;
  std::string Shown;
  std::vector<AppliedMigration> Applied;
  std::vector<ChainMigration> ChainFiles;
  DatabaseStatus Status;
  bool LastInDoubt = false;
};

} // namespace schemac::driver

#endif
