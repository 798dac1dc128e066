//===- MigrationLock.h - One applier at a time ------------------*- C++ -*-===//
//
// Appliers of the same version table exclude each other with a PostgreSQL
// session-level advisory lock on the table's key: a second applier waits
// for the first, or gives up at once when asked not to wait. The server
// drops the lock with the session, so a killed applier never leaves it.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_MIGRATIONLOCK_H
#define SCHEMAC_RUNTIME_MIGRATIONLOCK_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace schemac {

/// Who holds a lock: the server process and what it calls itself.
struct LockHolder {
  int Pid = 0;
  std::string ApplicationName;
  std::string User;
  /// Since when its session holds the lock, in UTC.
  std::string Since;

  /// `pid 4242 ('schemac', user deploy, connected since ...)`.
  std::string describe() const;
};

/// Another session holds the lock and the caller would not wait.
class LockHeldError : public llvm::ErrorInfo<LockHeldError> {
public:
  static char ID;
  explicit LockHeldError(LockHolder Holder) : Holder(std::move(Holder)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  LockHolder Holder;
};

class MigrationLock {
public:
  /// Takes the lock Key on Connection. When another session holds it:
  /// with Wait, calls OnWait with the holder and waits; without, fails
  /// with a LockHeldError.
  static llvm::Expected<std::unique_ptr<MigrationLock>>
  acquire(pqxx::connection_base &Connection, int64_t Key, bool Wait,
          llvm::function_ref<void(const LockHolder &)> OnWait);

  /// Releases the lock (the session's end would too).
  ~MigrationLock();
  MigrationLock(const MigrationLock &) = delete;
  MigrationLock &operator=(const MigrationLock &) = delete;

private:
  MigrationLock(pqxx::connection_base &Connection, int64_t Key)
      : Connection(Connection), Key(Key) {}
  pqxx::connection_base &Connection;
  int64_t Key;
};

} // namespace schemac

#endif
