//===- Backend.cpp - Output contexts --------------------------------------===//

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
  // Through a symbolic link the file it names is written (renaming a file
  // over the link would replace the link: `-o /dev/stdout`).
  std::string Target = Path;
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::is_symlink_file(Path) &&
      !llvm::sys::fs::real_path(Path, Real))
    Target = std::string(Real);
  // A device or pipe (`-o /dev/null`) cannot be replaced by renaming a file
  // over it: write to it directly.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Target, Status) && llvm::sys::fs::exists(Status) &&
      !llvm::sys::fs::is_regular_file(Status)) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Target, EC);
    if (EC)
      return llvm::errorCodeToError(EC);
    OS << Text;
    return llvm::errorCodeToError(OS.error());
  }
  return llvm::writeFileAtomically(Target + ".tmp%%%%%%", Target, Text);
}
