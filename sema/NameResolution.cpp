//===- NameResolution.cpp - Where unqualified names resolve ---------------===//

#include "sema/NameResolution.h"
#include "sema/BuiltinTypes.h"
#include "sema/PostgresNames.h"

#include "llvm/ADT/STLExtras.h"

using namespace schemac;

std::string SymbolTable::clip(llvm::StringRef Name) {
  return clipIdentifier(Name);
}

std::optional<size_t> SymbolTable::addTable(const ir::QualifiedName &N,
                                            size_t Index) {
  Schemas.insert(N.Schema);
  auto [It, Inserted] = Tables.try_emplace(key(N), Index);
  if (Inserted)
    return std::nullopt;
  return It->second;
}

std::optional<size_t> SymbolTable::addEnum(const ir::QualifiedName &N,
                                           size_t Index) {
  Schemas.insert(N.Schema);
  auto [It, Inserted] = Enums.try_emplace(key(N), Index);
  if (Inserted)
    return std::nullopt;
  return It->second;
}

std::optional<size_t> SymbolTable::findTable(const ir::QualifiedName &N) const {
  auto It = Tables.find(key(N));
  if (It == Tables.end())
    return std::nullopt;
  return It->second;
}

std::optional<size_t> SymbolTable::findEnum(const ir::QualifiedName &N) const {
  auto It = Enums.find(key(N));
  if (It == Enums.end())
    return std::nullopt;
  return It->second;
}

std::vector<std::string>
SymbolTable::lookupOrder(llvm::StringRef Enclosing) const {
  std::vector<std::string> Order{Enclosing.str()};
  for (const std::string &S : SearchPath)
    if (!llvm::is_contained(Order, S))
      Order.push_back(S);
  return Order;
}

std::string SymbolTable::describeLookup(const ast::QualifiedName &Name,
                                        llvm::StringRef Enclosing,
                                        bool WithCatalog) const {
  if (Name.Schema)
    return "schema '" + Name.Schema->Text + "'";
  std::string Places = WithCatalog ? "'pg_catalog'" : "";
  for (const std::string &S : lookupOrder(Enclosing)) {
    if (!Places.empty())
      Places += ", ";
    Places += "'" + S + "'";
  }
  return (Places.find(',') == std::string::npos ? "schema " : "schemas ") +
         Places;
}

std::optional<size_t> SymbolTable::resolveTable(const ast::QualifiedName &Name,
                                                llvm::StringRef Enclosing,
                                                DiagnosticEngine &Diags,
                                                ir::QualifiedName &Out) const {
  std::vector<std::string> Order =
      Name.Schema ? std::vector<std::string>{Name.Schema->Text}
                  : lookupOrder(Enclosing);
  if (Name.Schema && !hasSchema(Name.Schema->Text)) {
    Diags.report(DiagID::err_unknown_schema, Name.Schema->Range,
                 Name.Schema->Text);
    return std::nullopt;
  }
  // Declared names longer than PostgreSQL keeps were truncated; so are
  // references to them.
  for (const std::string &Schema : Order) {
    ir::QualifiedName Candidate{clipIdentifier(Schema),
                                clipIdentifier(Name.Object.Text)};
    if (auto Index = findTable(Candidate)) {
      Out = Candidate;
      return Index;
    }
  }
  Diags.report(DiagID::err_unknown_table, Name.range(), Name.str(),
               describeLookup(Name, Enclosing, false));
  return std::nullopt;
}

/// Checks the modifiers a built-in type was given against what it takes.
static bool checkModifiers(const ast::TypeRef &T, const TypeInfo &Info,
                           DiagnosticEngine &Diags) {
  const std::string &Spelled = T.Base.Object.Text;
  // Checks the first modifier, or all of them when All.
  auto Range = [&](llvm::StringRef What, int64_t Lo, int64_t Hi,
                   bool All = true) {
    for (size_t I = 0; I < (All ? T.Modifiers.size() : 1); ++I)
      if (int64_t M = T.Modifiers[I]; M < Lo || M > Hi) {
        Diags.report(DiagID::err_type_modifier_range, T.ModifiersRange, What,
                     Spelled, Lo, Hi);
        return false;
      }
    return true;
  };
  size_t N = T.Modifiers.size();
  switch (Info.Modifiers) {
  case ModifierKind::None:
    if (N == 0)
      return true;
    Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                 "no modifiers");
    return false;
  case ModifierKind::Length:
    if (N > 1) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "one length");
      return false;
    }
    return Range("length", 1, 10485760);
  case ModifierKind::BitLength:
    if (N > 1) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "one length");
      return false;
    }
    return Range("length", 1, 83886080);
  case ModifierKind::Precision:
    if (N > 1) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "one precision");
      return false;
    }
    return Range("precision", 0, 6);
  case ModifierKind::Float:
    if (N > 1) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "one precision");
      return false;
    }
    return Range("precision", 1, 53);
  case ModifierKind::Dimension:
    if (N > 1) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "one dimension");
      return false;
    }
    return Range("dimension", 1, 16000);
  case ModifierKind::Numeric:
    if (N > 2) {
      Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Spelled,
                   "a precision and an optional scale");
      return false;
    }
    if (N >= 1 && !Range("precision", 1, 1000, /*All=*/false))
      return false;
    // PostgreSQL 15 allows a negative scale, and one above the precision.
    if (N == 2 && (T.Modifiers[1] < -1000 || T.Modifiers[1] > 1000)) {
      Diags.report(DiagID::err_type_modifier_range, T.ModifiersRange, "scale",
                   Spelled, -1000, 1000);
      return false;
    }
    return true;
  }
  return true;
}

std::optional<ir::Type> SymbolTable::resolveType(const ast::TypeRef &T,
                                                 llvm::StringRef Enclosing,
                                                 DiagnosticEngine &Diags,
                                                 bool *IsSerial) const {
  ir::Type Result;
  Result.ArrayDims = T.ArrayDims;
  const ast::Name &Base = T.Base.Object;
  bool CatalogVisible = !T.Base.Schema || T.Base.Schema->Text == "pg_catalog";

  // Built-in spellings are keywords or lowercase names: case-insensitive
  // unquoted, exact when quoted, as in PostgreSQL.
  std::string Spelling =
      Base.Quoted ? Base.Text : llvm::StringRef(Base.Text).lower();
  if (T.WithTimeZone && (Spelling == "timestamp" || Spelling == "time") &&
      *T.WithTimeZone)
    Spelling += "tz";
  const TypeInfo *Info = CatalogVisible ? lookupBuiltinType(Spelling) : nullptr;
  // Under `search_path = pg_catalog` the server qualifies an extension's
  // types with the extension's schema (`''::public.citext`). The language
  // does not say where extensions live, so any qualifier names a declared
  // extension's type, unless an enum of that name is there.
  if (!Info && T.Base.Schema &&
      !findEnum(
          {clipIdentifier(T.Base.Schema->Text), clipIdentifier(Base.Text)}))
    if (const TypeInfo *Ext = lookupBuiltinType(Spelling);
        Ext && !Ext->Extension.empty() && hasExtension(Ext->Extension))
      Info = Ext;

  // Only the keywords TIME and TIMESTAMP take `with[out] time zone`.
  llvm::StringRef Written = Base.Text;
  bool TimeKeyword = !Base.Quoted && !T.Base.Schema &&
                     (Written.equals_insensitive("time") ||
                      Written.equals_insensitive("timestamp"));
  if (T.WithTimeZone && !TimeKeyword) {
    Diags.report(DiagID::err_time_zone_not_time, T.TimeZoneRange);
    return std::nullopt;
  }

  if (Info && (!Info->Extension.empty() && !hasExtension(Info->Extension))) {
    // An enum of the same name would win over a missing extension's type.
    if (!findEnum({Enclosing.str(), Base.Text})) {
      Diags.report(DiagID::err_type_needs_extension, T.Range, Base.Text,
                   Info->Extension);
      return std::nullopt;
    }
    Info = nullptr;
  }

  if (Info) {
    if (!checkModifiers(T, *Info, Diags))
      return std::nullopt;
    Result.K = Info->Extension.empty() ? ir::Type::Kind::Builtin
                                       : ir::Type::Kind::Extension;
    Result.Name = Info->Canonical.str();
    Result.Modifiers = T.Modifiers;
    if (Info->Modifiers == ModifierKind::Float) {
      // float(p) is real up to 24 bits of precision, double precision above.
      if (!Result.Modifiers.empty() && Result.Modifiers[0] <= 24)
        Result.Name = "real";
      Result.Modifiers.clear();
    }
    if (Result.Modifiers.empty() && Info->ImplicitLength)
      Result.Modifiers.push_back(Info->ImplicitLength);
    // Two spellings format_type() keeps apart from their relatives: the
    // unbounded `bpchar`, and the one-byte internal type `"char"`.
    if (Spelling == "bpchar" && Result.Modifiers.empty())
      Result.Name = "bpchar";
    if (Spelling == "char" && Base.Quoted && T.Modifiers.empty()) {
      Result.Name = "\"char\"";
      Result.Modifiers.clear();
    }
    if (Info->Serial) {
      if (T.ArrayDims) {
        Diags.report(DiagID::err_serial_array, T.Range, Base.Text);
        return std::nullopt;
      }
      if (IsSerial)
        *IsSerial = true;
    }
    return Result;
  }

  std::vector<std::string> Order =
      T.Base.Schema ? std::vector<std::string>{T.Base.Schema->Text}
                    : lookupOrder(Enclosing);
  if (T.Base.Schema && !hasSchema(T.Base.Schema->Text)) {
    Diags.report(DiagID::err_unknown_schema, T.Base.Schema->Range,
                 T.Base.Schema->Text);
    return std::nullopt;
  }
  for (const std::string &Schema : Order) {
    if (findEnum({clipIdentifier(Schema), clipIdentifier(Base.Text)})) {
      if (!T.Modifiers.empty()) {
        Diags.report(DiagID::err_type_modifiers, T.ModifiersRange, Base.Text,
                     "no modifiers");
        return std::nullopt;
      }
      Result.K = ir::Type::Kind::Enum;
      Result.Schema = clipIdentifier(Schema);
      Result.Name = clipIdentifier(Base.Text);
      return Result;
    }
  }
  Diags.report(DiagID::err_unknown_type, T.Base.range(), T.Base.str(),
               describeLookup(T.Base, Enclosing, true));
  return std::nullopt;
}
