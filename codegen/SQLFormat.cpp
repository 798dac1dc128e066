//===- SQLFormat.cpp - Types and expressions as PostgreSQL text -----------===//

#include "codegen/SQLFormat.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringExtras.h"

using namespace schemac;

const char *sql::formatAction(ir::ReferentialAction A) {
  switch (A) {
  case ir::ReferentialAction::NoAction:
    return "NO ACTION";
  case ir::ReferentialAction::Restrict:
    return "RESTRICT";
  case ir::ReferentialAction::Cascade:
    return "CASCADE";
  case ir::ReferentialAction::SetNull:
    return "SET NULL";
  case ir::ReferentialAction::SetDefault:
    return "SET DEFAULT";
  }
  return "NO ACTION";
}

static bool isOperator(const ir::Expr &E) {
  switch (E.K) {
  case ir::Expr::Kind::Unary:
  case ir::Expr::Kind::Binary:
  case ir::Expr::Kind::Is:
  case ir::Expr::Kind::In:
  case ir::Expr::Kind::Like:
  case ir::Expr::Kind::Not:
    return true;
  case ir::Expr::Kind::Number:
    return llvm::StringRef(E.Text).startswith("-");
  default:
    return false;
  }
}

static std::string operand(const ir::Expr &E) {
  std::string Text = sql::formatExpr(E);
  return isOperator(E) ? "(" + Text + ")" : Text;
}

std::string sql::formatDefault(const ir::Expr &E) {
  // DEFAULT takes PostgreSQL's b_expr: arithmetic and comparison, but not
  // boolean connectives, IS, IN or LIKE unless parenthesised.
  using K = ir::Expr::Kind;
  auto IsArrayComparison = [](const ir::Expr &Op) {
    const ir::Expr &RHS = Op.Args[1];
    return RHS.K == K::Call && RHS.Schema.empty() &&
           (RHS.Text == "any" || RHS.Text == "all" || RHS.Text == "some");
  };
  bool Restricted =
      E.K == K::Is || E.K == K::Sql || E.K == K::In || E.K == K::Like || E.K == K::Not ||
      (E.K == K::Binary &&
       (E.Text == "AND" || E.Text == "OR" || IsArrayComparison(E)));
  std::string Text = formatExpr(E);
  return Restricted ? "(" + Text + ")" : Text;
}

static std::string list(const std::vector<ir::Expr> &Args, size_t From = 0) {
  std::string Out;
  for (size_t I = From; I < Args.size(); ++I) {
    if (I != From)
      Out += ", ";
    Out += sql::formatExpr(Args[I]);
  }
  return Out;
}

std::string sql::formatExpr(const ir::Expr &E) {
  using K = ir::Expr::Kind;
  switch (E.K) {
  case K::Number:
    return E.Text;
  case K::String:
    return quoteString(E.Text);
  case K::Bool:
    return E.Text;
  case K::Null:
    return "NULL";
  case K::Column:
    return quoteIdentifier(E.Text);
  case K::Keyword:
    return llvm::StringRef(E.Text).upper();
  case K::Call: {
    std::string Out;
    if (!E.Schema.empty())
      Out = quoteIdentifier(E.Schema) + ".";
    Out += quoteFunctionName(E.Text) + "(";
    if (E.Distinct)
      Out += "DISTINCT ";
    Out += E.Star ? "*" : list(E.Args);
    return Out + ")";
  }
  case K::Cast:
    return operand(E.Args[0]) + "::" + formatType(*E.CastType);
  case K::Unary:
    return E.Text + operand(E.Args[0]);
  case K::Binary:
    return operand(E.Args[0]) + " " + E.Text + " " + operand(E.Args[1]);
  case K::Is:
    return operand(E.Args[0]) + (E.Negated ? " IS NOT " : " IS ") + E.Text;
  case K::In:
    return operand(E.Args[0]) + (E.Negated ? " NOT IN (" : " IN (") +
           list(E.Args, 1) + ")";
  case K::Like:
    return operand(E.Args[0]) + (E.Negated ? " NOT " : " ") + E.Text + " " +
           operand(E.Args[1]);
  case K::Not:
    return "NOT " + operand(E.Args[0]);
  case K::Array:
    return "ARRAY[" + list(E.Args) + "]";
  case K::Case: {
    std::string Out = "CASE";
    size_t I = 0;
    if (E.HasOperand)
      Out += " " + formatExpr(E.Args[I++]);
    size_t End = E.Args.size() - (E.HasElse ? 1 : 0);
    for (; I + 1 < End + 1 && I < End; I += 2)
      Out += " WHEN " + formatExpr(E.Args[I]) + " THEN " +
             formatExpr(E.Args[I + 1]);
    if (E.HasElse)
      Out += " ELSE " + formatExpr(E.Args.back());
    return Out + " END";
  }
  case K::Sql:
    return E.Text;
  }
  return "";
}
