//===- ChangeChecks.h - What a schema change risks on a live database -*- C++
//-*-//
//
// The change checks of `schemac lint --base` (docs/lint.md): they look at the
// change from a base schema to a new one, as the migration planner pairs
// their objects (matchSchemas, renames included), and report what would
// lose data or lock a table that has rows: drops and narrowing type changes
// (destructive-change), removed enum labels (enum-label-removed), table
// rewrites and scans (table-rewrite), indexes built without CONCURRENTLY and
// foreign keys validated in one step on existing tables
// (non-concurrent-index, fk-not-valid), renames that clients see
// (rename-breaks-clients). Each finding points at the new schema's source,
// where `@allow(check)` on the object or its table silences it; what is gone
// from the new schema points at the base's source when there is one.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_CHANGECHECKS_H
#define SCHEMAC_CODEGEN_CHANGECHECKS_H

#include "frontend/Diagnostic.h"
#include "sema/IR.h"
#include "sema/SourceMap.h"

namespace schemac {

struct SchemaSide {
  const ir::Schema &IR;
  /// Where its objects were written, parallel to IR; null for a schema
  /// that has no source of its own (a database, a snapshot).
  const SourceMap *Sources = nullptr;
};

/// Reports the findings of the change from Base to New to Diags.
void runChangeChecks(const SchemaSide &Base, const SchemaSide &New,
                     DiagnosticEngine &Diags);

} // namespace schemac

#endif
