//===- CheckRegistry.cpp - The named checks -------------------------------===//

#include "frontend/CheckRegistry.h"

using namespace schemac;

static const CheckInfo Checks[] = {
#define CHECK(NAME, LEVEL, CONTROL, SUMMARY, HELP)                             \
  {#NAME, Severity::LEVEL, CheckControl::CONTROL, SUMMARY, HELP},
#include "frontend/Checks.def"
};

llvm::ArrayRef<CheckInfo> schemac::allChecks() { return Checks; }

const CheckInfo *schemac::findCheck(llvm::StringRef Name) {
  for (const CheckInfo &C : Checks)
    if (C.Name == Name)
      return &C;
  return nullptr;
}
