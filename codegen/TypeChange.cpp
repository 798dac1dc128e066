//===- TypeChange.cpp - What changing a column's type takes ---------------===//
//
// A table of PostgreSQL's casts between the built-in types, by family:
// within a family widening is safe or a cast, narrowing a cast that may
// lose data; across families a cast exists to and from text (through the
// types' text forms), between the numbers, between the times, json/jsonb;
// anything else has none.
//===----------------------------------------------------------------------===//

#include "codegen/TypeChange.h"
#include "sema/BuiltinTypes.h"
#include "sema/SQLQuote.h"

using namespace schemac;

const char *TypeChange::className() const {
  switch (K) {
  case Kind::Safe:
    return "safe";
  case Kind::Cast:
    return "cast";
  case Kind::Impossible:
    return "impossible";
  }
  return "cast";
}

namespace {

unsigned integerWidth(llvm::StringRef Name) {
  return Name == "smallint" ? 2 : Name == "integer" ? 4 : 8;
}

/// The length limit of a string type; 0 for none.
int64_t lengthLimit(const ir::Type &T) {
  if (T.Name == "text" || T.Name == "name" || T.Modifiers.empty())
    return T.Name == "character" ? 1 : 0;
  return T.Modifiers[0];
}

/// A conversion PostgreSQL does on assignment (ALTER .. TYPE without
/// USING): it fails on a value that does not fit instead of cutting it, as
/// an explicit cast (`x::varchar(5)`) would.
TypeChange assignment(bool Narrowing = false) {
  return {TypeChange::Kind::Cast, Narrowing, ""};
}

/// A conversion that needs USING: no assignment cast exists.
TypeChange explicitCast(const ir::Type &To, bool Narrowing = false) {
  TypeChange C{TypeChange::Kind::Cast, Narrowing, ""};
  // Enums have no cast from other types but text: go through it.
  C.Using = To.K == ir::Type::Kind::Enum ? "{0}::text::" + sql::formatType(To)
                                         : "{0}::" + sql::formatType(To);
  return C;
}

} // namespace

TypeChange schemac::classifyTypeChange(const ir::Type &From,
                                       const ir::Type &To) {
  if (From == To)
    return {TypeChange::Kind::Safe, false, ""};
  if (From.ArrayDims != To.ArrayDims)
    return {TypeChange::Kind::Impossible, true, ""};
  llvm::StringRef FF = typeFamily(From), TF = typeFamily(To);

  if (FF == "string" && TF == "string") {
    // varchar(n) -> varchar(m >= n), varchar -> text: binary-coercible.
    int64_t FromLimit = lengthLimit(From), ToLimit = lengthLimit(To);
    bool Widening = ToLimit == 0 || (FromLimit != 0 && ToLimit >= FromLimit);
    bool PaddedChange = (From.Name == "character") != (To.Name == "character");
    if (Widening && !PaddedChange)
      return {TypeChange::Kind::Safe, false, ""};
    return assignment(!Widening);
  }
  if (FF == "integer" && TF == "integer")
    return assignment(integerWidth(To.Name) < integerWidth(From.Name));
  if (FF == "integer" && TF == "decimal")
    return assignment(To.Name == "real" && From.Name != "smallint");
  if (FF == "decimal" && (TF == "integer" || TF == "decimal")) {
    if (From.Name == "numeric" && To.Name == "numeric") {
      // numeric(p, s) widening with the same scale keeps every value.
      if (To.Modifiers.empty())
        return {TypeChange::Kind::Safe, false, ""};
      if (!From.Modifiers.empty() && To.Modifiers[0] >= From.Modifiers[0] &&
          From.Modifiers.size() == To.Modifiers.size() &&
          (To.Modifiers.size() < 2 || To.Modifiers[1] == From.Modifiers[1]))
        return {TypeChange::Kind::Safe, false, ""};
    }
    if (From.Name == "real" && To.Name == "double precision")
      return assignment();
    return assignment(/*Narrowing=*/true);
  }
  if (TF == "string")
    return assignment(lengthLimit(To) != 0); // any type has a text form
  if (FF == "string")
    return explicitCast(To); // text -> timestamptz, uuid, enum: may fail
  if (FF == "datetime" && (TF == "datetime" || TF == "time")) {
    // date has no time of day; timestamps lose their date as times.
    if (TF == "time" && From.Name == "date")
      return {TypeChange::Kind::Impossible, true, ""};
    return assignment(TF == "time" || To.Name == "date");
  }
  if (FF == "time" && TF == "time")
    return assignment();
  if (FF == "json" && TF == "json")
    return assignment();
  // PostgreSQL casts between boolean and integer (int4 only).
  if ((From.Name == "boolean" && To.Name == "integer") ||
      (From.Name == "integer" && To.Name == "boolean"))
    return explicitCast(To);
  if (FF == "enum" && TF == "enum")
    return explicitCast(To, /*Narrowing=*/true);
  return {TypeChange::Kind::Impossible, true, ""};
}
