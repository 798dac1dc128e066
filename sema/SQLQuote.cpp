//===- SQLQuote.cpp - Names and types as SQL text -------------------------===//
//
// The one quoting function: every identifier and literal in SQL that schemac
// writes, and every name in its messages, goes through here.
//===----------------------------------------------------------------------===//

#include "sema/SQLQuote.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

using namespace schemac;

/// PostgreSQL 15's reserved, type/function-name and column-name keywords:
/// the ones quote_ident quotes (unreserved keywords are plain identifiers).
static const llvm::StringSet<> &reservedKeywords() {
  static const llvm::StringSet<> Keywords = {
      "all",          "analyse",
      "analyze",      "and",
      "any",          "array",
      "as",           "asc",
      "asymmetric",   "both",
      "case",         "cast",
      "check",        "collate",
      "column",       "constraint",
      "create",       "current_catalog",
      "current_date", "current_role",
      "current_time", "current_timestamp",
      "current_user", "default",
      "deferrable",   "desc",
      "distinct",     "do",
      "else",         "end",
      "except",       "false",
      "fetch",        "for",
      "foreign",      "from",
      "grant",        "group",
      "having",       "in",
      "initially",    "intersect",
      "into",         "lateral",
      "leading",      "limit",
      "localtime",    "localtimestamp",
      "not",          "null",
      "offset",       "on",
      "only",         "or",
      "order",        "placing",
      "primary",      "references",
      "returning",    "select",
      "session_user", "some",
      "symmetric",    "table",
      "then",         "to",
      "trailing",     "true",
      "union",        "unique",
      "user",         "using",
      "variadic",     "when",
      "where",        "window",
      "with"};
  return Keywords;
}

static const llvm::StringSet<> &typeFuncNameKeywords() {
  static const llvm::StringSet<> Keywords = {
      "authorization", "binary",         "collation", "concurrently",
      "cross",         "current_schema", "freeze",    "full",
      "ilike",         "inner",          "is",        "isnull",
      "join",          "left",           "like",      "natural",
      "notnull",       "outer",          "overlaps",  "right",
      "similar",       "tablesample",    "verbose"};
  return Keywords;
}

static const llvm::StringSet<> &colNameKeywords() {
  static const llvm::StringSet<> Keywords = {
      "between",       "bigint",    "bit",        "boolean",   "char",
      "character",     "coalesce",  "dec",        "decimal",   "exists",
      "extract",       "float",     "greatest",   "grouping",  "inout",
      "int",           "integer",   "interval",   "least",     "national",
      "nchar",         "none",      "normalize",  "nullif",    "numeric",
      "out",           "overlay",   "position",   "precision", "real",
      "row",           "setof",     "smallint",   "substring", "time",
      "timestamp",     "treat",     "trim",       "values",    "varchar",
      "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
      "xmlnamespaces", "xmlparse",  "xmlpi",      "xmlroot",   "xmlserialize",
      "xmltable"};
  return Keywords;
}

static bool isPlainLowercase(llvm::StringRef Name) {
  if (Name.empty())
    return false;
  char First = Name.front();
  if (!((First >= 'a' && First <= 'z') || First == '_'))
    return false;
  for (char C : Name)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '_'))
      return false;
  return true;
}

bool sql::isReservedKeyword(llvm::StringRef Name) {
  return reservedKeywords().contains(Name);
}

bool sql::cannotNameAColumn(llvm::StringRef Name) {
  return reservedKeywords().contains(Name) ||
         typeFuncNameKeywords().contains(Name);
}

bool sql::needsQuotes(llvm::StringRef Name) {
  if (!isPlainLowercase(Name))
    return true;
  return reservedKeywords().contains(Name) ||
         typeFuncNameKeywords().contains(Name) ||
         colNameKeywords().contains(Name);
}

std::string sql::quoteFunctionName(llvm::StringRef Name) {
  // coalesce, greatest, nullif... are keywords that only work unquoted; in
  // call position only reserved words need quotes.
  // Column-name keywords are only functions where PostgreSQL's grammar has
  // a special form for them (coalesce, trim...); `timestamp(x)` must be
  // quoted. `x = any(array)`: ANY, SOME and ALL are reserved words that the
  // expression subset reads as calls, and PostgreSQL wants them bare.
  static const llvm::StringSet<> SpecialForms = {
      "coalesce",     "extract",   "greatest", "grouping",  "least",
      "normalize",    "nullif",    "overlay",  "position",  "substring",
      "treat",        "trim",      "row",      "xmlconcat", "xmlelement",
      "xmlexists",    "xmlforest", "xmlparse", "xmlpi",     "xmlroot",
      "xmlserialize", "any",       "all",      "some"};
  if (!isPlainLowercase(Name))
    return quoteIdentifier(Name);
  if (SpecialForms.contains(Name))
    return Name.str();
  if (reservedKeywords().contains(Name) || colNameKeywords().contains(Name))
    return quoteIdentifier(Name);
  return Name.str();
}

std::string sql::quoteIdentifier(llvm::StringRef Name) {
  if (!needsQuotes(Name))
    return Name.str();
  std::string Out = "\"";
  for (char C : Name) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

std::string sql::quoteQualified(const ir::QualifiedName &N) {
  return quoteIdentifier(N.Schema) + "." + quoteIdentifier(N.Name);
}

std::string sql::quoteString(llvm::StringRef Value) {
  std::string Out = "'";
  for (char C : Value) {
    if (C == '\'')
      Out += '\'';
    Out += C;
  }
  return Out + "'";
}

std::string sql::formatType(const ir::Type &T) {
  std::string Out;
  if (T.K == ir::Type::Kind::Enum) {
    Out = quoteQualified({T.Schema, T.Name});
  } else {
    std::string Mods;
    if (!T.Modifiers.empty()) {
      Mods = "(";
      for (size_t I = 0; I < T.Modifiers.size(); ++I)
        Mods += (I ? "," : "") + std::to_string(T.Modifiers[I]);
      Mods += ")";
    }
    // The time types carry their precision before the time zone words.
    llvm::StringRef Name = T.Name;
    size_t Space = Name.find(" with");
    if (!Mods.empty() && Name.startswith("time") &&
        Space != llvm::StringRef::npos)
      Out =
          (Name.take_front(Space) + llvm::Twine(Mods) + Name.drop_front(Space))
              .str();
    else
      Out = T.Name + Mods;
  }
  for (unsigned I = 0; I < T.ArrayDims; ++I)
    Out += "[]";
  return Out;
}
