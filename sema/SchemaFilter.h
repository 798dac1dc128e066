//===- SchemaFilter.h - Leaving objects out of a comparison -----*- C++ -*-===//
//
// Comparisons between a schema and a database rarely cover the whole
// database: `--schema` limits them to some schemas, `--exclude` and
// `database { exclude }` leave objects out by glob on their qualified name,
// and the version tables of migration tools are never compared.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_SCHEMAFILTER_H
#define SCHEMAC_SEMA_SCHEMAFILTER_H

#include "sema/IR.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace schemac {

struct SchemaFilter {
  /// Only these schemas; every schema when empty.
  std::vector<std::string> Schemas;
  /// Globs (`app.tmp_*`, `legacy.*`, `legacy`) on qualified object names
  /// and on schema names.
  std::vector<std::string> Exclude;
  /// Keep what kept tables need to compile, though the filter leaves it
  /// out: the tables their foreign keys reference and the enums their
  /// columns use (transitively), with their schemas. For printing a part
  /// of a database as source; a comparison wants the bare filter.
  bool KeepReferenced = false;
};

/// What is never compared: schemac's and Alembic's version tables.
llvm::ArrayRef<std::string> defaultExcludes();

/// Removes from S the enums, tables and schemas the filter leaves out. A
/// schema goes too when everything it held was left out, so excluding
/// `legacy.*` does not turn into dropping the schema `legacy`. Fails on a
/// malformed glob.
llvm::Error applyFilter(ir::Schema &S, const SchemaFilter &Filter);

} // namespace schemac

#endif
