//===- CheckRegistry.h - The named checks -----------------------*- C++ -*-===//

#ifndef SCHEMAC_FRONTEND_CHECKREGISTRY_H
#define SCHEMAC_FRONTEND_CHECKREGISTRY_H

#include "frontend/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace schemac {

/// Whether a check may be turned off or made a warning.
enum class CheckControl { Optional, Required };

struct CheckInfo {
  llvm::StringRef Name;
  Severity DefaultLevel;
  CheckControl Control;
  llvm::StringRef Summary;
  llvm::StringRef Help;
};

/// Every check of Checks.def, in its order.
llvm::ArrayRef<CheckInfo> allChecks();
const CheckInfo *findCheck(llvm::StringRef Name);

} // namespace schemac

#endif
