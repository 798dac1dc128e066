//===- Sema.cpp - From syntax trees to the checked IR ---------------------===//
//
// Runs in steps, each over the whole schema so that order of declaration
// never matters: collect declarations into the symbol table; lower enums;
// lower each table's columns, then its constraints and indexes (which may
// refer to any column); resolve foreign keys (which may refer to any table);
// finally choose every unnamed constraint's and index's name.
//===----------------------------------------------------------------------===//

#include "sema/Sema.h"
#include "frontend/CheckRegistry.h"
#include "sema/BuiltinTypes.h"
#include "sema/ExprLowering.h"
#include "sema/NameResolution.h"
#include "sema/NamingConvention.h"
#include "sema/PostgresNames.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/GlobPattern.h"

#include <map>

using namespace schemac;

namespace {

/// Where a constraint or index came from, for naming and diagnostics.
struct Origin {
  std::optional<ast::Name> ExplicitName;
  llvm::SMRange Range;
  /// Column names PostgreSQL would build the default name from.
  std::vector<std::string> NameColumns;
  llvm::ArrayRef<ast::Annotation> Annotations;
  /// Foreign keys: where each referencing column is named.
  std::vector<llvm::SMRange> ColumnRanges;
};

struct PendingForeignKey {
  const ast::ReferencesClause *Ref;
  std::vector<ast::Name> Columns;
  Origin From;
};

struct TableState {
  const ast::TableDecl *Decl;
  ir::Table IR;
  std::vector<const ast::Column *> ColumnDecls; // parallel to IR.Columns
  std::vector<const ast::Index *> IndexDecls;   // parallel to IR.Indexes
  std::vector<Origin> ConstraintOrigins;        // parallel to IR.Constraints
  std::vector<Origin> IndexOrigins;             // parallel to IR.Indexes
  std::vector<PendingForeignKey> ForeignKeys;
};

struct EnumState {
  const ast::EnumDecl *Decl;
  ir::Enum IR;
};

class SemaBuilder {
public:
  explicit SemaBuilder(DiagnosticEngine &Diags) : Diags(Diags) {}

  std::optional<SemaResult> run(llvm::ArrayRef<const ast::Module *> Modules);

private:
  // Collection.
  void collectDecl(const ast::Decl &D, llvm::StringRef Schema);
  void collectDatabase(const ast::SettingsDecl &D);
  void collectNaming(const ast::SettingsDecl &D);
  std::vector<std::string> collectRenames(llvm::ArrayRef<ast::Annotation> A,
                                          bool RenameAllowed,
                                          llvm::StringRef What);

  // Lowering.
  void lowerEnum(EnumState &E);
  void lowerTable(TableState &T);
  void lowerColumnClauses(TableState &T, const ast::Column &C, ir::Column &Col);
  void lowerTableConstraint(TableState &T, const ast::TableConstraint &C);
  void lowerIndex(TableState &T, const ast::Index &I);
  bool checkNoRepeats(llvm::ArrayRef<ast::Name> Names, llvm::StringRef What);
  void mergeRepeatedKeys(TableState &T);
  bool checkColumns(TableState &T, llvm::ArrayRef<ast::Name> Names,
                    std::vector<std::string> &Out);
  void addPrimaryKey(TableState &T, std::vector<std::string> Columns,
                     Origin From);
  void resolveForeignKey(TableState &T, PendingForeignKey &FK);

  // Naming.
  void assignNames();
  void reserveExplicit(SchemaNames &Names, TableState &T);
  std::string nameFromTemplate(NamedKind K, const TableState &T,
                               const Origin &From, const ir::Constraint *C,
                               bool &Handled);

  /// N as PostgreSQL keeps it (63 bytes at most), with an
  /// identifier-too-long warning unless one of Allow covers it.
  std::string identifier(const ast::Name &N,
                         llvm::ArrayRef<ast::Annotation> Allow = {},
                         llvm::ArrayRef<ast::Annotation> AlsoAllow = {});

  DiagnosticEngine &Diags;
  SymbolTable Symbols;
  NamingConvention Naming;
  std::vector<TableState> Tables;
  std::vector<EnumState> Enums;
  llvm::StringSet<> DeclaredSchemas;
  std::vector<std::string> Extensions;
  std::vector<std::string> Exclude;
  bool SawSearchPath = false;
  bool SawExclude = false;
};

} // namespace

std::string SemaBuilder::identifier(const ast::Name &N,
                                    llvm::ArrayRef<ast::Annotation> Allow,
                                    llvm::ArrayRef<ast::Annotation> AlsoAllow) {
  if (N.Text.size() <= MaxIdentifierBytes)
    return N.Text;
  std::string Clipped = clipIdentifier(N.Text);
  if (!isAllowed(Allow, "identifier-too-long") &&
      !isAllowed(AlsoAllow, "identifier-too-long"))
    Diags.report(DiagID::warn_identifier_too_long, N.Range, N.Text,
                 N.Text.size(), Clipped);
  return Clipped;
}

//===----------------------------------------------------------------------===//
// Collection
//===----------------------------------------------------------------------===//

std::vector<std::string>
SemaBuilder::collectRenames(llvm::ArrayRef<ast::Annotation> Annotations,
                            bool RenameAllowed, llvm::StringRef What) {
  std::vector<std::string> Renames;
  for (const ast::Annotation &A : Annotations) {
    if (A.Key.Text == "allow") {
      if (A.Args.empty())
        Diags.report(DiagID::err_annotation_arguments, A.Range, "allow",
                     "one or more check names");
      for (const ast::Name &Arg : A.Args)
        if (!findCheck(Arg.Text))
          Diags.report(DiagID::err_unknown_check, Arg.Range, Arg.Text);
      continue;
    }
    if (A.Key.Text == "renamed_from") {
      if (!RenameAllowed) {
        Diags.report(DiagID::err_annotation_not_here, A.Range, "renamed_from",
                     What);
        continue;
      }
      if (A.Args.size() != 1) {
        Diags.report(DiagID::err_annotation_arguments, A.Range, "renamed_from",
                     "exactly one name");
        continue;
      }
      Renames.push_back(A.Args[0].Text);
      continue;
    }
    Diags.report(DiagID::err_unknown_annotation, A.Key.Range, A.Key.Text);
  }
  return Renames;
}

void SemaBuilder::collectDatabase(const ast::SettingsDecl &D) {
  for (const ast::Setting &S : D.getSettings()) {
    if (S.Key.Text == "search_path") {
      if (SawSearchPath)
        Diags.report(DiagID::err_duplicate_setting, S.Key.Range, S.Key.Text);
      SawSearchPath = true;
      std::vector<std::string> Path;
      for (const ast::Name &V : S.Values)
        Path.push_back(V.Text);
      if (Path.empty())
        Diags.report(DiagID::err_setting_value, S.ValueRange, S.Key.Text,
                     "a list of one or more schema names");
      Symbols.setSearchPath(std::move(Path));
    } else if (S.Key.Text == "exclude") {
      if (SawExclude)
        Diags.report(DiagID::err_duplicate_setting, S.Key.Range, S.Key.Text);
      SawExclude = true;
      for (const ast::Name &V : S.Values) {
        if (auto Glob = llvm::GlobPattern::create(V.Text); !Glob)
          Diags.report(DiagID::err_invalid_glob, V.Range, V.Text,
                       llvm::toString(Glob.takeError()));
        Exclude.push_back(V.Text);
      }
    } else {
      Diags.report(DiagID::err_unknown_setting, S.Key.Range, S.Key.Text,
                   "database", "'search_path' or 'exclude'");
    }
  }
}

void SemaBuilder::collectNaming(const ast::SettingsDecl &D) {
  for (const ast::Setting &S : D.getSettings()) {
    std::optional<NamedKind> K = NamingConvention::parseKey(S.Key.Text);
    if (!K) {
      Diags.report(DiagID::err_unknown_setting, S.Key.Range, S.Key.Text,
                   "naming", NamingConvention::knownKeys());
      continue;
    }
    if (S.IsList || S.Values.size() != 1) {
      Diags.report(DiagID::err_setting_value, S.ValueRange, S.Key.Text,
                   "one template string");
      continue;
    }
    if (Naming.getTemplate(*K)) {
      Diags.report(DiagID::err_duplicate_setting, S.Key.Range, S.Key.Text);
      continue;
    }
    const std::string &Template = S.Values[0].Text;
    std::string Unknown = NamingConvention::findUnknownToken(Template);
    if (!Unknown.empty()) {
      Diags.report(DiagID::err_unknown_naming_token, S.ValueRange, Unknown,
                   NamingConvention::knownTokens());
      continue;
    }
    Naming.setTemplate(*K, Template);
  }
}

void SemaBuilder::collectDecl(const ast::Decl &D, llvm::StringRef Schema) {
  switch (D.getKind()) {
  case ast::Decl::Kind::Database:
    collectDatabase(llvm::cast<ast::SettingsDecl>(D));
    return;
  case ast::Decl::Kind::Naming:
    collectNaming(llvm::cast<ast::SettingsDecl>(D));
    return;
  case ast::Decl::Kind::Extension: {
    const std::string &Name = llvm::cast<ast::ExtensionDecl>(D).getName().Text;
    if (!Symbols.hasExtension(Name)) {
      Symbols.addExtension(Name);
      Extensions.push_back(Name);
    }
    return;
  }
  case ast::Decl::Kind::Schema: {
    const auto &S = llvm::cast<ast::SchemaDecl>(D);
    std::string Name = identifier(S.getName());
    DeclaredSchemas.insert(Name);
    Symbols.addSchema(Name);
    for (const ast::DeclPtr &Member : S.getMembers())
      collectDecl(*Member, Name);
    return;
  }
  case ast::Decl::Kind::Enum: {
    const auto &E = llvm::cast<ast::EnumDecl>(D);
    EnumState State{&E, {}};
    State.IR.Name = {Schema.str(), identifier(E.getName(), E.getAnnotations())};
    State.IR.RenamedFrom = collectRenames(E.getAnnotations(), true, "an enum");
    if (auto Previous = Symbols.addEnum(State.IR.Name, Enums.size())) {
      Diags
          .report(DiagID::err_duplicate_object, E.getName().Range, "enum",
                  State.IR.Name.str())
          .note(DiagID::note_previous_declaration,
                Enums[*Previous].Decl->getName().Range);
      return;
    }
    Enums.push_back(std::move(State));
    return;
  }
  case ast::Decl::Kind::Table: {
    const auto &T = llvm::cast<ast::TableDecl>(D);
    TableState State{&T, {}, {}, {}, {}, {}, {}};
    const ast::QualifiedName &N = T.getName();
    State.IR.Name = {N.Schema ? identifier(*N.Schema) : Schema.str(),
                     identifier(N.Object, T.getAnnotations())};
    State.IR.RenamedFrom = collectRenames(T.getAnnotations(), true, "a table");
    if (auto Previous = Symbols.addTable(State.IR.Name, Tables.size())) {
      Diags
          .report(DiagID::err_duplicate_object, N.range(), "table",
                  State.IR.Name.str())
          .note(DiagID::note_previous_declaration,
                Tables[*Previous].Decl->getName().range());
      return;
    }
    Tables.push_back(std::move(State));
    return;
  }
  }
}

//===----------------------------------------------------------------------===//
// Enums and tables
//===----------------------------------------------------------------------===//

void SemaBuilder::lowerEnum(EnumState &E) {
  llvm::StringMap<const ast::Name *> Seen;
  for (const ast::Name &Label : E.Decl->getLabels()) {
    if (Label.Text.size() > MaxIdentifierBytes)
      Diags.report(DiagID::err_enum_label_too_long, Label.Range, Label.Text,
                   Label.Text.size());
    auto [It, Inserted] = Seen.try_emplace(Label.Text, &Label);
    if (!Inserted) {
      Diags
          .report(DiagID::err_duplicate_enum_label, Label.Range, Label.Text,
                  E.IR.Name.Name)
          .note(DiagID::note_previous_declaration, It->second->Range);
      continue;
    }
    E.IR.Labels.push_back(Label.Text);
  }
}

bool SemaBuilder::checkNoRepeats(llvm::ArrayRef<ast::Name> Names,
                                 llvm::StringRef What) {
  for (size_t I = 0; I < Names.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (clipIdentifier(Names[I].Text) == clipIdentifier(Names[J].Text)) {
        Diags
            .report(DiagID::err_duplicate_key_column, Names[I].Range,
                    Names[I].Text, What)
            .note(DiagID::note_previous_declaration, Names[J].Range);
        return false;
      }
  return true;
}

bool SemaBuilder::checkColumns(TableState &T, llvm::ArrayRef<ast::Name> Names,
                               std::vector<std::string> &Out) {
  bool Ok = true;
  for (const ast::Name &N : Names) {
    std::string Name = clipIdentifier(N.Text);
    if (!T.IR.findColumn(Name)) {
      Diags.report(DiagID::err_unknown_column, N.Range, N.Text, T.IR.Name.Name);
      Ok = false;
      continue;
    }
    Out.push_back(Name);
  }
  return Ok;
}

void SemaBuilder::addPrimaryKey(TableState &T, std::vector<std::string> Columns,
                                Origin From) {
  if (T.IR.primaryKey()) {
    Diags.report(DiagID::err_multiple_primary_keys, From.Range, T.IR.Name.Name);
    return;
  }
  for (const std::string &Name : Columns)
    for (ir::Column &C : T.IR.Columns)
      if (C.Name == Name)
        C.NotNull = true; // as PostgreSQL does for primary key columns
  ir::Constraint C;
  C.K = ir::Constraint::Kind::PrimaryKey;
  C.Columns = std::move(Columns);
  T.IR.Constraints.push_back(std::move(C));
  T.ConstraintOrigins.push_back(std::move(From));
}

void SemaBuilder::lowerTable(TableState &T) {
  const ast::TableDecl &D = *T.Decl;
  llvm::StringRef Schema = T.IR.Name.Schema;

  // Every column first: constraints and expressions may use any of them.
  llvm::StringMap<const ast::Column *> Seen;
  std::vector<const ast::Column *> Lowered;
  T.IR.Columns.reserve(D.Columns.size());
  for (const ast::Column &C : D.Columns) {
    ir::Column Col;
    Col.Name = identifier(C.ColumnName, C.Annotations, D.getAnnotations());
    auto [It, Inserted] = Seen.try_emplace(Col.Name, &C);
    if (!Inserted) {
      Diags
          .report(DiagID::err_duplicate_column, C.ColumnName.Range,
                  C.ColumnName.Text, T.IR.Name.Name)
          .note(DiagID::note_previous_declaration,
                It->second->ColumnName.Range);
      continue;
    }
    bool IsSerial = false;
    auto Type = Symbols.resolveType(C.Type, Schema, Diags, &IsSerial);
    if (Type)
      Col.Ty = std::move(*Type);
    if (IsSerial) {
      // Named later with the other generated names; marks the column.
      Col.SerialSequence = "?";
      Col.NotNull = true;
    }
    Col.RenamedFrom = collectRenames(C.Annotations, true, "a column");
    T.IR.Columns.push_back(std::move(Col));
    T.ColumnDecls.push_back(&C);
    Lowered.push_back(&C);
  }
  for (size_t I = 0; I < Lowered.size(); ++I)
    lowerColumnClauses(T, *Lowered[I], T.IR.Columns[I]);

  for (const ast::TableConstraint &C : D.Constraints)
    lowerTableConstraint(T, C);
  mergeRepeatedKeys(T);
  for (const ast::Index &I : D.Indexes)
    lowerIndex(T, I);
  if (D.Comment)
    T.IR.Comment = D.Comment->Text;
}

void SemaBuilder::lowerColumnClauses(TableState &T, const ast::Column &C,
                                     ir::Column &Col) {
  using K = ast::ColumnClause::Kind;
  static const char *Spellings[] = {"not null", "null",      "primary key",
                                    "unique",   "default",   "references",
                                    "check",    "generated", "identity",
                                    "collate",  "comment"};
  auto Spelling = [](K Kind) { return Spellings[static_cast<int>(Kind)]; };
  std::map<K, const ast::ColumnClause *> Seen;
  auto Conflict = [&](const ast::ColumnClause &A, K Other) {
    auto It = Seen.find(Other);
    if (It == Seen.end())
      return false;
    Diags
        .report(DiagID::err_conflicting_clauses, A.Range, Spelling(A.K),
                Spelling(Other), Col.Name)
        .note(DiagID::note_previous_declaration, It->second->Range);
    return true;
  };

  for (const ast::ColumnClause &Clause : C.Clauses) {
    // Several checks or references on one column are fine; other clauses
    // say one thing once.
    if (Clause.K != K::Check && Clause.K != K::References) {
      auto [It, Inserted] = Seen.try_emplace(Clause.K, &Clause);
      if (!Inserted) {
        Diags
            .report(DiagID::err_duplicate_clause, Clause.Range,
                    Spelling(Clause.K), Col.Name)
            .note(DiagID::note_previous_declaration, It->second->Range);
        continue;
      }
    }
    Origin From{std::nullopt,
                Clause.Range,
                {Col.Name},
                C.Annotations,
                {C.ColumnName.Range}};
    switch (Clause.K) {
    case K::NotNull:
      if (!Conflict(Clause, K::Null))
        Col.NotNull = true;
      break;
    case K::Null:
      if (!Conflict(Clause, K::NotNull) && !Conflict(Clause, K::PrimaryKey))
        Col.NotNull = Col.NotNull && !Col.SerialSequence.empty();
      break;
    case K::PrimaryKey:
      if (!Conflict(Clause, K::Null))
        addPrimaryKey(T, {Col.Name}, std::move(From));
      break;
    case K::Unique: {
      ir::Constraint U;
      U.K = ir::Constraint::Kind::Unique;
      U.Columns = {Col.Name};
      U.NullsNotDistinct = Clause.NullsNotDistinct;
      T.IR.Constraints.push_back(std::move(U));
      T.ConstraintOrigins.push_back(std::move(From));
      break;
    }
    case K::Default: {
      if (Conflict(Clause, K::Identity) || Conflict(Clause, K::Generated))
        break;
      if (!Col.SerialSequence.empty()) {
        Diags.report(DiagID::err_conflicting_clauses, Clause.Range, "default",
                     C.Type.Base.Object.Text, Col.Name);
        break;
      }
      ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, nullptr);
      if (auto E = Lower.lower(*Clause.Expression)) {
        // 'member' and 'member'::member_role are one default (PostgreSQL
        // stores the second for the first): the IR keeps the bare literal.
        // Not with a length or precision: 'abcdef'::varchar(5) truncates
        // where 'abcdef' would fail.
        // A cast to the column's base type without modifiers is what
        // assignment does anyway ('a'::character varying on varchar(10)).
        const ir::Type *Cast =
            E->K == ir::Expr::Kind::Cast ? &*E->CastType : nullptr;
        if (Cast && Cast->K == Col.Ty.K && Cast->Schema == Col.Ty.Schema &&
            Cast->Name == Col.Ty.Name && Cast->ArrayDims == Col.Ty.ArrayDims &&
            (Cast->Modifiers.empty() || *Cast == Col.Ty) &&
            (Col.Ty.Modifiers.empty() || Cast->Modifiers.empty()) &&
            (E->Args[0].K == ir::Expr::Kind::String ||
             E->Args[0].K == ir::Expr::Kind::Number)) {
          ir::Expr Literal = E->Args[0];
          *E = std::move(Literal);
        }
        Col.Default = std::make_shared<const ir::Expr>(std::move(*E));
      }
      break;
    }
    case K::References:
      T.ForeignKeys.push_back(
          {Clause.References.get(), {C.ColumnName}, std::move(From)});
      break;
    case K::Check: {
      ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, &T.IR);
      auto Check = Lower.lower(*Clause.Expression);
      if (!Check)
        break;
      ir::Constraint Ck;
      Ck.K = ir::Constraint::Kind::Check;
      Ck.Check = std::move(Check);
      From.ExplicitName = Clause.ConstraintName;
      From.NameColumns = Lower.getColumnsUsed();
      T.IR.Constraints.push_back(std::move(Ck));
      T.ConstraintOrigins.push_back(std::move(From));
      break;
    }
    case K::Generated: {
      if (Conflict(Clause, K::Default) || Conflict(Clause, K::Identity))
        break;
      ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, &T.IR);
      if (auto E = Lower.lower(*Clause.Expression))
        Col.Generated = std::make_shared<const ir::Expr>(std::move(*E));
      break;
    }
    case K::Identity: {
      if (Conflict(Clause, K::Default) || Conflict(Clause, K::Generated))
        break;
      const std::string &TypeName = Col.Ty.Name;
      if (Col.Ty.K != ir::Type::Kind::Builtin || Col.Ty.ArrayDims ||
          !Col.SerialSequence.empty() ||
          (TypeName != "smallint" && TypeName != "integer" &&
           TypeName != "bigint")) {
        Diags.report(DiagID::err_identity_type, Clause.Range, Col.Name,
                     C.Type.Base.Object.Text);
        break;
      }
      Col.Ident = Clause.IdentityAlways ? ir::Identity::Always
                                        : ir::Identity::ByDefault;
      Col.NotNull = true;
      break;
    }
    case K::Collate:
      Col.Collation = Clause.Text.Text;
      break;
    case K::Comment:
      Col.Comment = Clause.Text.Text;
      break;
    }
  }
}

/// Constraints in source order: the order PostgreSQL meets them in a
/// CREATE TABLE, which decides names and which of two equal keys stays.
static std::vector<size_t> sourceOrder(const std::vector<Origin> &Origins) {
  std::vector<size_t> Order(Origins.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  llvm::stable_sort(Order, [&](size_t A, size_t B) {
    return Origins[A].Range.Start.getPointer() <
           Origins[B].Range.Start.getPointer();
  });
  return Order;
}

void SemaBuilder::mergeRepeatedKeys(TableState &T) {
  // CREATE TABLE keeps one index for keys with the same columns in the same
  // order (`id integer primary key unique`): the primary key, else the
  // first; a name given to the dropped one passes to the kept one if that
  // has none.
  auto IsKey = [&](size_t I) {
    auto K = T.IR.Constraints[I].K;
    return K == ir::Constraint::Kind::PrimaryKey ||
           K == ir::Constraint::Kind::Unique;
  };
  std::vector<size_t> Kept;
  std::vector<bool> Drop(T.IR.Constraints.size(), false);
  std::vector<size_t> Order = sourceOrder(T.ConstraintOrigins);
  // The primary key comes first, wherever it was written.
  std::stable_partition(Order.begin(), Order.end(), [&](size_t I) {
    return T.IR.Constraints[I].K == ir::Constraint::Kind::PrimaryKey;
  });
  for (size_t I : Order) {
    if (!IsKey(I))
      continue;
    const ir::Constraint &C = T.IR.Constraints[I];
    auto Same = llvm::find_if(Kept, [&](size_t K) {
      const ir::Constraint &Prior = T.IR.Constraints[K];
      return Prior.Columns == C.Columns &&
             Prior.NullsNotDistinct == C.NullsNotDistinct;
    });
    if (Same == Kept.end()) {
      Kept.push_back(I);
      continue;
    }
    Drop[I] = true;
    if (!T.ConstraintOrigins[*Same].ExplicitName)
      T.ConstraintOrigins[*Same].ExplicitName =
          T.ConstraintOrigins[I].ExplicitName;
  }
  for (size_t I = Drop.size(); I-- > 0;)
    if (Drop[I]) {
      T.IR.Constraints.erase(T.IR.Constraints.begin() + I);
      T.ConstraintOrigins.erase(T.ConstraintOrigins.begin() + I);
    }
}

void SemaBuilder::lowerTableConstraint(TableState &T,
                                       const ast::TableConstraint &C) {
  collectRenames(C.Annotations, false, "a constraint");
  Origin From{C.ConstraintName, C.Range, {}, C.Annotations, {}};
  for (const ast::Name &N : C.Columns)
    From.ColumnRanges.push_back(N.Range);
  std::vector<std::string> Columns;
  switch (C.K) {
  case ast::TableConstraint::Kind::PrimaryKey:
    if (!checkColumns(T, C.Columns, Columns) ||
        !checkNoRepeats(C.Columns, "primary key"))
      return;
    addPrimaryKey(T, std::move(Columns), std::move(From));
    return;
  case ast::TableConstraint::Kind::Unique: {
    if (!checkColumns(T, C.Columns, Columns) ||
        !checkNoRepeats(C.Columns, "unique constraint"))
      return;
    ir::Constraint U;
    U.K = ir::Constraint::Kind::Unique;
    From.NameColumns = Columns;
    U.Columns = std::move(Columns);
    U.NullsNotDistinct = C.NullsNotDistinct;
    T.IR.Constraints.push_back(std::move(U));
    T.ConstraintOrigins.push_back(std::move(From));
    return;
  }
  case ast::TableConstraint::Kind::ForeignKey:
    T.ForeignKeys.push_back({C.References.get(), C.Columns, std::move(From)});
    return;
  case ast::TableConstraint::Kind::Check: {
    ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, &T.IR);
    auto Check = Lower.lower(*C.Check);
    if (!Check)
      return;
    ir::Constraint Ck;
    Ck.K = ir::Constraint::Kind::Check;
    Ck.Check = std::move(Check);
    From.NameColumns = Lower.getColumnsUsed();
    T.IR.Constraints.push_back(std::move(Ck));
    T.ConstraintOrigins.push_back(std::move(From));
    return;
  }
  }
}

void SemaBuilder::lowerIndex(TableState &T, const ast::Index &I) {
  collectRenames(I.Annotations, false, "an index");
  ir::Index Index;
  Index.Unique = I.Unique;
  Index.NullsNotDistinct = I.NullsNotDistinct;
  Origin From{I.IndexName, I.Range, {}, I.Annotations, {}};
  bool Ok = true;

  if (I.Method) {
    std::string Method = llvm::StringRef(I.Method->Text).lower();
    const char *Extension = indexMethodExtension(Method);
    if (!Extension) {
      Diags.report(DiagID::err_unknown_index_method, I.Method->Range,
                   I.Method->Text, knownIndexMethods());
      Ok = false;
    } else if (*Extension && !Symbols.hasExtension(Extension)) {
      Diags.report(DiagID::err_method_needs_extension, I.Method->Range, Method,
                   Extension);
      Ok = false;
    }
    Index.Method = Method;
  }

  for (const ast::IndexElement &E : I.Elements) {
    ir::IndexElement Elem;
    if (E.ColumnName) {
      std::vector<std::string> Column;
      if (!checkColumns(T, *E.ColumnName, Column)) {
        Ok = false;
        continue;
      }
      Elem.Column = Column[0];
      From.NameColumns.push_back(Column[0]);
    } else {
      ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, &T.IR);
      auto Expr = Lower.lower(*E.Expression);
      if (!Expr) {
        Ok = false;
        continue;
      }
      // `(email)` is the column, however it is written.
      if (Expr->K == ir::Expr::Kind::Column)
        Elem.Column = Expr->Text;
      else
        Elem.Expression = std::move(Expr);
      From.NameColumns.push_back(Elem.Expression
                                     ? indexExpressionName(*Elem.Expression)
                                     : Elem.Column);
    }
    if (E.Opclass)
      Elem.Opclass = E.Opclass->Schema ? E.Opclass->Schema->Text + "." +
                                             E.Opclass->Object.Text
                                       : E.Opclass->Object.Text;
    Elem.Descending = E.Direction == ast::IndexElement::Order::Desc;
    // NULLS LAST is the default ascending, NULLS FIRST descending: the IR
    // says nothing then, as PostgreSQL's catalog does.
    if (E.NullsOrder == ast::IndexElement::Nulls::First && !Elem.Descending)
      Elem.NullsOrder = ir::IndexElement::Nulls::First;
    else if (E.NullsOrder == ast::IndexElement::Nulls::Last && Elem.Descending)
      Elem.NullsOrder = ir::IndexElement::Nulls::Last;
    Index.Elements.push_back(std::move(Elem));
  }

  std::vector<std::string> Include;
  if (!checkColumns(T, I.Include, Include))
    Ok = false;
  // PostgreSQL names an index after its INCLUDE columns too.
  llvm::append_range(From.NameColumns, Include);
  Index.Include = std::move(Include);

  for (const ast::IndexOption &O : I.Options)
    Index.Options.emplace_back(llvm::StringRef(O.Key.Text).lower(), O.Value);

  if (I.Where) {
    ExprLowering Lower(Symbols, Diags, T.IR.Name.Schema, &T.IR);
    Index.Where = Lower.lower(*I.Where);
    Ok &= Index.Where.has_value();
  }
  if (!Ok)
    return;
  T.IR.Indexes.push_back(std::move(Index));
  T.IndexDecls.push_back(&I);
  T.IndexOrigins.push_back(std::move(From));
}

//===----------------------------------------------------------------------===//
// Foreign keys
//===----------------------------------------------------------------------===//

static ir::ReferentialAction
lowerAction(std::optional<ast::ReferentialAction> A) {
  if (!A)
    return ir::ReferentialAction::NoAction;
  switch (*A) {
  case ast::ReferentialAction::NoAction:
    return ir::ReferentialAction::NoAction;
  case ast::ReferentialAction::Restrict:
    return ir::ReferentialAction::Restrict;
  case ast::ReferentialAction::Cascade:
    return ir::ReferentialAction::Cascade;
  case ast::ReferentialAction::SetNull:
    return ir::ReferentialAction::SetNull;
  case ast::ReferentialAction::SetDefault:
    return ir::ReferentialAction::SetDefault;
  }
  return ir::ReferentialAction::NoAction;
}

/// Whether Columns, as a set, are a primary key, unique constraint or plain
/// unique index of Target: what PostgreSQL requires a foreign key to point at.
static bool isUniqueKey(const ir::Table &Target,
                        const std::vector<std::string> &Columns) {
  auto SameSet = [&](const std::vector<std::string> &Key) {
    if (Key.size() != Columns.size())
      return false;
    return llvm::all_of(Columns, [&](const std::string &C) {
      return llvm::is_contained(Key, C);
    });
  };
  for (const ir::Constraint &C : Target.Constraints)
    if ((C.K == ir::Constraint::Kind::PrimaryKey ||
         C.K == ir::Constraint::Kind::Unique) &&
        SameSet(C.Columns))
      return true;
  for (const ir::Index &I : Target.Indexes) {
    if (!I.Unique || I.Where)
      continue;
    std::vector<std::string> Key;
    for (const ir::IndexElement &E : I.Elements) {
      if (E.Expression)
        break;
      Key.push_back(E.Column);
    }
    if (Key.size() == I.Elements.size() && SameSet(Key))
      return true;
  }
  return false;
}

void SemaBuilder::resolveForeignKey(TableState &T, PendingForeignKey &FK) {
  ir::Constraint C;
  C.K = ir::Constraint::Kind::ForeignKey;
  if (!checkColumns(T, FK.Columns, C.Columns))
    return;
  const ast::ReferencesClause &Ref = *FK.Ref;
  auto TargetIndex =
      Symbols.resolveTable(Ref.Table, T.IR.Name.Schema, Diags, C.RefTable);
  if (!TargetIndex)
    return;
  TableState &Target = Tables[*TargetIndex];

  if (Ref.Columns.empty()) {
    const ir::Constraint *Pk = Target.IR.primaryKey();
    if (!Pk) {
      Diags
          .report(DiagID::err_fk_no_primary_key, Ref.Table.range(),
                  C.RefTable.str(), Ref.Table.str())
          .note(DiagID::note_declared_here, Target.Decl->getName().range(),
                C.RefTable.str());
      return;
    }
    C.RefColumns = Pk->Columns;
  } else if (!checkColumns(Target, Ref.Columns, C.RefColumns)) {
    return;
  }

  if (C.RefColumns.size() != C.Columns.size()) {
    Diags.report(DiagID::err_fk_column_count, FK.From.Range, C.Columns.size(),
                 C.RefColumns.size());
    return;
  }
  if (!isUniqueKey(Target.IR, C.RefColumns)) {
    Diags
        .report(DiagID::err_fk_not_unique, Ref.Range,
                llvm::join(C.RefColumns, ", "), C.RefTable.str())
        .note(DiagID::note_declared_here, Target.Decl->getName().range(),
              C.RefTable.str());
    return;
  }
  C.OnDelete = lowerAction(Ref.OnDelete);
  C.OnUpdate = lowerAction(Ref.OnUpdate);
  C.Deferrable = Ref.Deferrable;
  C.InitiallyDeferred = Ref.InitiallyDeferred;
  FK.From.NameColumns = C.Columns;
  T.IR.Constraints.push_back(std::move(C));
  T.ConstraintOrigins.push_back(std::move(FK.From));
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

static NamedKind namedKind(ir::Constraint::Kind K) {
  switch (K) {
  case ir::Constraint::Kind::PrimaryKey:
    return NamedKind::PrimaryKey;
  case ir::Constraint::Kind::ForeignKey:
    return NamedKind::ForeignKey;
  case ir::Constraint::Kind::Unique:
    return NamedKind::Unique;
  case ir::Constraint::Kind::Check:
    return NamedKind::Check;
  }
  return NamedKind::Check;
}

/// Builds the name from the naming convention, if there is one for the
/// kind. Handled is false when there is none.
std::string SemaBuilder::nameFromTemplate(NamedKind K, const TableState &T,
                                          const Origin &From,
                                          const ir::Constraint *C,
                                          bool &Handled) {
  Handled = false;
  const std::optional<std::string> &Template = Naming.getTemplate(K);
  if (!Template)
    return "";
  bool UsesName = NamingConvention::usesToken(*Template, "constraint_name");
  // A name written in the source is kept as written, unless the template
  // wants it as %(constraint_name)s (SQLAlchemy's rule).
  if (From.ExplicitName && !UsesName)
    return "";
  Handled = true;
  llvm::StringRef Key = NamingConvention::keyName(K);
  if (UsesName && !From.ExplicitName) {
    Diags.report(DiagID::err_naming_needs_name, From.Range, Key);
    return "";
  }
  NamingInputs In;
  In.Table = T.IR.Name.Name;
  In.Columns = From.NameColumns;
  if (K == NamedKind::Check) {
    for (llvm::StringRef Token :
         {"column_0_name", "column_0N_name", "column_0_N_name"})
      if (NamingConvention::usesToken(*Template, Token)) {
        Diags.report(DiagID::err_naming_column_token, From.Range, Key);
        return "";
      }
  }
  if (C && C->K == ir::Constraint::Kind::ForeignKey) {
    In.ReferredTable = C->RefTable.Name;
    In.ReferredColumns = C->RefColumns;
  } else {
    for (llvm::StringRef Token :
         {"referred_table_name", "referred_column_0_name",
          "referred_column_0N_name", "referred_column_0_N_name"})
      if (NamingConvention::usesToken(*Template, Token)) {
        Diags.report(DiagID::err_naming_referred_token, From.Range, Key);
        return "";
      }
  }
  if (From.ExplicitName)
    In.ConstraintName = From.ExplicitName->Text;
  std::string Name = NamingConvention::expand(*Template, In);
  if (Name.size() > MaxIdentifierBytes) {
    std::string Clipped = clipIdentifier(Name);
    Diags.report(DiagID::warn_identifier_too_long, From.Range, Name,
                 Name.size(), Clipped);
    Name = Clipped;
  }
  return Name;
}

void SemaBuilder::reserveExplicit(SchemaNames &Names, TableState &T) {
  // PostgreSQL's rules: an index (and so a primary key or unique
  // constraint) needs a name no other relation of the schema has; any
  // constraint needs a name no other constraint of its table has. Every
  // given name is also kept from the generated ones, which avoid all
  // constraint names of the schema.
  llvm::StringSet<> TableConstraints;
  auto Reserve = [&](const std::string &Name, bool Relation, bool Constraint,
                     llvm::SMRange Range) {
    if ((Relation && Names.hasRelation(Name)) ||
        (Constraint && !TableConstraints.insert(Name).second)) {
      Diags.report(DiagID::err_duplicate_relation_name, Range, Name,
                   Relation ? "schema '" + T.IR.Name.Schema + "'"
                            : "table '" + T.IR.Name.str() + "'");
      return;
    }
    if (Relation)
      Names.reserveRelation(Name);
    if (Constraint)
      Names.reserveConstraint(Name);
  };
  for (size_t I = 0; I < T.IR.Constraints.size(); ++I) {
    ir::Constraint &C = T.IR.Constraints[I];
    const Origin &From = T.ConstraintOrigins[I];
    bool Handled = false;
    std::string Name = nameFromTemplate(namedKind(C.K), T, From, &C, Handled);
    if (!Handled) {
      if (!From.ExplicitName)
        continue;
      Name = identifier(*From.ExplicitName);
    }
    if (Name.empty())
      continue;
    C.Name = Name;
    bool IsIndex = C.K == ir::Constraint::Kind::PrimaryKey ||
                   C.K == ir::Constraint::Kind::Unique;
    Reserve(Name, IsIndex, true,
            From.ExplicitName ? From.ExplicitName->Range : From.Range);
  }
  for (size_t I = 0; I < T.IR.Indexes.size(); ++I) {
    ir::Index &Index = T.IR.Indexes[I];
    const Origin &From = T.IndexOrigins[I];
    bool Handled = false;
    std::string Name =
        nameFromTemplate(NamedKind::Index, T, From, nullptr, Handled);
    if (!Handled) {
      if (!From.ExplicitName)
        continue;
      Name = identifier(*From.ExplicitName);
    }
    if (Name.empty())
      continue;
    Index.Name = Name;
    Reserve(Name, true, false,
            From.ExplicitName ? From.ExplicitName->Range : From.Range);
  }
}

void SemaBuilder::assignNames() {
  std::map<std::string, SchemaNames> PerSchema;
  for (TableState &T : Tables)
    PerSchema[T.IR.Name.Schema].reserveRelation(T.IR.Name.Name);
  for (TableState &T : Tables)
    reserveExplicit(PerSchema[T.IR.Name.Schema], T);

  // The order PostgreSQL would name things in for this table's CREATE TABLE
  // followed by its CREATE INDEX statements: owned sequences, checks, the
  // primary key's and unique constraints' indexes, foreign keys, indexes.
  for (TableState &T : Tables) {
    SchemaNames &Names = PerSchema[T.IR.Name.Schema];
    const std::string &Table = T.IR.Name.Name;
    for (ir::Column &C : T.IR.Columns)
      if (!C.SerialSequence.empty())
        C.SerialSequence = Names.chooseRelationName(Table, C.Name, "seq",
                                                    /*IsConstraint=*/false);
    std::vector<size_t> Order = sourceOrder(T.ConstraintOrigins);
    auto NameEach = [&](ir::Constraint::Kind K, auto Choose) {
      for (size_t I : Order) {
        ir::Constraint &C = T.IR.Constraints[I];
        if (C.K == K && C.Name.empty() && !T.ConstraintOrigins[I].ExplicitName)
          C.Name = Choose(T.ConstraintOrigins[I]);
      }
    };
    NameEach(ir::Constraint::Kind::Check, [&](const Origin &From) {
      // "tab_col_check" when the check uses exactly one column.
      return Names.chooseConstraintName(
          Table, From.NameColumns.size() == 1 ? From.NameColumns[0] : "",
          "check");
    });
    NameEach(ir::Constraint::Kind::PrimaryKey, [&](const Origin &) {
      return Names.chooseRelationName(Table, "", "pkey", true);
    });
    NameEach(ir::Constraint::Kind::Unique, [&](const Origin &From) {
      return Names.chooseRelationName(Table, joinNameParts(From.NameColumns),
                                      "key", true);
    });
    NameEach(ir::Constraint::Kind::ForeignKey, [&](const Origin &From) {
      return Names.chooseConstraintName(Table, joinNameParts(From.NameColumns),
                                        "fkey");
    });
    for (size_t I = 0; I < T.IR.Indexes.size(); ++I) {
      ir::Index &Index = T.IR.Indexes[I];
      if (!Index.Name.empty() || T.IndexOrigins[I].ExplicitName)
        continue;
      Index.Name = Names.chooseRelationName(
          Table,
          joinNameParts(uniqueIndexColumnNames(T.IndexOrigins[I].NameColumns)),
          "idx", false);
    }
  }
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

std::optional<SemaResult>
SemaBuilder::run(llvm::ArrayRef<const ast::Module *> Modules) {
  // This run's errors only: a migration directory's snapshot, or a
  // replayed database, is compiled after other problems were reported.
  unsigned HardErrorsBefore = Diags.getHardErrorCount();
  for (const ast::Module *M : Modules)
    for (const ast::DeclPtr &D : M->Decls)
      collectDecl(*D, "public");

  for (EnumState &E : Enums) {
    if (auto Table = Symbols.findTable(E.IR.Name))
      Diags
          .report(DiagID::err_enum_named_like_table, E.Decl->getName().Range,
                  E.IR.Name.str())
          .note(DiagID::note_declared_here,
                Tables[*Table].Decl->getName().range(),
                Tables[*Table].IR.Name.str());
    lowerEnum(E);
  }
  for (TableState &T : Tables)
    lowerTable(T);
  for (TableState &T : Tables)
    for (PendingForeignKey &FK : T.ForeignKeys)
      resolveForeignKey(T, FK);
  // A warning made an error by -Werror fails the run, but does not stop
  // the phases after this one from reporting what they find.
  if (Diags.getHardErrorCount() != HardErrorsBefore)
    return std::nullopt;
  assignNames();
  if (Diags.getHardErrorCount() != HardErrorsBefore)
    return std::nullopt;

  SemaResult Out;
  ir::Schema &Result = Out.IR;
  llvm::StringSet<> Namespaces = DeclaredSchemas;
  Namespaces.insert("public");
  for (EnumState &E : Enums) {
    Namespaces.insert(E.IR.Name.Schema);
    Result.Enums.push_back(std::move(E.IR));
    Out.Sources.Enums.push_back(E.Decl);
  }
  for (TableState &T : Tables) {
    Namespaces.insert(T.IR.Name.Schema);
    Result.Tables.push_back(std::move(T.IR));
    TableSource Source;
    Source.Decl = T.Decl;
    Source.Columns = std::move(T.ColumnDecls);
    Source.Indexes = std::move(T.IndexDecls);
    for (Origin &O : T.ConstraintOrigins)
      Source.Constraints.push_back(
          {O.Range, O.Annotations, std::move(O.ColumnRanges)});
    Out.Sources.Tables.push_back(std::move(Source));
  }
  for (const auto &N : Namespaces)
    Result.Namespaces.push_back(N.getKey().str());
  llvm::sort(Result.Namespaces);
  Result.Extensions = Extensions;
  llvm::sort(Result.Extensions);
  Result.SearchPath = Symbols.getSearchPath();
  Result.Exclude = Exclude;
  return Out;
}

std::optional<SemaResult>
schemac::buildIR(llvm::ArrayRef<const ast::Module *> Modules,
                 DiagnosticEngine &Diags) {
  return SemaBuilder(Diags).run(Modules);
}
