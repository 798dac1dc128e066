//===- ExprEquivalence.cpp - When two expressions are the same ------------===//
//
// One bottom-up pass: children first, so every rule sees canonical operands
// (a cast's constant operand is already a plain literal, an IN list's
// elements have lost their casts).
//===----------------------------------------------------------------------===//

#include "sema/ExprEquivalence.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

using namespace schemac;

namespace {

using K = ir::Expr::Kind;

/// A numeric literal's value as PostgreSQL's numeric output prints it:
/// exponent applied (`1.5e-3` is `0.0015`, `1e3` is `1000`), the scale
/// kept (`1.50` stays), no leading zeros or `+`, no sign on zero. None when
/// Text is not a number ('NaN' is not one here: it has no other spelling).
std::optional<std::string> numberValue(llvm::StringRef Text) {
  llvm::StringRef S = Text.trim();
  bool Negative = S.consume_front("-");
  if (!Negative)
    S.consume_front("+");
  std::string Int, Frac;
  size_t I = 0;
  while (I < S.size() && llvm::isDigit(S[I]))
    Int += S[I++];
  if (I < S.size() && S[I] == '.')
    for (++I; I < S.size() && llvm::isDigit(S[I]);)
      Frac += S[I++];
  if (Int.empty() && Frac.empty())
    return std::nullopt;
  long long Exponent = 0;
  if (I < S.size() && (S[I] == 'e' || S[I] == 'E')) {
    llvm::StringRef Exp = S.substr(I + 1);
    Exp.consume_front("+");
    // Beyond this bound numeric refuses the value anyway.
    if (Exp.getAsInteger(10, Exponent) || std::llabs(Exponent) > 1000)
      return std::nullopt;
    I = S.size();
  }
  if (I != S.size())
    return std::nullopt;

  // Value = Digits * 10^Shift.
  std::string Digits = Int + Frac;
  long long Shift = Exponent - static_cast<long long>(Frac.size());
  size_t Scale = 0;
  if (Shift >= 0) {
    Digits.append(static_cast<size_t>(Shift), '0');
  } else {
    Scale = static_cast<size_t>(-Shift);
    if (Digits.size() <= Scale)
      Digits.insert(0, Scale - Digits.size() + 1, '0');
  }
  std::string Whole = Digits.substr(0, Digits.size() - Scale);
  std::string Fraction = Digits.substr(Digits.size() - Scale);
  size_t FirstNonZero = Whole.find_first_not_of('0');
  Whole = FirstNonZero == std::string::npos ? "0" : Whole.substr(FirstNonZero);
  bool Zero =
      Whole == "0" && Fraction.find_first_not_of('0') == std::string::npos;
  std::string Out = Negative && !Zero ? "-" : "";
  Out += Whole;
  if (Scale)
    Out += "." + Fraction;
  return Out;
}

std::string canonicalNumber(llvm::StringRef Text) {
  std::optional<std::string> Value = numberValue(Text);
  return Value ? *Value : Text.str();
}

bool isIntegerText(llvm::StringRef Text) {
  llvm::StringRef S = Text.trim();
  if (!S.consume_front("-"))
    S.consume_front("+");
  return !S.empty() && llvm::all_of(S, llvm::isDigit);
}

/// PostgreSQL's implicit numeric casts go up this ladder: int2, int4, int8,
/// numeric, float4, float8. Zero for other types.
int numericRank(llvm::StringRef Name) {
  return llvm::StringSwitch<int>(Name)
      .Case("smallint", 1)
      .Case("integer", 2)
      .Case("bigint", 3)
      .Case("numeric", 4)
      .Case("real", 5)
      .Case("double precision", 6)
      .Default(0);
}

bool isScalar(const ir::Type &T, llvm::StringRef Name) {
  return T.K == ir::Type::Kind::Builtin && !T.ArrayDims && T.Name == Name;
}

bool isConstant(const ir::Expr &E) {
  switch (E.K) {
  case K::Number:
  case K::String:
  case K::Bool:
  case K::Null:
    return true;
  case K::Array:
    return llvm::all_of(E.Args, isConstant);
  default:
    return false;
  }
}

ir::Expr number(std::string Text) {
  ir::Expr N;
  N.K = K::Number;
  N.Text = canonicalNumber(Text);
  return N;
}

bool isComparison(llvm::StringRef Op) {
  return Op == "=" || Op == "<>" || Op == "<" || Op == ">" || Op == "<=" ||
         Op == ">=";
}

bool isArithmetic(llvm::StringRef Op) {
  return Op == "+" || Op == "-" || Op == "*" || Op == "/" || Op == "%";
}

bool isCharLike(llvm::StringRef Name) {
  return Name == "character" || Name == "bpchar" ||
         Name == "character varying" || Name == "citext";
}

/// T's name when it is a scalar type a rule here cares about (a built-in
/// one, or an extension's such as citext); empty otherwise.
std::string scalarName(const ir::Type &T) {
  if (T.ArrayDims || T.K == ir::Type::Kind::Enum)
    return "";
  return T.Name;
}

/// What the functions that rules here look through return.
llvm::StringRef functionType(llvm::StringRef Name) {
  return llvm::StringSwitch<llvm::StringRef>(Name)
      .Cases("lower", "upper", "initcap", "btrim", "ltrim", "rtrim", "text")
      .Cases("substring", "substr", "replace", "translate", "text")
      .Cases("concat", "concat_ws", "left", "right", "lpad", "rpad", "text")
      .Cases("repeat", "reverse", "md5", "split_part", "regexp_replace", "text")
      .Cases("format", "to_char", "encode", "quote_ident", "quote_literal",
             "text")
      .Cases("length", "char_length", "character_length", "octet_length",
             "integer")
      .Cases("bit_length", "strpos", "integer")
      .Default("");
}

/// What a subexpression's type was as written, before canonicalisation
/// dropped its casts: a scalar type's name, empty when not plain to see.
struct OriginalType {
  std::string Name;
  /// A cast PostgreSQL may have added itself: a numeric type widened, a
  /// character type to text. Its type is then not the operand's own.
  bool Implicit = false;
  /// An array (or `any (array)`): its widest numeric element type, and
  /// whether an element is of that type on its own (not by a cast).
  std::string Element;
  bool ElementNative = false;
};

class Canonicalizer {
public:
  explicit Canonicalizer(const ir::Table *Context) : Context(Context) {}

  ir::Expr run(ir::Expr E) { return visit(std::move(E)).first; }

  /// A constant given to a value of type T, as PostgreSQL stores it: a
  /// string spelling a number of a numeric type becomes that number.
  static ir::Expr readAs(ir::Expr Literal, const ir::Type &T) {
    if (Literal.K != K::String || T.ArrayDims || T.K != ir::Type::Kind::Builtin)
      return Literal;
    // Integer types read only integers ('1.5'::integer is an error).
    int Rank = numericRank(T.Name);
    if (Rank && (Rank > 3 || isIntegerText(Literal.Text)) &&
        numberValue(Literal.Text))
      return number(Literal.Text);
    if (T.Name == "boolean") {
      // boolin's spellings.
      std::optional<bool> Value =
          llvm::StringSwitch<std::optional<bool>>(
              llvm::StringRef(Literal.Text).trim().lower())
              .Cases("t", "true", "y", "yes", "on", "1", true)
              .Cases("f", "false", "n", "no", "off", "0", false)
              .Default(std::nullopt);
      if (Value) {
        ir::Expr B;
        B.K = K::Bool;
        B.Text = *Value ? "true" : "false";
        return B;
      }
    }
    return Literal;
  }

private:
  using Types = std::vector<OriginalType>;

  /// E canonical, and its type as written. Children first: every rule sees
  /// canonical operands and their types as written.
  std::pair<ir::Expr, OriginalType> visit(ir::Expr E) {
    Types Kids;
    for (ir::Expr &Arg : E.Args) {
      auto [Canonical, Type] = visit(std::move(Arg));
      Arg = std::move(Canonical);
      Kids.push_back(std::move(Type));
    }
    OriginalType T = typeOf(E, Kids);
    switch (E.K) {
    case K::Number:
      E.Text = canonicalNumber(E.Text);
      break;
    case K::Call:
      E = call(std::move(E));
      break;
    case K::Cast:
      E = cast(std::move(E));
      break;
    case K::Unary:
      E = unary(std::move(E));
      break;
    case K::Binary:
      E = binary(std::move(E), Kids);
      break;
    case K::In:
      E = in(std::move(E), Kids);
      break;
    case K::Like:
      E = like(std::move(E));
      break;
    case K::Case:
      // PostgreSQL fills in a missing ELSE as `ELSE NULL::type`.
      if (E.HasElse && E.Args.back().K == K::Null) {
        E.Args.pop_back();
        E.HasElse = false;
      }
      break;
    default:
      break;
    }
    return {std::move(E), std::move(T)};
  }

  /// The type of E as written; Kids are its operands' (E's own operands
  /// may already be canonical).
  OriginalType typeOf(const ir::Expr &E, const Types &Kids) const {
    OriginalType T;
    switch (E.K) {
    case K::Number:
      T.Name = numberType(E.Text);
      break;
    case K::Bool:
      T.Name = "boolean";
      break;
    case K::Column:
      if (const ir::Type *Ty = plainType(E))
        T.Name = scalarName(*Ty);
      break;
    case K::Cast: {
      T.Name = scalarName(*E.CastType);
      const std::string &From = Kids[0].Name;
      int FromRank = numericRank(From), ToRank = numericRank(T.Name);
      // A string constant takes its type from where it stands, except a
      // numeric one, which PostgreSQL prints quoted ('-1'::integer).
      T.Implicit = (FromRank && FromRank < ToRank) ||
                   (isCharLike(From) && T.Name == "text") ||
                   (E.Args[0].K == K::String && !ToRank);
      if (E.CastType->ArrayDims) {
        T.Element = Kids[0].Element;
        T.ElementNative = Kids[0].ElementNative;
      }
      break;
    }
    case K::Unary:
      T.Name = Kids[0].Name;
      break;
    case K::Binary: {
      llvm::StringRef Op = E.Text;
      if (isArithmetic(Op) && numericRank(Kids[0].Name) &&
          numericRank(Kids[1].Name))
        T.Name = numericRank(Kids[0].Name) >= numericRank(Kids[1].Name)
                     ? Kids[0].Name
                     : Kids[1].Name;
      else if (Op == "^")
        T.Name = Kids[0].Name == "numeric" || Kids[1].Name == "numeric"
                     ? "numeric"
                     : "double precision";
      else if (Op == "||" && (Kids[0].Name == "text" || Kids[1].Name == "text"))
        T.Name = "text";
      else if (isComparison(Op) || Op == "AND" || Op == "OR" ||
               llvm::StringRef(Op).contains('~'))
        T.Name = "boolean";
      break;
    }
    case K::Is:
    case K::In:
    case K::Like:
    case K::Not:
      T.Name = "boolean";
      break;
    case K::Array:
      T = elementsType(Kids);
      break;
    case K::Call:
      if (E.Text == "any" || E.Text == "all" || E.Text == "some") {
        if (Kids.size() == 1) {
          T.Element = Kids[0].Element;
          T.ElementNative = Kids[0].ElementNative;
        }
      } else if (E.Text == "coalesce" || E.Text == "nullif" ||
                 E.Text == "greatest" || E.Text == "least") {
        for (const OriginalType &Kid : Kids)
          if (!Kid.Name.empty()) {
            T.Name = Kid.Name;
            break;
          }
      } else {
        T.Name = functionType(E.Text).str();
      }
      break;
    default:
      break;
    }
    return T;
  }

  /// The widest numeric type of Elements, and whether one of them has it
  /// on its own.
  static OriginalType elementsType(llvm::ArrayRef<OriginalType> Elements) {
    OriginalType T;
    for (const OriginalType &E : Elements) {
      if (numericRank(E.Name) > numericRank(T.Element)) {
        T.Element = E.Name;
        T.ElementNative = false;
      }
      if (E.Name == T.Element && !E.Implicit)
        T.ElementNative = true;
    }
    return T;
  }

  static std::string numberType(llvm::StringRef Text) {
    if (!isIntegerText(Text))
      return "numeric";
    int64_t V;
    if (Text.getAsInteger(10, V))
      return "numeric";
    if (V >= std::numeric_limits<int32_t>::min() &&
        V <= std::numeric_limits<int32_t>::max())
      return "integer";
    return "bigint";
  }

  /// The type of a column or a cast, where the canonical form still shows it.
  const ir::Type *plainType(const ir::Expr &E) const {
    if (E.K == K::Column && Context)
      if (const ir::Column *C = Context->findColumn(E.Text))
        return &C->Ty;
    if (E.K == K::Cast)
      return E.CastType.get();
    return nullptr;
  }

  /// Drops a character type's cast to text, which PostgreSQL adds for
  /// functions and `||` that take only text. (varchar's goes everywhere, in
  /// cast(); char and citext have operators of their own, so elsewhere
  /// their casts stay unless the other operand is text: see binary().)
  void dropTextCast(ir::Expr &E) const {
    if (E.K != K::Cast || scalarName(*E.CastType) != "text" ||
        E.CastType->K != ir::Type::Kind::Builtin)
      return;
    const ir::Type *From = plainType(E.Args[0]);
    if (!From || !isCharLike(scalarName(*From)))
      return;
    ir::Expr Operand = std::move(E.Args[0]);
    E = std::move(Operand);
  }

  ir::Expr call(ir::Expr E) {
    // Under `search_path = pg_catalog` functions of extensions print with
    // their schema (`public.uuid_generate_v4()`), schema files name them
    // bare; the language does not say where functions live.
    E.Schema.clear();
    if (E.Text == "some")
      E.Text = "any";
    for (ir::Expr &Arg : E.Args)
      dropTextCast(Arg);
    return E;
  }

  ir::Expr cast(ir::Expr E) {
    const ir::Type &To = *E.CastType;
    ir::Expr &Operand = E.Args[0];
    // A constant cast without a length or precision: the constant itself
    // ('member'::app.role, (0)::numeric, '{}'::text[], NULL::boolean). A
    // modifier may change the value ('abcdef'::varchar(3)), and a fraction
    // cast to an integer type rounds: those stay.
    if (isConstant(Operand) && To.Modifiers.empty()) {
      bool Rounds = Operand.K == K::Number && numericRank(To.Name) >= 1 &&
                    numericRank(To.Name) <= 3 && !isIntegerText(Operand.Text);
      if (!Rounds)
        return readAs(std::move(Operand), To);
    }
    const ir::Type *From = plainType(Operand);
    // To the type it has already.
    if (From && From->K == To.K && From->Schema == To.Schema &&
        From->Name == To.Name && From->ArrayDims == To.ArrayDims &&
        (To.Modifiers.empty() || To.Modifiers == From->Modifiers))
      return std::move(Operand);
    // varchar is text to PostgreSQL (binary-coercible, no operators of its
    // own): every use of a varchar column as text prints the cast.
    if (From && isScalar(To, "text") && isScalar(*From, "character varying"))
      return std::move(Operand);
    return E;
  }

  ir::Expr unary(ir::Expr E) {
    // PostgreSQL folds a sign into the constant: `-1` is '-1'::integer.
    if (E.Args[0].K != K::Number || (E.Text != "-" && E.Text != "+"))
      return E;
    std::string Text = E.Args[0].Text;
    if (E.Text == "-")
      Text =
          llvm::StringRef(Text).startswith("-") ? Text.substr(1) : "-" + Text;
    return number(Text);
  }

  /// Operands of a chain of Op (`a AND b AND c` in any grouping).
  static void flatten(ir::Expr &E, llvm::StringRef Op,
                      std::vector<ir::Expr> &Out) {
    if (E.K == K::Binary && E.Text == Op && E.Schema.empty()) {
      flatten(E.Args[0], Op, Out);
      flatten(E.Args[1], Op, Out);
      return;
    }
    Out.push_back(std::move(E));
  }

  /// Drops Operand's cast (of type Type as written) where PostgreSQL would
  /// have added it anyway: the other operand, Other, has the cast's type on
  /// its own (`(k)::numeric > 1.5` for `k > 1.5` on an integer k,
  /// `(c)::text = upper((c)::text)` for `c = upper(c)` on a char c). Where
  /// the other operand was cast too, the cast was written: in
  /// `(k)::numeric / (2)::numeric` it changes the result.
  static void dropImplicitCast(ir::Expr &Operand, const OriginalType &Type,
                               const std::string &OtherType, bool OtherNative) {
    if (Operand.K != K::Cast || !Type.Implicit || Type.Name != OtherType ||
        !OtherNative)
      return;
    ir::Expr Inner = std::move(Operand.Args[0]);
    Operand = std::move(Inner);
  }

  ir::Expr binary(ir::Expr E, const Types &Kids) {
    // OPERATOR(public.=) on citext is its `=`; the schema is where the
    // extension lives, which the language leaves open.
    E.Schema.clear();
    if (E.Text == "!=")
      E.Text = "<>";
    if (E.Text == "AND" || E.Text == "OR") {
      std::vector<ir::Expr> Operands;
      flatten(E, E.Text, Operands);
      ir::Expr Chain = std::move(Operands[0]);
      for (size_t I = 1; I < Operands.size(); ++I) {
        ir::Expr Next;
        Next.K = K::Binary;
        Next.Text = E.Text;
        Next.Args.push_back(std::move(Chain));
        Next.Args.push_back(std::move(Operands[I]));
        Chain = std::move(Next);
      }
      return Chain;
    }
    if (E.Text == "||") {
      dropTextCast(E.Args[0]);
      dropTextCast(E.Args[1]);
    }
    if (isComparison(E.Text) || isArithmetic(E.Text)) {
      // Look at both before changing either.
      OriginalType L = Kids[0], R = Kids[1];
      dropImplicitCast(E.Args[0], L, R.Name, !R.Implicit);
      dropImplicitCast(E.Args[1], R, L.Name, !L.Implicit);
    }
    // `^` takes only double precision (or numeric): integers always come
    // cast, whoever wrote the cast.
    if (E.Text == "^")
      for (size_t I = 0; I < 2; ++I)
        if (Kids[I].Implicit && Kids[I].Name == "double precision")
          dropImplicitCast(E.Args[I], Kids[I], Kids[I].Name, true);
    // x = ANY (ARRAY[a, b]) is x IN (a, b); x <> ALL (ARRAY[...]) is NOT IN.
    const ir::Expr &RHS = E.Args[1];
    bool Any = E.Text == "=" && RHS.K == K::Call && RHS.Text == "any";
    bool All = E.Text == "<>" && RHS.K == K::Call && RHS.Text == "all";
    if ((Any || All) && RHS.Args.size() == 1 && !RHS.Star && !RHS.Distinct &&
        RHS.Args[0].K == K::Array && !RHS.Args[0].Args.empty()) {
      dropImplicitCast(E.Args[0], Kids[0], Kids[1].Element,
                       Kids[1].ElementNative);
      ir::Expr In;
      In.K = K::In;
      In.Negated = All;
      In.Args.push_back(std::move(E.Args[0]));
      for (ir::Expr &Element : E.Args[1].Args[0].Args)
        In.Args.push_back(std::move(Element));
      return in(std::move(In), {});
    }
    return E;
  }

  /// Kids empty: an IN list made from `= ANY`, already looked at.
  ir::Expr in(ir::Expr E, const Types &Kids) {
    if (!Kids.empty()) {
      OriginalType Elements =
          elementsType(llvm::makeArrayRef(Kids).drop_front());
      dropImplicitCast(E.Args[0], Kids[0], Elements.Element,
                       Elements.ElementNative);
    }
    // PostgreSQL stores `x IN (a)` as `x = a`, `x NOT IN (a)` as `x <> a`.
    if (E.Args.size() != 2)
      return E;
    ir::Expr Eq;
    Eq.K = K::Binary;
    Eq.Text = E.Negated ? "<>" : "=";
    Eq.Args = std::move(E.Args);
    return binary(std::move(Eq), Kids.empty() ? Types(2) : Kids);
  }

  ir::Expr like(ir::Expr E) {
    // The operators LIKE and ILIKE stand for, which PostgreSQL prints.
    ir::Expr Op;
    Op.K = K::Binary;
    Op.Text = std::string(E.Negated ? "!" : "") + "~~" +
              (E.Text == "ILIKE" ? "*" : "");
    Op.Args = std::move(E.Args);
    return Op;
  }

  const ir::Table *Context;
};

} // namespace

ir::Expr schemac::canonicalForComparison(const ir::Expr &E,
                                         const ir::Table *Context,
                                         const ir::Type *ValueType) {
  ir::Expr Result = Canonicalizer(Context).run(E);
  if (ValueType && isConstant(Result))
    Result = Canonicalizer::readAs(std::move(Result), *ValueType);
  return Result;
}

bool schemac::equivalentExprs(const ir::Expr &A, const ir::Expr &B,
                              const ir::Table *Context) {
  return A == B || canonicalForComparison(A, Context) ==
                       canonicalForComparison(B, Context);
}

bool schemac::equivalentExprs(const ir::Expr *A, const ir::Expr *B,
                              const ir::Table *Context) {
  if (!A || !B)
    return !A && !B;
  return equivalentExprs(*A, *B, Context);
}

bool schemac::equivalentDefaults(const ir::Expr *A, const ir::Expr *B,
                                 const ir::Type &ColumnType) {
  if (!A || !B)
    return !A && !B;
  return *A == *B || canonicalForComparison(*A, nullptr, &ColumnType) ==
                         canonicalForComparison(*B, nullptr, &ColumnType);
}
