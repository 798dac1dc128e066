//===- ScratchDatabase.h - A database to try schemas in ---------*- C++ -*-===//
//
// Some questions are best answered by PostgreSQL itself: how it stores an
// expression, whether DDL loads. A scratch database is a fresh database on
// a server given with `--dev-db=URL`, or on schemac's own temporary server
// (TempServer) when none is given. It is created empty and dropped (the
// temporary server removed) when the object goes away.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_SCRATCHDATABASE_H
#define SCHEMAC_RUNTIME_SCRATCHDATABASE_H

#include "runtime/Inspect.h"
#include "runtime/SQLScript.h"
#include "runtime/TempServer.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <pqxx/connection>

#include <memory>
#include <string>

namespace schemac {

/// One fresh database of a ScratchDatabase's server, kept open: scripts
/// run in it one after another, and its schema can be read between them
/// (how a migration directory is replayed). Dropped with its
/// ScratchDatabase, which must outlive it.
class FreshDatabase {
public:
  ~FreshDatabase();
  FreshDatabase(const FreshDatabase &) = delete;
  FreshDatabase &operator=(const FreshDatabase &) = delete;

  /// runScript on this database.
  llvm::Error run(llvm::ArrayRef<ScriptStatement> Statements);
  /// Reads back every schema but the system ones.
  llvm::Expected<InspectedDatabase> inspect();
  const std::string &name() const { return Name; }

private:
  friend class ScratchDatabase;
  FreshDatabase() = default;
  std::string Name;
  std::unique_ptr<pqxx::connection> Connection;
};

class ScratchDatabase {
public:
  /// On the server of Server (a URL or conninfo whose role may create
  /// databases), or on a temporary server of schemac's own when empty.
  static llvm::Expected<std::unique_ptr<ScratchDatabase>>
  create(llvm::StringRef Server);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase &) = delete;
  ScratchDatabase &operator=(const ScratchDatabase &) = delete;

  /// Runs SQL in a fresh database (each call gets its own) and reads back
  /// the schemas it created.
  llvm::Expected<InspectedDatabase> loadAndInspect(llvm::StringRef SQL);

  /// A new, empty database on the server, connected to.
  llvm::Expected<std::unique_ptr<FreshDatabase>> createDatabase();

private:
  ScratchDatabase() = default;
  llvm::Error dropDatabase(const std::string &Name);

  std::unique_ptr<TempServer> Embedded;
  /// Connection string of the server's maintenance database.
  std::string Admin;
  std::vector<std::string> Created;
};

} // namespace schemac

#endif
