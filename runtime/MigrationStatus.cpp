//===- MigrationStatus.cpp - A directory's chain against a database -------===//

#include "runtime/MigrationStatus.h"

#include "llvm/ADT/StringMap.h"

using namespace schemac;

std::string VersionStatus::label() const {
  return File ? File->Version + "_" + File->Name : Row->label();
}

unsigned DatabaseStatus::count(MigrationState State) const {
  return llvm::count_if(
      Versions, [&](const VersionStatus &V) { return V.State == State; });
}

static bool isApplied(const VersionStatus &V) { return V.File && V.Row; }

const VersionStatus *DatabaseStatus::current() const {
  const VersionStatus *Last = nullptr;
  for (const VersionStatus &V : Versions)
    if (isApplied(V))
      Last = &V;
  return Last;
}

const VersionStatus *DatabaseStatus::firstGap() const {
  const VersionStatus *Last = current();
  for (const VersionStatus &V : Versions) {
    if (&V == Last)
      return nullptr;
    if (V.State == MigrationState::Pending)
      return Last ? &V : nullptr;
  }
  return nullptr;
}

DatabaseStatus
schemac::compareWithDatabase(llvm::ArrayRef<ChainMigration> Chain,
                             llvm::ArrayRef<AppliedMigration> Applied) {
  llvm::StringMap<const AppliedMigration *> Rows;
  for (const AppliedMigration &Row : Applied)
    Rows[Row.Version] = &Row;
  DatabaseStatus Status;
  for (const ChainMigration &M : Chain) {
    auto Found = Rows.find(M.Version);
    if (Found == Rows.end()) {
      Status.Versions.push_back({MigrationState::Pending, &M, nullptr});
      continue;
    }
    const AppliedMigration *Row = Found->second;
    Rows.erase(Found);
    Status.Versions.push_back({Row->Checksum == M.Checksum
                                   ? MigrationState::Applied
                                   : MigrationState::Modified,
                               &M, Row});
  }
  // What is left the chain does not have; Applied is in version order.
  for (const AppliedMigration &Row : Applied)
    if (Rows.count(Row.Version))
      Status.Versions.push_back({MigrationState::Unknown, nullptr, &Row});
  return Status;
}

llvm::StringRef schemac::stateName(MigrationState State) {
  switch (State) {
  case MigrationState::Applied:
    return "applied";
  case MigrationState::Modified:
    return "modified";
  case MigrationState::Pending:
    return "pending";
  case MigrationState::Unknown:
    return "unknown";
  }
  llvm_unreachable("unknown migration state");
}
