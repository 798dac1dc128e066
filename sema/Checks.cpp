//===- Checks.cpp - The checks decided on one schema ----------------------===//

#include "sema/Checks.h"

using namespace schemac;

void schemac::runChecks(const ir::Schema &IR, const SourceMap &Sources,
                        DiagnosticEngine &Diags) {
  checkForeignKeys(IR, Sources, Diags);
  checkIndexes(IR, Sources, Diags);
  checkEnums(IR, Sources, Diags);
  checkColumns(IR, Sources, Diags);
  checkDefaults(IR, Sources, Diags);
}
