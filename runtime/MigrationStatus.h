//===- MigrationStatus.h - A directory's chain against a database -*- C++ -*-//
//
// What `migrate status` shows and what `migrate apply`, `down` and `stamp`
// decide from: each version of the chain is applied, modified (applied,
// but its up file has changed since) or pending; each version the database
// recorded that the chain lacks is unknown. A database whose applied
// versions are not the start of the chain (a pending version before an
// applied one) is out of order.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_MIGRATIONSTATUS_H
#define SCHEMAC_RUNTIME_MIGRATIONSTATUS_H

#include "runtime/VersionTable.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace schemac {

/// A migration of the directory's chain, as the database would record it.
struct ChainMigration {
  std::string Version;
  std::string Name;
  /// `sha256:...` of its up file.
  std::string Checksum;
};

enum class MigrationState { Applied, Modified, Pending, Unknown };

struct VersionStatus {
  MigrationState State;
  /// Null for an unknown version.
  const ChainMigration *File = nullptr;
  /// Null for a pending version.
  const AppliedMigration *Row = nullptr;

  const std::string &version() const {
    return File ? File->Version : Row->Version;
  }
  std::string label() const;
};

struct DatabaseStatus {
  /// The chain in order, then the unknown versions in version order.
  std::vector<VersionStatus> Versions;

  unsigned count(MigrationState State) const;
  /// The last applied (or modified) version of the chain; null when none.
  const VersionStatus *current() const;
  /// The first pending version that a later applied one follows; null
  /// when the applied versions are the start of the chain.
  const VersionStatus *firstGap() const;
};

/// Compares Chain (first to head) with the rows of the version table.
DatabaseStatus compareWithDatabase(llvm::ArrayRef<ChainMigration> Chain,
                                   llvm::ArrayRef<AppliedMigration> Applied);

llvm::StringRef stateName(MigrationState State);

} // namespace schemac

#endif
