//===- AlembicFuzzer.cpp - libFuzzer target: Alembic revision files -------===//
//
// The reader of `migrate verify --alembic` (codegen/AlembicRevisions.h),
// which stands in for Python on files from pull requests. The input is a
// versions directory: files separated by NUL bytes (at most MaxFiles), each
// a line with the file's name and then its text. Each file is read, and the
// chain they form is verified, with the diagnostics printed into a stream
// that discards them.
//===----------------------------------------------------------------------===//

#include "codegen/AlembicRevisions.h"
#include "frontend/Diagnostic.h"
#include "frontend/TextDiagnosticPrinter.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace schemac;

static constexpr size_t MaxFiles = 8;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::SourceMgr SM;
  llvm::raw_null_ostream Discard;
  TextDiagnosticPrinter Printer(SM, Discard, /*ShowColors=*/false);
  DiagnosticEngine Diags(SM, Printer);

  std::vector<alembic::RevisionFile> Files;
  while (!Input.empty() && Files.size() < MaxFiles) {
    llvm::StringRef File;
    std::tie(File, Input) = Input.split('\0');
    auto [Name, Text] = File.split('\n');
    unsigned ID = SM.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(Text, "versions/" + Name),
        llvm::SMLoc());
    Files.push_back(alembic::readRevisionFile(ID, Diags));
  }
  alembic::verifyRevisions(Files, Diags);
  Printer.finish();
  return 0;
}
