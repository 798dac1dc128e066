//===- SQLFormat.cpp - Types and expressions as PostgreSQL text -----------===//

#include "codegen/SQLFormat.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

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

/// A keyword of the expression syntax in the style's case. The keywords are
/// written upper case here, as the SQL backends print them.
static std::string keyword(llvm::StringRef Upper, const sql::ExprStyle &Style) {
  return Style.LowerCaseKeywords ? Upper.lower() : Upper.str();
}

/// How loosely E binds, as the schema grammar's `expr` rule orders its
/// alternatives (PostgreSQL's order; each alternative is a level of its
/// own): 0 for a primary, 1 for `::` ... 14 for OR.
static int looseness(const ir::Expr &E) {
  using K = ir::Expr::Kind;
  switch (E.K) {
  case K::Cast:
    return 1;
  case K::Unary:
    return 2;
  case K::Number:
    return llvm::StringRef(E.Text).startswith("-") ? 2 : 0;
  case K::Binary:
    if (!E.Schema.empty())
      return 7; // OPERATOR(schema.op)
    return llvm::StringSwitch<int>(llvm::StringRef(E.Text).upper())
        .Case("^", 3)
        .Cases("*", "/", "%", 4)
        .Cases("+", "-", 5)
        .Cases("<", ">", "<=", ">=", "=", "<>", "!=", 10)
        .Case("AND", 13)
        .Case("OR", 14)
        .Default(6);
  case K::In:
    return 8;
  case K::Like:
    return 9;
  case K::Is:
    return 11;
  case K::Not:
    return 12;
  default:
    return 0;
  }
}

/// Operand E of Parent. By default every operand that is an operator is
/// parenthesised; with MinimalParens only where the grammar would read it
/// otherwise (operators associate to the left), and where people would
/// read it otherwise: a test (comparison, IN, LIKE, IS) under another test
/// or under NOT (`not (a = 1)`), a sign before `^` (`(-2) ^ 2`).
static std::string operand(const ir::Expr &E, const ir::Expr &Parent,
                           bool Right, const sql::ExprStyle &Style) {
  std::string Text = sql::formatExpr(E, Style);
  if (!Style.MinimalParens)
    return isOperator(E) ? "(" + Text + ")" : Text;
  int Child = looseness(E), Outer = looseness(Parent);
  auto IsTest = [](int L) { return L >= 8 && L <= 11; };
  bool Parens = Child && (Right ? Child >= Outer : Child > Outer);
  Parens |= IsTest(Child) && (IsTest(Outer) || Parent.K == ir::Expr::Kind::Not);
  Parens |= Child == 2 && Outer == 3 && !Right;
  return Parens ? "(" + Text + ")" : Text;
}

std::string sql::formatDefault(const ir::Expr &E, const ExprStyle &Style) {
  // DEFAULT takes PostgreSQL's b_expr: arithmetic and comparison, but not
  // boolean connectives, IS, IN or LIKE unless parenthesised.
  using K = ir::Expr::Kind;
  auto IsArrayComparison = [](const ir::Expr &Op) {
    const ir::Expr &RHS = Op.Args[1];
    return RHS.K == K::Call && RHS.Schema.empty() &&
           (RHS.Text == "any" || RHS.Text == "all" || RHS.Text == "some");
  };
  bool Restricted = E.K == K::Is || E.K == K::Sql || E.K == K::In ||
                    E.K == K::Like || E.K == K::Not ||
                    (E.K == K::Binary && (E.Text == "AND" || E.Text == "OR" ||
                                          IsArrayComparison(E)));
  std::string Text = formatExpr(E, Style);
  return Restricted ? "(" + Text + ")" : Text;
}

static std::string list(const std::vector<ir::Expr> &Args,
                        const sql::ExprStyle &Style, size_t From = 0) {
  std::string Out;
  for (size_t I = From; I < Args.size(); ++I) {
    if (I != From)
      Out += ", ";
    Out += sql::formatExpr(Args[I], Style);
  }
  return Out;
}

std::string sql::formatExpr(const ir::Expr &E, const ExprStyle &Style) {
  using K = ir::Expr::Kind;
  auto KW = [&](llvm::StringRef Upper) { return keyword(Upper, Style); };
  switch (E.K) {
  case K::Number:
    return E.Text;
  case K::String:
    return quoteString(E.Text);
  case K::Bool:
    return E.Text;
  case K::Null:
    return KW("NULL");
  case K::Column:
    return Style.Column ? Style.Column(E.Text) : quoteIdentifier(E.Text);
  case K::Keyword:
    return KW(llvm::StringRef(E.Text).upper());
  case K::Call: {
    std::string Out;
    if (!E.Schema.empty())
      Out = quoteIdentifier(E.Schema) + ".";
    Out +=
        (Style.Function ? Style.Function(E.Text) : quoteFunctionName(E.Text)) +
        "(";
    if (E.Distinct)
      Out += KW("DISTINCT") + " ";
    Out += E.Star ? "*" : list(E.Args, Style);
    return Out + ")";
  }
  case K::Cast:
    return operand(E.Args[0], E, false, Style) + "::" +
           (Style.Type ? Style.Type(*E.CastType) : formatType(*E.CastType));
  // A prefix operator's operand is read like a right-hand one.
  case K::Unary:
    return E.Text + operand(E.Args[0], E, true, Style);
  case K::Binary:
    return operand(E.Args[0], E, false, Style) + " " +
           (E.Schema.empty()
                ? KW(E.Text)
                : KW("OPERATOR") + "(" + quoteIdentifier(E.Schema) + "." +
                      E.Text + ")") +
           " " + operand(E.Args[1], E, true, Style);
  case K::Is:
    return operand(E.Args[0], E, false, Style) + " " +
           KW(E.Negated ? "IS NOT" : "IS") + " " + KW(E.Text);
  case K::In:
    return operand(E.Args[0], E, false, Style) + " " +
           KW(E.Negated ? "NOT IN" : "IN") + " (" + list(E.Args, Style, 1) +
           ")";
  case K::Like:
    return operand(E.Args[0], E, false, Style) +
           (E.Negated ? " " + KW("NOT") : "") + " " + KW(E.Text) + " " +
           operand(E.Args[1], E, true, Style);
  case K::Not:
    return KW("NOT") + " " + operand(E.Args[0], E, true, Style);
  case K::Array:
    return KW("ARRAY") + "[" + list(E.Args, Style) + "]";
  case K::Case: {
    std::string Out = KW("CASE");
    size_t I = 0;
    if (E.HasOperand)
      Out += " " + formatExpr(E.Args[I++], Style);
    size_t End = E.Args.size() - (E.HasElse ? 1 : 0);
    for (; I + 1 < End + 1 && I < End; I += 2)
      Out += " " + KW("WHEN") + " " + formatExpr(E.Args[I], Style) + " " +
             KW("THEN") + " " + formatExpr(E.Args[I + 1], Style);
    if (E.HasElse)
      Out += " " + KW("ELSE") + " " + formatExpr(E.Args.back(), Style);
    return Out + " " + KW("END");
  }
  case K::Sql:
    return E.Text;
  }
  return "";
}
