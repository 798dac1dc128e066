//===- SourceFiles.h - Reading schema files into the SourceMgr --*- C++ -*-===//

#ifndef SCHEMAC_FRONTEND_SOURCEFILES_H
#define SCHEMAC_FRONTEND_SOURCEFILES_H

#include "frontend/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace schemac {

/// Adds every input to the engine's SourceMgr and returns the buffer IDs in
/// the order they form one schema: a file as given, a directory as its
/// `.schema` files in name order, `-` as standard input. Problems are
/// reported; the result is empty only when nothing could be read.
std::vector<unsigned> loadSourceFiles(llvm::ArrayRef<std::string> Paths,
                                      llvm::SourceMgr &SM,
                                      DiagnosticEngine &Diags);

} // namespace schemac

#endif
