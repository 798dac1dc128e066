//===- Backend.cpp - Output contexts ---------------------------------------===//

#include "codegen/Backend.h"

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
  return llvm::writeFileAtomically(Path + ".tmp%%%%%%", Path, Text);
}
