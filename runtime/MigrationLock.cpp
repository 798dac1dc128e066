//===- MigrationLock.cpp - One applier at a time --------------------------===//

#include "runtime/MigrationLock.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

#include <pqxx/pqxx>

#include <optional>

using namespace schemac;

char LockHeldError::ID;

std::string LockHolder::describe() const {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "pid " << Pid << " (";
  if (!ApplicationName.empty())
    OS << "'" << ApplicationName << "', ";
  OS << "user " << User << ", connected since " << Since << ")";
  return OS.str();
}

void LockHeldError::log(llvm::raw_ostream &OS) const {
  OS << "another session holds the migration lock: " << Holder.describe();
}

std::error_code LockHeldError::convertToErrorCode() const {
  return std::make_error_code(std::errc::resource_unavailable_try_again);
}

static std::string firstLine(const std::exception &E) {
  return llvm::StringRef(E.what()).split('\n').first.trim().str();
}

/// The session holding advisory lock Key, if one still does. A bigint key
/// shows in pg_locks as its high half in classid, its low half in objid,
/// and objsubid 1.
static std::optional<LockHolder> holderOf(pqxx::connection_base &Connection,
                                          int64_t Key) {
  uint64_t Bits = static_cast<uint64_t>(Key);
  pqxx::nontransaction Query(Connection);
  pqxx::result R = Query.exec(
      "SELECT l.pid, coalesce(a.application_name, ''), "
      "coalesce(a.usename::text, ''), "
      "coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', "
      "'YYYY-MM-DD HH24:MI:SS') || ' UTC', '') "
      "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.database = (SELECT oid FROM pg_database "
      "WHERE datname = current_database()) "
      "AND l.classid = " +
      std::to_string(Bits >> 32) +
      " AND l.objid = " + std::to_string(Bits & 0xffffffffu) + " LIMIT 1");
  if (R.empty())
    return std::nullopt;
  LockHolder H;
  H.Pid = R[0][0].as<int>();
  H.ApplicationName = R[0][1].as<std::string>();
  H.User = R[0][2].as<std::string>();
  H.Since = R[0][3].as<std::string>();
  return H;
}

llvm::Expected<std::unique_ptr<MigrationLock>>
MigrationLock::acquire(pqxx::connection_base &Connection, int64_t Key,
                       bool Wait,
                       llvm::function_ref<void(const LockHolder &)> OnWait) {
  std::string KeySQL = std::to_string(Key);
  try {
    // pqxx allows one transaction object at a time on a connection.
    auto Exec = [&](const std::string &SQL) {
      return pqxx::nontransaction(Connection).exec(SQL);
    };
    // The holder may let go between the attempt and the look-up: try again.
    for (;;) {
      if (Exec("SELECT pg_try_advisory_lock(" + KeySQL + ")")[0][0].as<bool>())
        break;
      std::optional<LockHolder> Holder = holderOf(Connection, Key);
      if (!Holder)
        continue;
      if (!Wait)
        return llvm::make_error<LockHeldError>(std::move(*Holder));
      OnWait(*Holder);
      Exec("SELECT pg_advisory_lock(" + KeySQL + ")");
      break;
    }
  } catch (const std::exception &E) {
    return llvm::createStringError(std::errc::io_error,
                                   "cannot take the migration lock: %s",
                                   firstLine(E).c_str());
  }
  return std::unique_ptr<MigrationLock>(new MigrationLock(Connection, Key));
}

MigrationLock::~MigrationLock() {
  try {
    pqxx::nontransaction(Connection)
        .exec("SELECT pg_advisory_unlock(" + std::to_string(Key) + ")");
  } catch (const std::exception &) {
    // A lost session has released it already.
  }
}
