//===- BuiltinTypes.h - PostgreSQL's types under all their spellings ------===//
//
// The table behind canonical types: every spelling PostgreSQL accepts for a
// built-in type maps to the name format_type() prints, with the modifiers the
// type takes. Types that extensions add are listed with their extension, so
// that `vector(1536)` is known, but only once `extension vector;` is declared.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_BUILTINTYPES_H
#define SCHEMAC_SEMA_BUILTINTYPES_H

#include "sema/IR.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace schemac {

/// What a type accepts in parentheses after its name.
enum class ModifierKind {
  None,      // uuid, text, jsonb ...
  Length,    // varchar(n), char(n): 1 .. 10485760
  BitLength, // bit(n), varbit(n): 1 .. 83886080
  Precision, // timestamp(p), time(p), interval(p): 0 .. 6
  Numeric,   // numeric(p [, s]): 1 <= p <= 1000, 0 <= s <= p
  Float,     // float(p): 1 .. 53, picks real or double precision
  Dimension, // vector(n) and friends: 1 .. 16000
};

struct TypeInfo {
  /// Canonical name, as format_type() prints it without modifiers.
  llvm::StringRef Canonical;
  ModifierKind Modifiers;
  /// For serial spellings: the column is this type with an owned sequence.
  bool Serial = false;
  /// Non-empty for types an extension provides.
  llvm::StringRef Extension = {};
  /// A length that an absent modifier means (`char` is `character(1)`).
  int64_t ImplicitLength = 0;
};

/// Looks up a spelling (lowercase; multi-word spellings with one space).
const TypeInfo *lookupBuiltinType(llvm::StringRef Spelling);

/// The extension that provides index method Method ("" for built-in ones),
/// or null when the method is unknown.
const char *indexMethodExtension(llvm::StringRef Method);

/// The group of types PostgreSQL converts among: "integer", "decimal"
/// (numeric and floating point), "string", "datetime" (timestamps and
/// dates), "time", "json", "enum"; any other type is its own group, named
/// as itself.
llvm::StringRef typeFamily(const ir::Type &T);

/// Built-in index methods, for messages.
llvm::StringRef knownIndexMethods();

} // namespace schemac

#endif
