//===- IR.h - The canonical, fully qualified schema model -------*- C++ -*-===//
//
// One model for schema files, live databases and migration directories.
// Everything is resolved: names carry their real schema (there is no default
// schema here), types are in PostgreSQL's canonical spelling (format_type's),
// every constraint and index has its name, expressions are trees. Backends
// read only this.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_IR_H
#define SCHEMAC_SEMA_IR_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace schemac::ir {

struct QualifiedName {
  std::string Schema;
  std::string Name;

  bool operator==(const QualifiedName &O) const {
    return Schema == O.Schema && Name == O.Name;
  }
  bool operator!=(const QualifiedName &O) const { return !(*this == O); }
  bool operator<(const QualifiedName &O) const {
    return Schema != O.Schema ? Schema < O.Schema : Name < O.Name;
  }
  std::string str() const { return Schema + "." + Name; }
};

struct Type {
  enum class Kind { Builtin, Enum, Extension };
  Kind K = Kind::Builtin;
  /// The enum's schema; empty for built-in and extension types.
  std::string Schema;
  /// Canonical name without modifiers: `integer`, `character varying`,
  /// `timestamp with time zone`, `vector`, or the enum's name.
  std::string Name;
  std::vector<int64_t> Modifiers;
  unsigned ArrayDims = 0;

  bool operator==(const Type &O) const {
    return K == O.K && Schema == O.Schema && Name == O.Name &&
           Modifiers == O.Modifiers && ArrayDims == O.ArrayDims;
  }
  bool operator!=(const Type &O) const { return !(*this == O); }
};

/// The IR is built once and never changed in place, so copies of it share
/// their larger immutable parts; equality compares what they point to.
template <typename T> using Shared = std::shared_ptr<const T>;
template <typename T> bool sameValue(const Shared<T> &A, const Shared<T> &B) {
  return A == B || (A && B && *A == *B);
}

/// A SQL expression tree. One node shape for every kind keeps comparison
/// and hashing trivial; the meaning of Text and Args depends on the kind.
struct Expr {
  enum class Kind {
    Number, // Text: digits as written
    String, // Text: the value, unquoted
    Bool,   // Text: "true" / "false"
    Null,
    Column,  // Text: column name
    Keyword, // Text: SQL value keyword, lowercase (`current_timestamp`)
    Call,    // Text: function name; Schema: its schema or empty; Args
    Cast,    // Args[0] cast to CastType
    Unary,   // Text: operator; Args[0]
    Binary,  // Text: operator (`AND`, `OR` upper case); Schema: the
             // operator's, from OPERATOR(schema.op), or empty; Args[0..1]
    Is,      // Text: `NULL`/`TRUE`/`FALSE`; Negated; Args[0]
    In,      // Negated; Args[0] IN (Args[1..])
    Like,    // Text: `LIKE`/`ILIKE`; Negated; Args[0], Args[1]
    Not,     // Args[0]
    Array,   // Args: elements
    Case,    // HasOperand: Args[0]; then (when, then) pairs; HasElse: last
    // Text: SQL as the server printed it (pg_get_expr), not yet parsed.
    // Only inspection makes these; the schema source printed from an
    // inspected database carries the text, and compiling that source
    // replaces it with a tree, so no comparison ever sees one.
    Sql,
  };
  Kind K = Kind::Null;
  std::string Text;
  std::string Schema;
  std::vector<Expr> Args;
  Shared<Type> CastType;
  bool Negated = false;
  bool Star = false;     // Call: f(*)
  bool Distinct = false; // Call: f(DISTINCT ...)
  bool HasOperand = false, HasElse = false;

  bool operator==(const Expr &O) const {
    return K == O.K && Text == O.Text && Schema == O.Schema && Args == O.Args &&
           sameValue(CastType, O.CastType) && Negated == O.Negated &&
           Star == O.Star && Distinct == O.Distinct &&
           HasOperand == O.HasOperand && HasElse == O.HasElse;
  }
  bool operator!=(const Expr &O) const { return !(*this == O); }
};

enum class ReferentialAction {
  NoAction,
  Restrict,
  Cascade,
  SetNull,
  SetDefault
};
enum class Identity { None, Always, ByDefault };

struct Column {
  std::string Name;
  Type Ty;
  bool NotNull = false;
  Shared<Expr> Default;
  Identity Ident = Identity::None;
  Shared<Expr> Generated;
  /// Set for `serial` columns: the owned sequence (in the table's schema)
  /// whose nextval is the default.
  std::string SerialSequence;
  std::string Collation;
  std::string Comment;
  /// From `@renamed_from`: what the column was called before.
  std::vector<std::string> RenamedFrom;
};

struct Constraint {
  enum class Kind { PrimaryKey, ForeignKey, Unique, Check };
  Kind K = Kind::Check;
  std::string Name;
  std::vector<std::string> Columns;
  // Foreign keys.
  QualifiedName RefTable;
  std::vector<std::string> RefColumns;
  ReferentialAction OnDelete = ReferentialAction::NoAction;
  ReferentialAction OnUpdate = ReferentialAction::NoAction;
  bool Deferrable = false;
  bool InitiallyDeferred = false;
  // Checks.
  std::optional<Expr> Check;
  // Unique.
  bool NullsNotDistinct = false;
};

struct IndexElement {
  std::string Column;             // a column...
  std::optional<Expr> Expression; // ...or an expression
  std::string Opclass;            // empty: the default operator class
  bool Descending = false;
  enum class Nulls { Default, First, Last } NullsOrder = Nulls::Default;
};

struct Index {
  std::string Name;
  bool Unique = false;
  std::string Method = "btree";
  std::vector<IndexElement> Elements;
  std::vector<std::string> Include;
  std::vector<std::pair<std::string, std::string>> Options;
  std::optional<Expr> Where;
  bool NullsNotDistinct = false; // unique indexes only
};

struct Table {
  QualifiedName Name;
  std::vector<Column> Columns;
  std::vector<Constraint> Constraints;
  std::vector<Index> Indexes;
  std::string Comment;
  std::vector<std::string> RenamedFrom;

  const Column *findColumn(const std::string &Name) const {
    for (const Column &C : Columns)
      if (C.Name == Name)
        return &C;
    return nullptr;
  }
  const Constraint *primaryKey() const {
    for (const Constraint &C : Constraints)
      if (C.K == Constraint::Kind::PrimaryKey)
        return &C;
    return nullptr;
  }
};

struct Enum {
  QualifiedName Name;
  std::vector<std::string> Labels;
  std::vector<std::string> RenamedFrom;
};

/// A whole database's schema: the root of the IR.
struct Schema {
  /// Every schema (namespace) that holds an object or was declared, sorted.
  std::vector<std::string> Namespaces;
  /// Declared extensions, sorted.
  std::vector<std::string> Extensions;
  std::vector<Enum> Enums;
  std::vector<Table> Tables;
  /// How unqualified names in SQL resolve (`database { search_path }`).
  std::vector<std::string> SearchPath;
  /// Globs on qualified names kept out of every comparison.
  std::vector<std::string> Exclude;
};

} // namespace schemac::ir

#endif
