//===- ExprLowering.h - SQL expressions from AST to IR ----------*- C++ -*-===//
//
// Inside expressions SQL's rules hold: an unquoted name folds to lower case
// (a column written as declared is found first), a quoted one is exact.
// Column references are checked against the table, function names fold,
// casts resolve their types like column types do.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_EXPRLOWERING_H
#define SCHEMAC_SEMA_EXPRLOWERING_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/IR.h"
#include "sema/NameResolution.h"

#include <optional>

namespace schemac {

class ExprLowering {
public:
  /// Table is the table whose columns the expression may use; null where
  /// columns are not allowed (defaults).
  ExprLowering(const SymbolTable &Symbols, DiagnosticEngine &Diags,
               llvm::StringRef EnclosingSchema, const ir::Table *Table)
      : Symbols(Symbols), Diags(Diags), Enclosing(EnclosingSchema),
        Table(Table) {}

  /// Returns nullopt after reporting an error.
  std::optional<ir::Expr> lower(const ast::Expr &E);

  /// The distinct columns the lowered expressions referred to, in order of
  /// first use (PostgreSQL names a check after its only column).
  const std::vector<std::string> &getColumnsUsed() const { return Columns; }

private:
  bool lowerList(llvm::ArrayRef<ast::ExprPtr> Exprs, ir::Expr &Into);
  std::optional<ir::Expr> lowerName(const ast::ColumnRefExpr &Ref);

  const SymbolTable &Symbols;
  DiagnosticEngine &Diags;
  llvm::StringRef Enclosing;
  const ir::Table *Table;
  std::vector<std::string> Columns;
};

/// The column name PostgreSQL gives an index expression when it names the
/// index (FigureIndexColname): a function's name, a column's, else "expr".
std::string indexExpressionName(const ir::Expr &E);

} // namespace schemac

#endif
