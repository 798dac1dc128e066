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
#include "runtime/TempServer.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace schemac {

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
