//===- Sema.h - From syntax trees to the checked IR -------------*- C++ -*-===//

#ifndef SCHEMAC_SEMA_SEMA_H
#define SCHEMAC_SEMA_SEMA_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/IR.h"
#include "sema/SourceMap.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>

namespace schemac {

struct SemaResult {
  ir::Schema IR;
  /// Where each element of IR was written; points into the modules.
  SourceMap Sources;
};

/// Resolves the modules as one schema (the files of a directory together),
/// names every constraint and index, and builds the IR. Returns nullopt when
/// an error was reported.
std::optional<SemaResult> buildIR(llvm::ArrayRef<const ast::Module *> Modules,
                                  DiagnosticEngine &Diags);

} // namespace schemac

#endif
