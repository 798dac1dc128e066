//===- JSONText.cpp - Text for llvm::json output --------------------------===//

#include "frontend/JSONText.h"

using namespace llvm;

json::Value schemac::toJSONString(StringRef S) {
  if (json::isUTF8(S))
    return S.str();
  return json::fixUTF8(S);
}
