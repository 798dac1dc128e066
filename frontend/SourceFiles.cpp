//===- SourceFiles.cpp - Reading schema files into the SourceMgr ----------===//

#include "frontend/SourceFiles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace schemac;

/// SourceMgr counts lines by '\n' only: a file with old Mac line endings
/// (a lone '\r') would be one line to it. Same length, so every offset
/// stays where it was.
static std::unique_ptr<llvm::MemoryBuffer>
withLineFeeds(std::unique_ptr<llvm::MemoryBuffer> Buffer) {
  llvm::StringRef Text = Buffer->getBuffer();
  auto IsLoneCR = [&](size_t I) {
    return Text[I] == '\r' && (I + 1 == Text.size() || Text[I + 1] != '\n');
  };
  size_t First = 0;
  while (First < Text.size() && !IsLoneCR(First))
    ++First;
  if (First == Text.size())
    return Buffer;
  auto Copy = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(
      Text.size(), Buffer->getBufferIdentifier());
  char *Out = Copy->getBufferStart();
  for (size_t I = 0; I < Text.size(); ++I)
    Out[I] = IsLoneCR(I) ? '\n' : Text[I];
  return Copy;
}

static bool addFile(const std::string &Path, llvm::SourceMgr &SM,
                    DiagnosticEngine &Diags, std::vector<unsigned> &IDs) {
  auto Buffer = Path == "-" ? llvm::MemoryBuffer::getSTDIN()
                            : llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path,
                 Buffer.getError().message());
    return false;
  }
  IDs.push_back(
      SM.AddNewSourceBuffer(withLineFeeds(std::move(*Buffer)), llvm::SMLoc()));
  return true;
}

std::vector<unsigned>
schemac::loadSourceFiles(llvm::ArrayRef<std::string> Paths, llvm::SourceMgr &SM,
                         DiagnosticEngine &Diags) {
  std::vector<unsigned> IDs;
  for (const std::string &Path : Paths) {
    if (Path == "-" || !llvm::sys::fs::is_directory(Path)) {
      addFile(Path, SM, Diags, IDs);
      continue;
    }
    std::vector<std::string> Files;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".schema" &&
          !llvm::sys::fs::is_directory(It->path()))
        Files.push_back(It->path());
    if (EC) {
      Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path, EC.message());
      continue;
    }
    if (Files.empty()) {
      Diags.report(DiagID::err_no_schema_files, llvm::SMLoc(), Path);
      continue;
    }
    llvm::sort(Files);
    for (const std::string &File : Files)
      addFile(File, SM, Diags, IDs);
  }
  return IDs;
}
