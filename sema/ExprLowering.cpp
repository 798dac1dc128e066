//===- ExprLowering.cpp - SQL expressions from AST to IR ------------------===//

#include "sema/ExprLowering.h"
#include "sema/PostgresNames.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace schemac;

/// SQL's value keywords, which look like column names but are not.
static bool isValueKeyword(llvm::StringRef Lower) {
  return llvm::StringSwitch<bool>(Lower)
      .Cases("current_timestamp", "current_date", "current_time", true)
      .Cases("localtime", "localtimestamp", true)
      .Cases("current_user", "session_user", "current_role", "user", true)
      .Cases("current_catalog", "current_schema", true)
      .Default(false);
}

/// The value keywords that take a precision: `current_timestamp(3)`.
static bool isPrecisionKeyword(llvm::StringRef Lower) {
  return llvm::StringSwitch<bool>(Lower)
      .Cases("current_timestamp", "current_time", "localtime", "localtimestamp",
             true)
      .Default(false);
}

static std::string folded(const ast::Name &N) {
  return N.Quoted ? N.Text : llvm::StringRef(N.Text).lower();
}

std::optional<ir::Expr> ExprLowering::lowerName(const ast::ColumnRefExpr &Ref) {
  const ast::QualifiedName &N = Ref.getName();
  ir::Expr Result;
  if (!N.Schema && !N.Object.Quoted &&
      isValueKeyword(llvm::StringRef(N.Object.Text).lower())) {
    Result.K = ir::Expr::Kind::Keyword;
    Result.Text = llvm::StringRef(N.Object.Text).lower();
    return Result;
  }
  if (!Table) {
    Diags.report(DiagID::err_default_refers_to_column, Ref.getRange(), N.str());
    return std::nullopt;
  }
  // `table.column` is allowed when the qualifier is this table.
  if (N.Schema && folded(*N.Schema) != Table->Name.Name &&
      N.Schema->Text != Table->Name.Name) {
    Diags.report(DiagID::err_unknown_table, N.Schema->Range, N.Schema->Text,
                 "this expression, which can use only table '" +
                     Table->Name.Name + "'");
    return std::nullopt;
  }
  // The column as written first (the schema language is case-sensitive),
  // then folded as SQL would.
  std::string Name = clipIdentifier(N.Object.Text);
  if (!Table->findColumn(Name))
    Name = clipIdentifier(folded(N.Object));
  if (!Table->findColumn(Name)) {
    Diags.report(DiagID::err_unknown_column, N.Object.Range, N.Object.Text,
                 Table->Name.Name);
    return std::nullopt;
  }
  if (!llvm::is_contained(Columns, Name))
    Columns.push_back(Name);
  Result.K = ir::Expr::Kind::Column;
  Result.Text = Name;
  return Result;
}

bool ExprLowering::lowerList(llvm::ArrayRef<ast::ExprPtr> Exprs,
                             ir::Expr &Into) {
  bool Ok = true;
  for (const ast::ExprPtr &E : Exprs) {
    if (auto L = lower(*E))
      Into.Args.push_back(std::move(*L));
    else
      Ok = false;
  }
  return Ok;
}

std::optional<ir::Expr> ExprLowering::lower(const ast::Expr &E) {
  using K = ir::Expr::Kind;
  ir::Expr R;
  switch (E.getKind()) {
  case ast::Expr::Kind::Literal: {
    const auto &L = llvm::cast<ast::LiteralExpr>(E);
    using LK = ast::LiteralExpr::LiteralKind;
    switch (L.getLiteralKind()) {
    case LK::Integer:
    case LK::Decimal:
      R.K = K::Number;
      break;
    case LK::String:
      R.K = K::String;
      break;
    case LK::True:
    case LK::False:
      R.K = K::Bool;
      break;
    case LK::Null:
      R.K = K::Null;
      break;
    }
    R.Text = L.getValue().str();
    if (R.K == K::Null)
      R.Text.clear();
    return R;
  }
  case ast::Expr::Kind::ColumnRef:
    return lowerName(llvm::cast<ast::ColumnRefExpr>(E));
  case ast::Expr::Kind::Call: {
    const auto &C = llvm::cast<ast::CallExpr>(E);
    R.K = K::Call;
    R.Text = folded(C.getCallee().Object);
    // `current_timestamp(3)` is a keyword with a precision, not a call:
    // PostgreSQL has no function of that name.
    if (!C.getCallee().Schema && !C.getCallee().Object.Quoted &&
        isPrecisionKeyword(R.Text) && C.getArgs().size() == 1 && !C.isStar() &&
        !C.isDistinct()) {
      if (const auto *L =
              llvm::dyn_cast<ast::LiteralExpr>(C.getArgs()[0].get());
          L && L->getLiteralKind() == ast::LiteralExpr::LiteralKind::Integer) {
        R.K = K::Keyword;
        R.Text += "(" + L->getValue().str() + ")";
        return R;
      }
    }
    if (C.getCallee().Schema)
      R.Schema = folded(*C.getCallee().Schema);
    R.Star = C.isStar();
    R.Distinct = C.isDistinct();
    if (!lowerList(C.getArgs(), R))
      return std::nullopt;
    return R;
  }
  case ast::Expr::Kind::Cast: {
    const auto &C = llvm::cast<ast::CastExpr>(E);
    R.K = K::Cast;
    auto Operand = lower(C.getOperand());
    auto Type = Symbols.resolveType(C.getType(), Enclosing, Diags);
    if (!Operand || !Type)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    R.CastType = std::make_shared<const ir::Type>(std::move(*Type));
    return R;
  }
  case ast::Expr::Kind::Unary: {
    const auto &U = llvm::cast<ast::UnaryExpr>(E);
    R.K = K::Unary;
    R.Text = U.getOp().str();
    auto Operand = lower(U.getOperand());
    if (!Operand)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    return R;
  }
  case ast::Expr::Kind::Binary: {
    const auto &B = llvm::cast<ast::BinaryExpr>(E);
    R.K = K::Binary;
    // PostgreSQL stores `!=` as `<>`; so does the IR.
    R.Text = B.getOp() == "!=" ? "<>" : B.getOp().str();
    // OPERATOR(schema.op): the schema is kept for printing it back.
    if (B.getOpSchema())
      R.Schema = folded(*B.getOpSchema());
    auto LHS = lower(B.getLHS());
    auto RHS = lower(B.getRHS());
    if (!LHS || !RHS)
      return std::nullopt;
    R.Args.push_back(std::move(*LHS));
    R.Args.push_back(std::move(*RHS));
    return R;
  }
  case ast::Expr::Kind::Is: {
    const auto &I = llvm::cast<ast::IsExpr>(E);
    static const char *Tests[] = {"NULL", "TRUE", "FALSE"};
    R.K = K::Is;
    R.Text = Tests[static_cast<int>(I.getTest())];
    R.Negated = I.isNegated();
    auto Operand = lower(I.getOperand());
    if (!Operand)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    return R;
  }
  case ast::Expr::Kind::In: {
    const auto &I = llvm::cast<ast::InExpr>(E);
    R.K = K::In;
    R.Negated = I.isNegated();
    auto Operand = lower(I.getOperand());
    if (!Operand)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    if (!lowerList(I.getList(), R))
      return std::nullopt;
    return R;
  }
  case ast::Expr::Kind::Like: {
    const auto &L = llvm::cast<ast::LikeExpr>(E);
    R.K = K::Like;
    R.Text = L.isCaseInsensitive() ? "ILIKE" : "LIKE";
    R.Negated = L.isNegated();
    auto Operand = lower(L.getOperand());
    auto Pattern = lower(L.getPattern());
    if (!Operand || !Pattern)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    R.Args.push_back(std::move(*Pattern));
    return R;
  }
  case ast::Expr::Kind::Not: {
    R.K = K::Not;
    auto Operand = lower(llvm::cast<ast::NotExpr>(E).getOperand());
    if (!Operand)
      return std::nullopt;
    R.Args.push_back(std::move(*Operand));
    return R;
  }
  case ast::Expr::Kind::Array:
    R.K = K::Array;
    if (!lowerList(llvm::cast<ast::ArrayExpr>(E).getElements(), R))
      return std::nullopt;
    return R;
  case ast::Expr::Kind::Case: {
    const auto &C = llvm::cast<ast::CaseExpr>(E);
    R.K = K::Case;
    bool Ok = true;
    auto Add = [&](const ast::Expr &Sub) {
      if (auto L = lower(Sub))
        R.Args.push_back(std::move(*L));
      else
        Ok = false;
    };
    if (C.getOperand()) {
      R.HasOperand = true;
      Add(*C.getOperand());
    }
    for (const ast::CaseExpr::When &W : C.getWhens()) {
      Add(*W.Condition);
      Add(*W.Result);
    }
    if (C.getElse()) {
      R.HasElse = true;
      Add(*C.getElse());
    }
    if (!Ok)
      return std::nullopt;
    return R;
  }
  }
  return std::nullopt;
}

/// The name a type has in pg_type, which PostgreSQL's parser uses for the
/// SQL-standard spellings (`integer` is `int4`).
static std::string internalTypeName(const ir::Type &T) {
  if (T.K != ir::Type::Kind::Builtin)
    return T.Name;
  return llvm::StringSwitch<std::string>(T.Name)
      .Case("integer", "int4")
      .Case("smallint", "int2")
      .Case("bigint", "int8")
      .Case("real", "float4")
      .Case("double precision", "float8")
      .Case("boolean", "bool")
      .Case("character varying", "varchar")
      .Case("character", "bpchar")
      .Case("timestamp without time zone", "timestamp")
      .Case("timestamp with time zone", "timestamptz")
      .Case("time without time zone", "time")
      .Case("time with time zone", "timetz")
      .Case("bit varying", "varbit")
      .Default(T.Name);
}

/// FigureColnameInternal: a name and how sure PostgreSQL is of it (2 for
/// a column or function, 1 for a fallback such as a type or "case").
static int figureName(const ir::Expr &E, std::string &Name) {
  switch (E.K) {
  case ir::Expr::Kind::Column:
  case ir::Expr::Kind::Call:
    Name = E.Text;
    return 2;
  case ir::Expr::Kind::Array:
    Name = "array";
    return 2;
  case ir::Expr::Kind::Cast: {
    int Strength = figureName(E.Args[0], Name);
    if (Strength <= 1) {
      Name = internalTypeName(*E.CastType);
      return 1;
    }
    return Strength;
  }
  case ir::Expr::Kind::Case: {
    int Strength = E.HasElse ? figureName(E.Args.back(), Name) : 0;
    if (Strength <= 1) {
      Name = "case";
      return 1;
    }
    return Strength;
  }
  default:
    return 0;
  }
}

std::string schemac::indexExpressionName(const ir::Expr &E) {
  std::string Name;
  if (figureName(E, Name) == 0)
    return "expr";
  return Name;
}
