//===- SQLFormat.h - Types and expressions as PostgreSQL text ---*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_SQLFORMAT_H
#define SCHEMAC_CODEGEN_SQLFORMAT_H

#include "sema/IR.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>

namespace schemac::sql {

/// What formatExpr leaves to its caller. The schema language reads the same
/// expressions as SQL, so its printer shares this code and only changes the
/// spelling: lower-case keywords, its own type names, and names quoted where
/// the language (not PostgreSQL) needs it.
struct ExprStyle {
  bool LowerCaseKeywords = false;
  /// Parenthesise operands only where precedence needs it (`a > 0 and b`),
  /// not every operand that is an operator (`(a > 0) AND b`).
  bool MinimalParens = false;
  /// Spells a cast's type; formatType when empty.
  llvm::function_ref<std::string(const ir::Type &)> Type;
  /// Spells a called function's name; quoteFunctionName when empty.
  llvm::function_ref<std::string(llvm::StringRef)> Function;
  /// Spells a column name; quoteIdentifier when empty.
  llvm::function_ref<std::string(llvm::StringRef)> Column;
};

/// An expression as SQL. Operands that are themselves operators are
/// parenthesised, so the text parses back to the same tree.
std::string formatExpr(const ir::Expr &E, const ExprStyle &Style = {});

/// formatExpr for a DEFAULT clause, which takes a restricted expression:
/// parenthesised when PostgreSQL would not accept it bare.
std::string formatDefault(const ir::Expr &E, const ExprStyle &Style = {});

const char *formatAction(ir::ReferentialAction A);

} // namespace schemac::sql

#endif
