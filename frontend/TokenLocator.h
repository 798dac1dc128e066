//===- TokenLocator.h - Token offsets to source locations -------*- C++ -*-===//
//
// Tokens carry byte offsets into their buffer (frontend/Lexer); diagnostics
// want llvm::SMLoc pointers into the same buffer.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_TOKENLOCATOR_H
#define SCHEMAC_FRONTEND_TOKENLOCATOR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

namespace schemac {

class TokenLocator {
public:
  explicit TokenLocator(llvm::StringRef Buffer) : Buffer(Buffer) {}

  /// Location of a byte offset (one past the end is allowed).
  llvm::SMLoc locate(size_t Offset) const {
    if (Offset > Buffer.size())
      Offset = Buffer.size();
    return llvm::SMLoc::getFromPointer(Buffer.data() + Offset);
  }

  llvm::StringRef text(size_t Begin, size_t End) const {
    return Buffer.slice(Begin, End);
  }

private:
  llvm::StringRef Buffer;
};

} // namespace schemac

#endif
