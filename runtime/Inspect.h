//===- Inspect.h - A live database's catalog into the IR --------*- C++ -*-===//
//
// Reads pg_catalog into the same IR the compiler builds, with a fixed number
// of queries (not one per table). The connection's search_path has no
// effect: the queries run under `search_path = pg_catalog`, so every name
// comes back qualified the same way whatever the connection said.
//
// Read so far: schemas, extensions, enums (label order), tables, columns
// (types with modifiers and array dimensions, enum and extension types,
// NOT NULL, identity, collation, comments), table comments, primary keys,
// unique constraints (NULLS NOT DISTINCT) and foreign keys (actions,
// deferrability). Not yet: defaults, generated columns, serial sequences,
// check constraints, indexes; inspection is not offered to users until
// those are read too, since a partial read would show phantom changes.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_INSPECT_H
#define SCHEMAC_RUNTIME_INSPECT_H

#include "sema/IR.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace schemac {

struct InspectOptions {
  /// Only these schemas; all but the system ones when empty.
  std::vector<std::string> Schemas;
};

llvm::Expected<ir::Schema> inspectDatabase(pqxx::connection_base &Connection,
                                           const InspectOptions &Options);

} // namespace schemac

#endif
