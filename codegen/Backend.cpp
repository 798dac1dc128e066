//===- Backend.cpp - Output contexts ---------------------------------------===//

#include "codegen/Backend.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"

using namespace schemac;

OutputContext::~OutputContext() = default;
Backend::~Backend() = default;

llvm::Error FileOutputContext::commit() {
  const std::string &Text = str();
  if (Path == "-") {
    llvm::outs() << Text;
    llvm::outs().flush();
    return llvm::Error::success();
  }
  // A device or pipe (`-o /dev/null`) cannot be replaced by renaming a file
  // over it: write to it directly.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) &&
      llvm::sys::fs::exists(Status) &&
      !llvm::sys::fs::is_regular_file(Status)) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    if (EC)
      return llvm::errorCodeToError(EC);
    OS << Text;
    return llvm::errorCodeToError(OS.error());
  }
  return llvm::writeFileAtomically(Path + ".tmp%%%%%%", Path, Text);
}
