//===- TempServer.h - A throwaway PostgreSQL server -------------*- C++ -*-===//
//
// A PostgreSQL server of its own for schemac's scratch work (`--dev-db`)
// and for tests: initdb into a fresh private directory, listening on a unix
// socket there only (no TCP, so nothing can clash with another server), run
// as the `postgres` user when schemac runs as root (the server refuses
// root). The server is stopped and its directory removed when the object
// goes, and also when schemac is interrupted.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_TEMPSERVER_H
#define SCHEMAC_RUNTIME_TEMPSERVER_H

#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace schemac {

/// The directory holding initdb, pg_ctl and postgres: `pg_config --bindir`
/// when that has them, else the newest /usr/lib/postgresql/*/bin.
llvm::Expected<std::string> findPostgresBinDir();

class TempServer {
public:
  /// Starts a server; the error says which step failed, with the end of its
  /// log.
  static llvm::Expected<std::unique_ptr<TempServer>> start();
  ~TempServer();
  TempServer(const TempServer &) = delete;
  TempServer &operator=(const TempServer &) = delete;

  /// libpq conninfo for database DBName on this server, as its superuser.
  std::string conninfo(llvm::StringRef DBName = "postgres") const;
  /// The private directory: data/, the socket, the logs. It is also the host
  /// to connect to.
  const std::string &directory() const { return Dir; }
  /// The port, which only names the socket file in directory().
  unsigned port() const;
  /// The superuser every connection is made as.
  llvm::StringRef user() const;
  /// Where the server's binaries were found (findPostgresBinDir); its psql
  /// and pg_dump match the server.
  const std::string &binDir() const { return BinDir; }

private:
  TempServer() = default;
  llvm::Error init();
  void stop();

  std::string BinDir;
  std::string Dir;
  bool Started = false;
};

} // namespace schemac

#endif
