//===- SourceFixture.h - Source buffers for diagnostics unit tests --------===//

#ifndef SCHEMAC_TEST_UNIT_SOURCEFIXTURE_H
#define SCHEMAC_TEST_UNIT_SOURCEFIXTURE_H

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

namespace schemac::test {

/// Owns a SourceMgr holding the test's input files, and finds places in
/// them by the text there.
class SourceFixture {
public:
  unsigned addFile(llvm::StringRef Text, llvm::StringRef Name = "test.schema") {
    return SM.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(Text, Name), llvm::SMLoc());
  }

  /// The location of the first occurrence of \p Needle in buffer \p BufferID.
  llvm::SMLoc at(llvm::StringRef Needle, unsigned BufferID = 1) const {
    llvm::StringRef Text = SM.getMemoryBuffer(BufferID)->getBuffer();
    size_t Offset = Text.find(Needle);
    EXPECT_NE(Offset, llvm::StringRef::npos)
        << "'" << Needle.str() << "' not found";
    return llvm::SMLoc::getFromPointer(Text.data() + Offset);
  }

  /// An empty range at the first occurrence of \p Needle (for notes, which
  /// take ranges only).
  llvm::SMRange point(llvm::StringRef Needle, unsigned BufferID = 1) const {
    llvm::SMLoc Start = at(Needle, BufferID);
    return llvm::SMRange(Start, Start);
  }

  /// The range covering the first occurrence of \p Needle.
  llvm::SMRange range(llvm::StringRef Needle, unsigned BufferID = 1) const {
    llvm::SMLoc Start = at(Needle, BufferID);
    return llvm::SMRange(
        Start, llvm::SMLoc::getFromPointer(Start.getPointer() + Needle.size()));
  }

  llvm::SourceMgr SM;
};

} // namespace schemac::test

#endif
