//===- ConnectionString.h - Telling and showing database sources ----------===//
//
// Wherever a command takes a SRC, it may name a database instead of schema
// files: a `postgres://` or `postgresql://` URL, or a libpq conninfo string
// (`host=/tmp dbname=app`). Messages show a source with its password
// hidden, since they end up in CI logs.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_CONNECTIONSTRING_H
#define SCHEMAC_RUNTIME_CONNECTIONSTRING_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace schemac {

/// Whether Src names a database rather than a file or directory.
bool isDatabaseSource(llvm::StringRef Src);

/// Src with any password replaced by `***`: the user info of a URL, a
/// `password` URL parameter, a `password=` conninfo keyword.
std::string redactPassword(llvm::StringRef Src);

} // namespace schemac

#endif
