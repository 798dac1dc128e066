//===- DatabaseSource.h - A database named on the command line --*- C++ -*-===//
//
// Connecting to a SRC that names a database and reading it. Every message
// shows the source with its password hidden, and libpq's own messages are
// scrubbed of it too, since they end up in CI logs.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_DATABASESOURCE_H
#define SCHEMAC_RUNTIME_DATABASESOURCE_H

#include "runtime/Inspect.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <pqxx/connection>

#include <memory>

namespace schemac {

/// Opens a connection; the error says why, without the password.
llvm::Expected<std::unique_ptr<pqxx::connection>>
connectTo(llvm::StringRef Source);

/// Source (a URL or conninfo) with its database replaced by DBName, as a
/// conninfo string; the other settings are kept.
std::string withDatabase(llvm::StringRef Source, llvm::StringRef DBName);

/// connectTo, then inspectDatabase.
llvm::Expected<InspectedDatabase> inspectSource(llvm::StringRef Source,
                                                const InspectOptions &Options);

} // namespace schemac

#endif
