//===- SQLFormat.h - Types and expressions as PostgreSQL text ---*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_SQLFORMAT_H
#define SCHEMAC_CODEGEN_SQLFORMAT_H

#include "sema/IR.h"

#include <string>

namespace schemac::sql {

/// A type as format_type() prints it: `character varying(320)`,
/// `timestamp(3) with time zone`, `quaero.member_role[]`.
std::string formatType(const ir::Type &T);

/// An expression as SQL. Operands that are themselves operators are
/// parenthesised, so the text parses back to the same tree.
std::string formatExpr(const ir::Expr &E);

/// formatExpr for a DEFAULT clause, which takes a restricted expression:
/// parenthesised when PostgreSQL would not accept it bare.
std::string formatDefault(const ir::Expr &E);

const char *formatAction(ir::ReferentialAction A);

} // namespace schemac::sql

#endif
