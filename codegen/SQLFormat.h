//===- SQLFormat.h - Types and expressions as PostgreSQL text ---*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_SQLFORMAT_H
#define SCHEMAC_CODEGEN_SQLFORMAT_H

#include "sema/IR.h"
#include "sema/SQLQuote.h"

#include <string>

namespace schemac::sql {

/// An expression as SQL. Operands that are themselves operators are
/// parenthesised, so the text parses back to the same tree.
std::string formatExpr(const ir::Expr &E);

/// formatExpr for a DEFAULT clause, which takes a restricted expression:
/// parenthesised when PostgreSQL would not accept it bare.
std::string formatDefault(const ir::Expr &E);

const char *formatAction(ir::ReferentialAction A);

} // namespace schemac::sql

#endif
