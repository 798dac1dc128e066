//===- GitRevision.h - Schema files as a git revision has them --*- C++ -*-===//
//
// `schemac lint --base git:REV` compares with the schema files as they were
// at a revision: the same paths as the new schema's inputs, read from git
// (`git show REV:path`), not from the working tree. A directory stands for
// its `.schema` files at that revision, as it does on disk.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_GITREVISION_H
#define SCHEMAC_TOOLS_GITREVISION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace schemac::driver {

struct RevisionFile {
  /// `git:REV:path/from/the/root.schema`, how diagnostics name it.
  std::string Name;
  std::string Text;
};

/// The files Paths (files, or directories standing for their files whose
/// names end in Suffix) had at Rev, in name order within each directory.
/// A path that did not exist at Rev has no files. Fails when git cannot be
/// run, a path is not in a git repository, or Rev names no commit.
llvm::Expected<std::vector<RevisionFile>>
readAtRevision(llvm::StringRef Rev, llvm::ArrayRef<std::string> Paths,
               llvm::StringRef Suffix = ".schema");

} // namespace schemac::driver

#endif
