//===- DefaultChecks.cpp - bad-default ------------------------------------===//
//
// A default must be a value of its column's type. Two kinds of mistakes:
// a literal PostgreSQL cannot read as the type ('pending' for an enum that
// has no such label, 'yes please' for a boolean, '{"a":' for jsonb), and an
// expression of a type PostgreSQL does not convert on assignment (now() into
// a uuid column, true into an integer). Expressions whose type schemac does
// not know (calls of functions it has no table for) are left alone.
//===----------------------------------------------------------------------===//

#include "sema/BuiltinTypes.h"
#include "sema/Checks.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"

#include <cmath>
#include <map>

using namespace schemac;

namespace {

ir::Type builtin(llvm::StringRef Name) {
  ir::Type T;
  T.Name = Name.str();
  return T;
}

/// The type of an expression, where schemac can tell; nullopt when it
/// cannot (or when the expression is an untyped string literal or NULL,
/// which PostgreSQL converts to whatever the column needs).
std::optional<ir::Type> inferType(const ir::Expr &E) {
  using K = ir::Expr::Kind;
  switch (E.K) {
  case K::Number: {
    // PostgreSQL types an integer literal by the smallest type that holds
    // it; anything else is numeric.
    int64_t Value;
    if (llvm::StringRef(E.Text).getAsInteger(10, Value))
      return builtin("numeric");
    return builtin(Value <= INT32_MAX ? "integer" : "bigint");
  }
  case K::Bool:
    return builtin("boolean");
  case K::Cast:
    return *E.CastType;
  case K::Keyword:
    // `current_timestamp(3)`: the precision does not change the type.
    return llvm::StringSwitch<std::optional<ir::Type>>(
               llvm::StringRef(E.Text).take_until(
                   [](char C) { return C == '('; }))
        .Case("current_timestamp", builtin("timestamp with time zone"))
        .Case("localtimestamp", builtin("timestamp without time zone"))
        .Case("current_date", builtin("date"))
        .Case("current_time", builtin("time with time zone"))
        .Case("localtime", builtin("time without time zone"))
        .Default(builtin("name"));
  case K::Call: {
    if (!E.Schema.empty() && E.Schema != "pg_catalog")
      return std::nullopt;
    if (E.Text == "coalesce" || E.Text == "greatest" || E.Text == "least") {
      for (const ir::Expr &Arg : E.Args)
        if (auto T = inferType(Arg))
          return T;
      return std::nullopt;
    }
    return llvm::StringSwitch<std::optional<ir::Type>>(E.Text)
        .Cases("now", "clock_timestamp", "statement_timestamp",
               "transaction_timestamp", builtin("timestamp with time zone"))
        .Cases("gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1",
               builtin("uuid"))
        .Case("random", builtin("double precision"))
        .Cases("nextval", "currval", builtin("bigint"))
        .Cases("lower", "upper", "md5", "concat", "btrim", "replace",
               builtin("text"))
        .Cases("length", "char_length", builtin("integer"))
        .Cases("jsonb_build_object", "jsonb_build_array", "to_jsonb",
               builtin("jsonb"))
        .Cases("json_build_object", "json_build_array", "to_json",
               builtin("json"))
        .Default(std::nullopt);
  }
  case K::Binary: {
    llvm::StringRef Op = E.Text;
    if (Op == "AND" || Op == "OR" || Op == "=" || Op == "<>" || Op == "<" ||
        Op == ">" || Op == "<=" || Op == ">=")
      return builtin("boolean");
    if (Op == "||")
      return std::nullopt; // text, or an array: depends on the operands
    if (Op == "+" || Op == "-" || Op == "*" || Op == "/" || Op == "%") {
      // Date and time arithmetic keeps its type; numbers stay numbers.
      auto L = inferType(E.Args[0]);
      auto R = inferType(E.Args[1]);
      if (L && R && L->Name == "integer" && R->Name == "integer")
        return builtin("integer");
      if (L && (L->Name.find("time") != std::string::npos || L->Name == "date"))
        return L;
      return std::nullopt;
    }
    return std::nullopt;
  }
  case K::Is:
  case K::In:
  case K::Like:
  case K::Not:
    return builtin("boolean");
  default:
    return std::nullopt;
  }
}

/// Numbers of any kind convert among each other on assignment.
llvm::StringRef category(const ir::Type &T) {
  llvm::StringRef F = typeFamily(T);
  return F == "integer" ? "decimal" : F;
}

/// Whether PostgreSQL converts a value of type From on assignment to To:
/// the numeric types among each other, anything to a string type (its
/// output text), the date and time types among each other, json and jsonb.
bool assignable(const ir::Type &From, const ir::Type &To) {
  if (From.ArrayDims != To.ArrayDims)
    return false;
  if (From.K == To.K && From.Schema == To.Schema && From.Name == To.Name)
    return true;
  llvm::StringRef ToCat = category(To), FromCat = category(From);
  if (ToCat == "string" && !To.ArrayDims)
    return true;
  if (To.K == ir::Type::Kind::Extension || From.K == ir::Type::Kind::Extension)
    return true; // their casts are the extension's business
  if (FromCat == "datetime" && ToCat == "time")
    return From.Name != "date";
  return FromCat == ToCat && FromCat != "enum";
}

/// Whether PostgreSQL would read Text as a value of T (for the types whose
/// input syntax is simple enough to know); true when schemac cannot tell.
bool readsAs(llvm::StringRef Text, const ir::Type &T, std::string &Why) {
  if (T.ArrayDims)
    return Text.trim().startswith("{") || Text.trim().startswith("[");
  llvm::StringRef V = Text.trim();
  const std::string &N = T.Name;
  if (N == "smallint" || N == "integer" || N == "bigint") {
    int64_t Value;
    llvm::StringRef Digits = V;
    Digits.consume_front("+");
    if (Digits.getAsInteger(10, Value))
      return false;
    int64_t Max = N == "smallint"  ? INT16_MAX
                  : N == "integer" ? INT32_MAX
                                   : INT64_MAX;
    return Value <= Max && Value >= -Max - 1;
  }
  if (N == "numeric" || N == "real" || N == "double precision") {
    double D;
    return !V.getAsDouble(D) || V.equals_insensitive("nan") ||
           V.equals_insensitive("infinity") ||
           V.equals_insensitive("-infinity");
  }
  if (N == "boolean") {
    // boolin: any prefix of true/false/yes/no, on or a prefix of off of
    // two letters or more, 1 and 0.
    std::string L = V.lower();
    if (L.empty())
      return false;
    for (llvm::StringRef Word : {"true", "false", "yes", "no"})
      if (Word.startswith(L))
        return true;
    return L == "on" ||
           (L.size() >= 2 && llvm::StringRef("off").startswith(L)) ||
           L == "1" || L == "0";
  }
  if (N == "uuid") {
    std::string Hex;
    llvm::StringRef U = V;
    if (U.consume_front("{") && !U.consume_back("}"))
      return false;
    for (char C : U)
      if (C != '-')
        Hex += C;
    return Hex.size() == 32 && llvm::all_of(Hex, llvm::isHexDigit);
  }
  if (N == "json" || N == "jsonb") {
    auto Parsed = llvm::json::parse(Text);
    if (!Parsed) {
      Why = llvm::toString(Parsed.takeError());
      return false;
    }
    return true;
  }
  return true;
}

/// Characters, not bytes: varchar(n) counts characters. Trailing spaces
/// are left out by the caller (PostgreSQL drops them when they overflow).
size_t characterCount(llvm::StringRef Text) {
  size_t N = 0;
  for (char C : Text)
    if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
      ++N;
  return N;
}

/// Whether an integer literal (or its negation) fits the integer type T.
bool fitsIntegerType(const ir::Expr &E, const ir::Type &T, std::string &Text) {
  const ir::Expr *Number = &E;
  bool Negative = false;
  if (E.K == ir::Expr::Kind::Unary && E.Text == "-") {
    Number = &E.Args[0];
    Negative = true;
  }
  if (Number->K != ir::Expr::Kind::Number)
    return true;
  Text = (Negative ? "-" : "") + Number->Text;
  uint64_t Value;
  if (llvm::StringRef(Number->Text).getAsInteger(10, Value))
    return Number->Text.find_first_of(".eE") != std::string::npos;
  uint64_t Max = T.Name == "smallint"  ? INT16_MAX
                 : T.Name == "integer" ? INT32_MAX
                                       : INT64_MAX;
  // The negative range reaches one further (-32768 for smallint).
  return Negative ? Value <= Max + 1 : Value <= Max;
}

/// The label nearest to Value, for "did you mean".
std::string nearestLabel(llvm::StringRef Value,
                         const std::vector<std::string> &Labels) {
  std::string Best;
  unsigned BestDistance = ~0u;
  for (const std::string &L : Labels) {
    unsigned D = Value.lower() == llvm::StringRef(L).lower()
                     ? 0
                     : Value.edit_distance(L, true, 3);
    if (D < BestDistance) {
      BestDistance = D;
      Best = L;
    }
  }
  return BestDistance <= 2 ? Best : "";
}

} // namespace

void schemac::checkDefaults(const ir::Schema &IR, const SourceMap &Sources,
                            DiagnosticEngine &Diags) {
  std::map<ir::QualifiedName, const ir::Enum *> Enums;
  for (const ir::Enum &E : IR.Enums)
    Enums[E.Name] = &E;
  for (size_t TI = 0; TI < IR.Tables.size(); ++TI) {
    const ir::Table &T = IR.Tables[TI];
    const TableSource &TS = Sources.Tables[TI];
    for (size_t CI = 0; CI < T.Columns.size(); ++CI) {
      const ir::Column &C = T.Columns[CI];
      const ast::Column *Decl = TS.Columns[CI];
      if (!C.Default || isAllowed(Decl->Annotations, "bad-default") ||
          isAllowed(TS.Decl->getAnnotations(), "bad-default"))
        continue;
      const ast::ColumnClause *Clause = nullptr;
      for (const ast::ColumnClause &Cl : Decl->Clauses)
        if (Cl.K == ast::ColumnClause::Kind::Default)
          Clause = &Cl;
      llvm::SMRange At = Clause ? Clause->Expression->getRange() : Decl->Range;

      // A string, bare or cast to the column's own type, is read by the
      // type's input function.
      const ir::Expr *Literal = &*C.Default;
      bool ExplicitCast = false;
      if (Literal->K == ir::Expr::Kind::Cast && *Literal->CastType == C.Ty) {
        Literal = &Literal->Args[0];
        ExplicitCast = true;
      }
      if (Literal->K == ir::Expr::Kind::String) {
        llvm::StringRef Value = Literal->Text;
        if (C.Ty.K == ir::Type::Kind::Enum && !C.Ty.ArrayDims) {
          auto It = Enums.find({C.Ty.Schema, C.Ty.Name});
          const ir::Enum *E = It == Enums.end() ? nullptr : It->second;
          if (!E || llvm::is_contained(E->Labels, Value))
            continue;
          auto Report = Diags.report(DiagID::err_bad_default_label, At, Value,
                                     E->Name.str());
          std::string Near = nearestLabel(Value, E->Labels);
          if (!Near.empty())
            Report.note(DiagID::note_did_you_mean, At, Near);
          continue;
        }
        std::string Why;
        if (!readsAs(Value, C.Ty, Why)) {
          Diags.report(DiagID::err_bad_default_literal, At, Value,
                       sql::formatType(C.Ty));
          continue;
        }
        // An explicit cast truncates instead of failing.
        if ((C.Ty.Name == "character varying" || C.Ty.Name == "character") &&
            !ExplicitCast && !C.Ty.Modifiers.empty() && !C.Ty.ArrayDims &&
            characterCount(Value.rtrim(' ')) >
                static_cast<size_t>(C.Ty.Modifiers[0]))
          Diags.report(DiagID::err_bad_default_too_long, At, Value,
                       sql::formatType(C.Ty));
        continue;
      }

      if ((C.Ty.Name == "smallint" || C.Ty.Name == "integer" ||
           C.Ty.Name == "bigint") &&
          C.Ty.K == ir::Type::Kind::Builtin && !C.Ty.ArrayDims) {
        std::string Text;
        if (!fitsIntegerType(*C.Default, C.Ty, Text)) {
          Diags.report(DiagID::err_bad_default_literal, At, Text,
                       sql::formatType(C.Ty));
          continue;
        }
      }

      std::optional<ir::Type> Type = inferType(*C.Default);
      if (!Type || assignable(*Type, C.Ty))
        continue;
      Diags.report(DiagID::err_bad_default_type, At, sql::formatType(*Type),
                   C.Name, sql::formatType(C.Ty));
    }
  }
}
