//===- Checks.h - The checks decided on one schema --------------*- C++ -*-===//
//
// Each check of frontend/Checks.def that needs only one schema: run over the
// IR once it is built, reporting at the places the SourceMap gives, and
// skipping any place an @allow(check) annotation covers.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_CHECKS_H
#define SCHEMAC_SEMA_CHECKS_H

#include "frontend/Diagnostic.h"
#include "sema/IR.h"
#include "sema/SourceMap.h"

namespace schemac {

void runChecks(const ir::Schema &IR, const SourceMap &Sources,
               DiagnosticEngine &Diags);

// The passes runChecks runs, one file each.
void checkForeignKeys(const ir::Schema &IR, const SourceMap &Sources,
                      DiagnosticEngine &Diags);
void checkIndexes(const ir::Schema &IR, const SourceMap &Sources,
                  DiagnosticEngine &Diags);
void checkEnums(const ir::Schema &IR, const SourceMap &Sources,
                DiagnosticEngine &Diags);
void checkColumns(const ir::Schema &IR, const SourceMap &Sources,
                  DiagnosticEngine &Diags);
void checkDefaults(const ir::Schema &IR, const SourceMap &Sources,
                   DiagnosticEngine &Diags);

} // namespace schemac

#endif
