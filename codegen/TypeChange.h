//===- TypeChange.h - What changing a column's type takes -------*- C++ -*-===//
//
// PostgreSQL's casts decide how a column moves from one type to another:
// binary-coercible (no rewrite), through a cast (`USING col::new`, which may
// fail on existing rows), or not at all (the column must be dropped and
// added again). Narrowing loses data and counts as destructive.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_TYPECHANGE_H
#define SCHEMAC_CODEGEN_TYPECHANGE_H

#include "sema/IR.h"

#include <string>

namespace schemac {

struct TypeChange {
  enum class Kind {
    Safe,      // binary-coercible: no USING, no rewrite
    Cast,      // needs USING; rewrites the table; may fail on existing data
    Impossible // no cast: drop and add the column
  };
  Kind K;
  /// Values of the old type may not fit the new one (bigint -> integer,
  /// varchar(100) -> varchar(50), a dropped enum label).
  bool Narrowing = false;
  /// The USING expression for Cast, with `{0}` for the quoted column name.
  std::string Using;

  bool isDestructive() const { return Narrowing || K == Kind::Impossible; }
  const char *className() const;
};

TypeChange classifyTypeChange(const ir::Type &From, const ir::Type &To);

} // namespace schemac

#endif
