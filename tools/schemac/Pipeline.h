//===- Pipeline.h - Schema files to a checked IR ----------------*- C++ -*-===//
//
// The steps every command that reads schema files shares: load, parse,
// resolve into the IR, run the checks. Each step stops the pipeline when it
// reported an error.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_PIPELINE_H
#define SCHEMAC_TOOLS_PIPELINE_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/Sema.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac::driver {

struct CompiledSchema {
  std::vector<std::unique_ptr<ast::Module>> Modules;
  /// Set when the modules resolved into an IR without errors.
  std::optional<SemaResult> Sema;
};

enum class StopAfter { Parse, Checks };

/// Runs the pipeline over Inputs; false when any step reported an error.
bool compileSchema(llvm::ArrayRef<std::string> Inputs, llvm::SourceMgr &SM,
                   DiagnosticEngine &Diags, StopAfter Stop,
                   CompiledSchema &Out);

} // namespace schemac::driver

#endif
