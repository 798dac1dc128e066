//===- TokenLocator.h - ANTLR character indexes to source pointers -*- C++ -*-===//
//
// ANTLR counts code points; llvm::SourceMgr wants pointers into the UTF-8
// buffer. For pure ASCII input the two agree, so the table is only built when
// the buffer has a multi-byte character.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_TOKENLOCATOR_H
#define SCHEMAC_FRONTEND_TOKENLOCATOR_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <vector>

namespace schemac {

class TokenLocator {
public:
  explicit TokenLocator(llvm::StringRef Buffer) : Buffer(Buffer) {
    bool Ascii = true;
    for (unsigned char C : Buffer)
      if (C >= 0x80) {
        Ascii = false;
        break;
      }
    if (Ascii)
      return;
    // Offset of every code point start; UTF-8 continuation bytes are
    // 10xxxxxx. The input was validated as UTF-8 before lexing.
    for (size_t I = 0, E = Buffer.size(); I != E; ++I)
      if ((static_cast<unsigned char>(Buffer[I]) & 0xC0) != 0x80)
        CodePointOffsets.push_back(static_cast<uint32_t>(I));
    CodePointOffsets.push_back(static_cast<uint32_t>(Buffer.size()));
  }

  /// Pointer for a code point index (one past the end is allowed).
  llvm::SMLoc locate(size_t CodePointIndex) const {
    size_t Offset = CodePointIndex;
    if (!CodePointOffsets.empty())
      Offset = CodePointIndex < CodePointOffsets.size()
                   ? CodePointOffsets[CodePointIndex]
                   : Buffer.size();
    if (Offset > Buffer.size())
      Offset = Buffer.size();
    return llvm::SMLoc::getFromPointer(Buffer.data() + Offset);
  }

  llvm::StringRef getBuffer() const { return Buffer; }

private:
  llvm::StringRef Buffer;
  std::vector<uint32_t> CodePointOffsets;
};

} // namespace schemac

#endif
