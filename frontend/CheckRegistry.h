//===- CheckRegistry.h - The named checks -----------------------*- C++ -*-===//

#ifndef SCHEMAC_FRONTEND_CHECKREGISTRY_H
#define SCHEMAC_FRONTEND_CHECKREGISTRY_H

#include "frontend/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace schemac {

struct CheckInfo {
  llvm::StringRef Name;
  Severity DefaultLevel;
  llvm::StringRef Summary;
  llvm::StringRef Help;
};

/// Every check of Checks.def, in its order.
llvm::ArrayRef<CheckInfo> allChecks();
const CheckInfo *findCheck(llvm::StringRef Name);

} // namespace schemac

#endif
