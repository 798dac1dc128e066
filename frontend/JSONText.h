//===- JSONText.h - Text for llvm::json output ------------------*- C++ -*-===//
//
// llvm::json asserts that every string it holds is UTF-8, but file names and
// messages quoting the user's input need not be. The JSON and SARIF
// diagnostic printers pass such strings through toJSONString.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_JSONTEXT_H
#define SCHEMAC_FRONTEND_JSONTEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

namespace schemac {

/// \p S as a JSON string, with bytes that are not valid UTF-8 replaced by
/// U+FFFD.
llvm::json::Value toJSONString(llvm::StringRef S);

} // namespace schemac

#endif
