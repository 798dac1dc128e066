//===- AST.h - The schema language's syntax tree ----------------*- C++ -*-===//
//
// What the parser understood, with a source range on every node and nothing
// resolved yet. The ANTLR parse tree is lowered into this by ASTBuilder and
// never seen again; sema turns this into the IR.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_AST_H
#define SCHEMAC_FRONTEND_AST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac::ast {

/// A name as written, with its quotes removed and doubled quotes undone.
struct Name {
  std::string Text;
  llvm::SMRange Range;
  bool Quoted = false;
};

/// `name` or `schema.name`.
struct QualifiedName {
  std::optional<Name> Schema;
  Name Object;
  llvm::SMRange range() const {
    return {Schema ? Schema->Range.Start : Object.Range.Start,
            Object.Range.End};
  }
  std::string str() const {
    return Schema ? Schema->Text + "." + Object.Text : Object.Text;
  }
};

/// `@renamed_from("old")`, `@allow(fk-missing-index)`.
struct Annotation {
  Name Key;
  std::vector<Name> Args;
  llvm::SMRange Range;
};

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// A column or cast type as written: `varchar(320)`, `timestamp(3) with time
/// zone`, `quaero.member_role[]`. Multi-word spellings keep their words in
/// Base.Object.Text separated by one space (`double precision`).
struct TypeRef {
  QualifiedName Base;
  std::vector<int64_t> Modifiers;
  llvm::SMRange ModifiersRange;
  /// Set when `with time zone` (true) or `without time zone` (false) is given.
  std::optional<bool> WithTimeZone;
  llvm::SMRange TimeZoneRange;
  unsigned ArrayDims = 0;
  llvm::SMRange Range;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    Literal,
    ColumnRef,
    Call,
    Cast,
    Unary,
    Binary,
    Is,
    In,
    Like,
    Not,
    Array,
    Case,
  };
  Kind getKind() const { return K; }
  llvm::SMRange getRange() const { return Range; }
  virtual ~Expr();

protected:
  Expr(Kind K, llvm::SMRange Range) : K(K), Range(Range) {}

private:
  Kind K;
  llvm::SMRange Range;
};
using ExprPtr = std::unique_ptr<Expr>;

class LiteralExpr : public Expr {
public:
  enum class LiteralKind { Integer, Decimal, String, True, False, Null };
  LiteralExpr(LiteralKind LK, std::string Value, llvm::SMRange R)
      : Expr(Kind::Literal, R), LK(LK), Value(std::move(Value)) {}
  LiteralKind getLiteralKind() const { return LK; }
  /// Digits for numbers; the unquoted contents for strings.
  llvm::StringRef getValue() const { return Value; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Literal; }

private:
  LiteralKind LK;
  std::string Value;
};

/// A bare or qualified name in an expression: a column, or a SQL value
/// keyword such as `current_timestamp` (sema decides).
class ColumnRefExpr : public Expr {
public:
  ColumnRefExpr(QualifiedName N, llvm::SMRange R)
      : Expr(Kind::ColumnRef, R), N(std::move(N)) {}
  const QualifiedName &getName() const { return N; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::ColumnRef; }

private:
  QualifiedName N;
};

class CallExpr : public Expr {
public:
  CallExpr(QualifiedName Callee, std::vector<ExprPtr> Args, bool Star,
           bool Distinct, llvm::SMRange R)
      : Expr(Kind::Call, R), Callee(std::move(Callee)), Args(std::move(Args)),
        Star(Star), Distinct(Distinct) {}
  const QualifiedName &getCallee() const { return Callee; }
  llvm::ArrayRef<ExprPtr> getArgs() const { return Args; }
  bool isStar() const { return Star; }
  bool isDistinct() const { return Distinct; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Call; }

private:
  QualifiedName Callee;
  std::vector<ExprPtr> Args;
  bool Star, Distinct;
};

/// `x::type` and `CAST(x AS type)`.
class CastExpr : public Expr {
public:
  CastExpr(ExprPtr Operand, TypeRef Type, llvm::SMRange R)
      : Expr(Kind::Cast, R), Operand(std::move(Operand)),
        Type(std::move(Type)) {}
  const Expr &getOperand() const { return *Operand; }
  const TypeRef &getType() const { return Type; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Cast; }

private:
  ExprPtr Operand;
  TypeRef Type;
};

class UnaryExpr : public Expr {
public:
  UnaryExpr(std::string Op, ExprPtr Operand, llvm::SMRange R)
      : Expr(Kind::Unary, R), Op(std::move(Op)), Operand(std::move(Operand)) {}
  llvm::StringRef getOp() const { return Op; }
  const Expr &getOperand() const { return *Operand; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Unary; }

private:
  std::string Op;
  ExprPtr Operand;
};

/// Arithmetic, comparison, `AND`/`OR` (upper case) and pass-through operators,
/// and `OPERATOR(schema.op)`, whose schema is kept apart from the operator.
class BinaryExpr : public Expr {
public:
  BinaryExpr(std::string Op, ExprPtr LHS, ExprPtr RHS, llvm::SMRange R,
             std::optional<Name> OpSchema = std::nullopt)
      : Expr(Kind::Binary, R), Op(std::move(Op)), OpSchema(std::move(OpSchema)),
        LHS(std::move(LHS)), RHS(std::move(RHS)) {}
  llvm::StringRef getOp() const { return Op; }
  const std::optional<Name> &getOpSchema() const { return OpSchema; }
  const Expr &getLHS() const { return *LHS; }
  const Expr &getRHS() const { return *RHS; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Binary; }

private:
  std::string Op;
  std::optional<Name> OpSchema;
  ExprPtr LHS, RHS;
};

/// `x IS [NOT] NULL|TRUE|FALSE`.
class IsExpr : public Expr {
public:
  enum class Test { Null, True, False };
  IsExpr(ExprPtr Operand, bool Negated, Test T, llvm::SMRange R)
      : Expr(Kind::Is, R), Operand(std::move(Operand)), Negated(Negated), T(T) {
  }
  const Expr &getOperand() const { return *Operand; }
  bool isNegated() const { return Negated; }
  Test getTest() const { return T; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Is; }

private:
  ExprPtr Operand;
  bool Negated;
  Test T;
};

/// `x [NOT] IN (a, b)`.
class InExpr : public Expr {
public:
  InExpr(ExprPtr Operand, bool Negated, std::vector<ExprPtr> List,
         llvm::SMRange R)
      : Expr(Kind::In, R), Operand(std::move(Operand)), Negated(Negated),
        List(std::move(List)) {}
  const Expr &getOperand() const { return *Operand; }
  bool isNegated() const { return Negated; }
  llvm::ArrayRef<ExprPtr> getList() const { return List; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::In; }

private:
  ExprPtr Operand;
  bool Negated;
  std::vector<ExprPtr> List;
};

/// `x [NOT] LIKE|ILIKE pattern`.
class LikeExpr : public Expr {
public:
  LikeExpr(ExprPtr Operand, bool Negated, bool CaseInsensitive, ExprPtr Pattern,
           llvm::SMRange R)
      : Expr(Kind::Like, R), Operand(std::move(Operand)), Negated(Negated),
        CaseInsensitive(CaseInsensitive), Pattern(std::move(Pattern)) {}
  const Expr &getOperand() const { return *Operand; }
  const Expr &getPattern() const { return *Pattern; }
  bool isNegated() const { return Negated; }
  bool isCaseInsensitive() const { return CaseInsensitive; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Like; }

private:
  ExprPtr Operand;
  bool Negated, CaseInsensitive;
  ExprPtr Pattern;
};

class NotExpr : public Expr {
public:
  NotExpr(ExprPtr Operand, llvm::SMRange R)
      : Expr(Kind::Not, R), Operand(std::move(Operand)) {}
  const Expr &getOperand() const { return *Operand; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Not; }

private:
  ExprPtr Operand;
};

class ArrayExpr : public Expr {
public:
  ArrayExpr(std::vector<ExprPtr> Elements, llvm::SMRange R)
      : Expr(Kind::Array, R), Elements(std::move(Elements)) {}
  llvm::ArrayRef<ExprPtr> getElements() const { return Elements; }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Array; }

private:
  std::vector<ExprPtr> Elements;
};

class CaseExpr : public Expr {
public:
  struct When {
    ExprPtr Condition, Result;
  };
  CaseExpr(ExprPtr Operand, std::vector<When> Whens, ExprPtr Else,
           llvm::SMRange R)
      : Expr(Kind::Case, R), Operand(std::move(Operand)),
        Whens(std::move(Whens)), Else(std::move(Else)) {}
  const Expr *getOperand() const { return Operand.get(); }
  llvm::ArrayRef<When> getWhens() const { return Whens; }
  const Expr *getElse() const { return Else.get(); }
  static bool classof(const Expr *E) { return E->getKind() == Kind::Case; }

private:
  ExprPtr Operand;
  std::vector<When> Whens;
  ExprPtr Else;
};

//===----------------------------------------------------------------------===//
// Table contents
//===----------------------------------------------------------------------===//

enum class ReferentialAction {
  NoAction,
  Restrict,
  Cascade,
  SetNull,
  SetDefault
};

/// `references T [(cols)] [on delete A] [on update A] [deferrable ...]`.
struct ReferencesClause {
  QualifiedName Table;
  std::vector<Name> Columns; // empty: the referenced table's primary key
  std::optional<ReferentialAction> OnDelete, OnUpdate;
  llvm::SMRange OnDeleteRange, OnUpdateRange;
  bool Deferrable = false;
  bool InitiallyDeferred = false;
  llvm::SMRange Range;
};

struct ColumnClause {
  enum class Kind {
    NotNull,
    Null,
    PrimaryKey,
    Unique,
    Default,
    References,
    Check,
    Generated,
    Identity,
    Collate,
    Comment,
  };
  Kind K;
  llvm::SMRange Range;
  ExprPtr Expression;                           // Default, Check, Generated
  std::optional<Name> ConstraintName;           // Check
  std::unique_ptr<ReferencesClause> References; // kept out of line: rare
  bool IdentityAlways = false;                  // Identity
  bool NullsNotDistinct = false;                // Unique
  Name Text;                                    // Collate, Comment
};

struct Column {
  std::vector<Annotation> Annotations;
  Name ColumnName;
  TypeRef Type;
  std::vector<ColumnClause> Clauses;
  llvm::SMRange Range;
};

struct TableConstraint {
  enum class Kind { PrimaryKey, ForeignKey, Unique, Check };
  Kind K;
  std::vector<Annotation> Annotations;
  std::optional<Name> ConstraintName;
  std::vector<Name> Columns; // PrimaryKey, ForeignKey, Unique
  std::unique_ptr<ReferencesClause> References; // ForeignKey
  ExprPtr Check;                                // Check
  bool NullsNotDistinct = false;                // Unique
  llvm::SMRange Range;
};

struct IndexElement {
  std::optional<Name> ColumnName; // either a column...
  ExprPtr Expression;             // ...or an expression
  std::optional<QualifiedName> Opclass;
  enum class Order { Default, Asc, Desc } Direction = Order::Default;
  enum class Nulls { Default, First, Last } NullsOrder = Nulls::Default;
  llvm::SMRange Range;
};

struct IndexOption {
  Name Key;
  std::string Value;
  llvm::SMRange Range;
};

struct Index {
  std::vector<Annotation> Annotations;
  bool Unique = false;
  std::optional<Name> IndexName;
  std::vector<IndexElement> Elements;
  std::optional<Name> Method;
  std::vector<Name> Include;
  std::vector<IndexOption> Options;
  ExprPtr Where;
  bool NullsNotDistinct = false;
  llvm::SMRange Range;
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class Decl {
public:
  enum class Kind { Database, Naming, Extension, Schema, Enum, Table };
  Kind getKind() const { return K; }
  llvm::SMRange getRange() const { return Range; }
  llvm::ArrayRef<Annotation> getAnnotations() const { return Annotations; }
  void setAnnotations(std::vector<Annotation> A) { Annotations = std::move(A); }
  virtual ~Decl();

protected:
  Decl(Kind K, llvm::SMRange Range) : K(K), Range(Range) {}

private:
  Kind K;
  llvm::SMRange Range;
  std::vector<Annotation> Annotations;
};
using DeclPtr = std::unique_ptr<Decl>;

/// `key = value;` in a `database` or `naming` block. A list value keeps its
/// items; a scalar value is a list of one with IsList false.
struct Setting {
  Name Key;
  std::vector<Name> Values;
  bool IsList = false;
  llvm::SMRange ValueRange;
  llvm::SMRange Range;
};

/// `database { ... }` and `naming { ... }` share a shape.
class SettingsDecl : public Decl {
public:
  SettingsDecl(Kind K, std::vector<Setting> Settings, llvm::SMRange R)
      : Decl(K, R), Settings(std::move(Settings)) {}
  llvm::ArrayRef<Setting> getSettings() const { return Settings; }
  static bool classof(const Decl *D) {
    return D->getKind() == Kind::Database || D->getKind() == Kind::Naming;
  }

private:
  std::vector<Setting> Settings;
};

class ExtensionDecl : public Decl {
public:
  ExtensionDecl(Name N, llvm::SMRange R)
      : Decl(Kind::Extension, R), N(std::move(N)) {}
  const Name &getName() const { return N; }
  static bool classof(const Decl *D) { return D->getKind() == Kind::Extension; }

private:
  Name N;
};

class EnumDecl : public Decl {
public:
  EnumDecl(Name N, std::vector<Name> Labels, llvm::SMRange R)
      : Decl(Kind::Enum, R), N(std::move(N)), Labels(std::move(Labels)) {}
  const Name &getName() const { return N; }
  llvm::ArrayRef<Name> getLabels() const { return Labels; }
  static bool classof(const Decl *D) { return D->getKind() == Kind::Enum; }

private:
  Name N;
  std::vector<Name> Labels;
};

class TableDecl : public Decl {
public:
  TableDecl(QualifiedName N, llvm::SMRange R)
      : Decl(Kind::Table, R), N(std::move(N)) {}
  const QualifiedName &getName() const { return N; }
  std::vector<Column> Columns;
  std::vector<TableConstraint> Constraints;
  std::vector<Index> Indexes;
  std::optional<Name> Comment;
  static bool classof(const Decl *D) { return D->getKind() == Kind::Table; }

private:
  QualifiedName N;
};

class SchemaDecl : public Decl {
public:
  SchemaDecl(Name N, std::vector<DeclPtr> Members, llvm::SMRange R)
      : Decl(Kind::Schema, R), N(std::move(N)), Members(std::move(Members)) {}
  const Name &getName() const { return N; }
  llvm::ArrayRef<DeclPtr> getMembers() const { return Members; }
  static bool classof(const Decl *D) { return D->getKind() == Kind::Schema; }

private:
  Name N;
  std::vector<DeclPtr> Members;
};

/// One source file.
struct Module {
  unsigned BufferID = 0;
  std::vector<DeclPtr> Decls;
};

} // namespace schemac::ast

#endif
