//===- Inspect.h - A live database's catalog into the IR --------*- C++ -*-===//
//
// Reads pg_catalog into the same IR the compiler builds, with a fixed number
// of queries (not one per table). The connection's search_path has no
// effect: the queries run under `search_path = pg_catalog`, so every name
// comes back qualified the same way whatever the connection said.
//
// Read: schemas, extensions, enums (label order), tables, columns (types
// with modifiers and array dimensions, enum, extension and domain types,
// NOT NULL, defaults, identity, generated, serial sequences, collation,
// comments), table comments, primary keys, unique constraints (NULLS NOT
// DISTINCT), foreign keys (actions, deferrability), checks and indexes
// (method, operator classes, order, expressions, INCLUDE, options,
// predicates). Expressions are kept as the server prints them
// (ir::Expr::Kind::Sql); the caller compiles them through the schema source
// printed from the result, so they are parsed by the same frontend as
// schema files.
//
// What the IR cannot hold yet (views, functions, triggers, policies,
// domains, exclusion constraints, unvalidated constraints, sequences no
// column owns, ...) is listed in Unrepresented, so callers can say what the
// comparison left out instead of hiding it.
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
  /// Only these schemas, and those their foreign keys lead to (so the
  /// result compiles); all but the system ones when empty.
  std::vector<std::string> Schemas;
};

struct InspectedDatabase {
  ir::Schema Schema;
  /// One line per object left out, `view app.active_users`, sorted.
  std::vector<std::string> Unrepresented;
};

llvm::Expected<InspectedDatabase>
inspectDatabase(pqxx::connection_base &Connection,
                const InspectOptions &Options);

} // namespace schemac

#endif
