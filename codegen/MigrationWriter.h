//===- MigrationWriter.h - A migration plan as SQL, report, JSON ----------===//

#ifndef SCHEMAC_CODEGEN_MIGRATIONWRITER_H
#define SCHEMAC_CODEGEN_MIGRATIONWRITER_H

#include "codegen/Migration.h"

#include "llvm/Support/raw_ostream.h"

namespace schemac {

/// The SQL, in order. Steps that must run outside a transaction are
/// preceded by `-- schemac:no-transaction`, which schemac's applier reads.
void writeMigrationSQL(const MigrationPlan &Plan, llvm::raw_ostream &OS);

/// One line per change, grouped by table: `~ column x: text -> timestamptz
/// (cast with USING)`, destructive ones marked.
void writeMigrationReport(const MigrationPlan &Plan, llvm::raw_ostream &OS);

/// The steps for tools, as one JSON document.
void writeMigrationJSON(const MigrationPlan &Plan, llvm::raw_ostream &OS);

} // namespace schemac

#endif
