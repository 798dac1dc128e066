//===- ExprEquivalence.h - When two expressions are the same ----*- C++ -*-===//
//
// PostgreSQL stores an expression in its own spelling and prints that back:
// `status IN ('a', 'b')` as `(status = ANY (ARRAY['a'::text, 'b'::text]))`,
// `x LIKE 'a%'` as `(x ~~ 'a%'::text)`, `DEFAULT -1` as `'-1'::integer`,
// `lower(email)` on a varchar column as `lower((email)::text)`. A schema file
// and an inspected database must compare equal through those rewrites (no
// phantom diffs), yet still differ where the meaning differs.
//
// The canonical form is for comparison only: the IR keeps what the user
// wrote, and emitted SQL spells it that way.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_EXPREQUIVALENCE_H
#define SCHEMAC_SEMA_EXPREQUIVALENCE_H

#include "sema/IR.h"

namespace schemac {

/// E with PostgreSQL's rewrites undone, or made on both spellings alike:
/// IN and `= ANY (ARRAY[...])` are one form (as are NOT IN and
/// `<> ALL (ARRAY[...])`, and a one-element list and `=`/`<>`), LIKE and
/// ILIKE are their operators `~~` `~~*` `!~~` `!~~*`, `!=` is `<>`, casts of
/// constants are dropped (`'-1'::integer` is the number -1, `1e3` is 1000),
/// casts PostgreSQL adds where it needs another type are dropped (varchar to
/// text anywhere; char and citext to text in function arguments, `||` and
/// comparisons with text; a number widened to the type the other operand
/// has on its own, or for `^`), casts of a column to its own type are
/// dropped, schemas of functions and operators are ignored, AND and OR
/// chains group alike, and a CASE's `ELSE NULL` is implied.
///
/// Context is the table whose columns the expression uses (their types
/// decide which casts are implicit); null where no column is allowed.
/// ValueType, where given, is the type the value is assigned to (a column
/// default): a string that spells a number or boolean of that type reads
/// as one, as PostgreSQL stores it.
ir::Expr canonicalForComparison(const ir::Expr &E, const ir::Table *Context,
                                const ir::Type *ValueType = nullptr);

/// Whether A and B are one expression once canonical.
bool equivalentExprs(const ir::Expr &A, const ir::Expr &B,
                     const ir::Table *Context);

/// The same for optional expressions: two absent ones are equivalent, an
/// absent and a present one are not.
bool equivalentExprs(const ir::Expr *A, const ir::Expr *B,
                     const ir::Table *Context);

/// Column defaults of a column of type ColumnType.
bool equivalentDefaults(const ir::Expr *A, const ir::Expr *B,
                        const ir::Type &ColumnType);

} // namespace schemac

#endif
