//===- ChangeChecks.cpp - What a schema change risks on a live database ---===//

#include "codegen/ChangeChecks.h"

#include "codegen/Migration.h"
#include "codegen/TypeChange.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringSet.h"

#include <set>

using namespace schemac;

namespace {

class ChangeChecker {
public:
  ChangeChecker(const SchemaSide &Base, const SchemaSide &New,
                DiagnosticEngine &Diags)
      : Base(Base), New(New), Diags(Diags),
        Match(matchSchemas(Base.IR, New.IR)) {}

  void run();

private:
  void checkTable(size_t NewIndex, size_t BaseIndex);
  void checkColumn(const ir::Table &Table, const TableSource *TS,
                   const ir::Column &Old, const ir::Column &Col,
                   const ast::Column *Decl);
  void checkIndexes(const ir::Table &Old, const ir::Table &Table,
                    const TableSource *TS,
                    const std::map<size_t, size_t> &Columns);
  void checkForeignKeys(const ir::Table &Old, const ir::Table &Table,
                        const TableSource *TS,
                        const std::map<size_t, size_t> &Columns);
  void checkEnum(size_t NewIndex, size_t BaseIndex);

  /// Whether Check is silenced by `@allow` on the object (Own) or its table.
  bool allowed(llvm::StringRef Check, const TableSource *TS,
               llvm::ArrayRef<ast::Annotation> Own = {}) const;
  const TableSource *newSource(size_t Index) const {
    return New.Sources ? &New.Sources->Tables[Index] : nullptr;
  }
  const TableSource *baseSource(size_t Index) const {
    return Base.Sources ? &Base.Sources->Tables[Index] : nullptr;
  }
  /// The old column with its names as the new schema has them: a renamed
  /// enum is the same type.
  ir::Type renamedType(const ir::Type &Old) const;

  const SchemaSide &Base;
  const SchemaSide &New;
  DiagnosticEngine &Diags;
  SchemaMatch Match;
};

bool ChangeChecker::allowed(llvm::StringRef Check, const TableSource *TS,
                            llvm::ArrayRef<ast::Annotation> Own) const {
  return isAllowed(Own, Check) ||
         (TS && TS->Decl && isAllowed(TS->Decl->getAnnotations(), Check));
}

ir::Type ChangeChecker::renamedType(const ir::Type &Old) const {
  if (Old.K != ir::Type::Kind::Enum)
    return Old;
  for (auto [NewIndex, BaseIndex] : Match.Enums) {
    const ir::Enum &E = Base.IR.Enums[BaseIndex];
    if (E.Name.Schema == Old.Schema && E.Name.Name == Old.Name) {
      ir::Type T = Old;
      T.Schema = New.IR.Enums[NewIndex].Name.Schema;
      T.Name = New.IR.Enums[NewIndex].Name.Name;
      return T;
    }
  }
  return Old;
}

void ChangeChecker::run() {
  std::set<size_t> MatchedBase;
  for (auto [NewIndex, BaseIndex] : Match.Tables) {
    MatchedBase.insert(BaseIndex);
    checkTable(NewIndex, BaseIndex);
  }
  for (size_t I = 0; I < Base.IR.Tables.size(); ++I) {
    if (MatchedBase.count(I))
      continue;
    // Gone from the new schema: only the base knows where it was.
    const TableSource *TS = baseSource(I);
    llvm::SMRange Range =
        TS && TS->Decl ? TS->Decl->getName().range() : llvm::SMRange();
    Diags.report(DiagID::err_lint_drop_table, Range,
                 Base.IR.Tables[I].Name.str());
  }
  for (auto [NewIndex, BaseIndex] : Match.Enums)
    checkEnum(NewIndex, BaseIndex);
}

void ChangeChecker::checkTable(size_t NewIndex, size_t BaseIndex) {
  const ir::Table &Old = Base.IR.Tables[BaseIndex];
  const ir::Table &Table = New.IR.Tables[NewIndex];
  const TableSource *TS = newSource(NewIndex);
  llvm::SMRange TableRange =
      TS && TS->Decl ? TS->Decl->getName().range() : llvm::SMRange();
  std::string Name = Table.Name.str();

  if (Old.Name != Table.Name && !allowed("rename-breaks-clients", TS))
    Diags.report(DiagID::warn_lint_rename_table, TableRange, Old.Name.str(),
                 Name);

  const std::map<size_t, size_t> &Columns = Match.Columns[NewIndex];
  std::set<size_t> MatchedOld;
  for (size_t I = 0; I < Table.Columns.size(); ++I) {
    const ir::Column &Col = Table.Columns[I];
    const ast::Column *Decl = TS ? TS->Columns[I] : nullptr;
    llvm::ArrayRef<ast::Annotation> Own;
    if (Decl)
      Own = Decl->Annotations;
    llvm::SMRange Range = Decl ? Decl->ColumnName.Range : TableRange;
    auto It = Columns.find(I);
    if (It == Columns.end()) {
      bool NeedsValue = Col.NotNull && !Col.Default &&
                        Col.Ident == ir::Identity::None && !Col.Generated &&
                        Col.SerialSequence.empty();
      if (NeedsValue && !allowed("table-rewrite", TS, Own))
        Diags.report(DiagID::warn_lint_add_not_null, Range, Col.Name, Name);
      continue;
    }
    MatchedOld.insert(It->second);
    const ir::Column &OldCol = Old.Columns[It->second];
    if (OldCol.Name != Col.Name && !allowed("rename-breaks-clients", TS, Own))
      Diags.report(DiagID::warn_lint_rename_column, Range, OldCol.Name, Name,
                   Col.Name);
    checkColumn(Table, TS, OldCol, Col, Decl);
  }
  for (size_t I = 0; I < Old.Columns.size(); ++I)
    if (!MatchedOld.count(I) && !allowed("destructive-change", TS)) {
      auto Builder = Diags.report(DiagID::err_lint_drop_column, TableRange,
                                  Old.Columns[I].Name, Name);
      if (const TableSource *BS = baseSource(BaseIndex))
        if (const ast::Column *Was = BS->Columns[I])
          Builder.note(DiagID::note_lint_base, Was->ColumnName.Range,
                       "column '" + Old.Columns[I].Name + "'");
    }
  checkIndexes(Old, Table, TS, Columns);
  checkForeignKeys(Old, Table, TS, Columns);
}

void ChangeChecker::checkColumn(const ir::Table &Table, const TableSource *TS,
                                const ir::Column &Old, const ir::Column &Col,
                                const ast::Column *Decl) {
  llvm::ArrayRef<ast::Annotation> Own;
  if (Decl)
    Own = Decl->Annotations;
  llvm::SMRange Range = Decl ? Decl->ColumnName.Range : llvm::SMRange();
  ir::Type OldTy = renamedType(Old.Ty);
  if (OldTy != Col.Ty) {
    llvm::SMRange TypeRange = Decl ? Decl->Type.Range : Range;
    TypeChange Change = classifyTypeChange(OldTy, Col.Ty);
    std::string From = sql::formatType(Old.Ty), To = sql::formatType(Col.Ty);
    if (Change.isDestructive()) {
      if (!allowed("destructive-change", TS, Own))
        Diags.report(DiagID::err_lint_narrowing, TypeRange, Col.Name, From, To);
    } else if (Change.K == TypeChange::Kind::Cast) {
      if (!allowed("table-rewrite", TS, Own))
        Diags.report(DiagID::warn_lint_rewrite, TypeRange, Col.Name, From, To,
                     Table.Name.str());
    }
  }
  if (!Old.NotNull && Col.NotNull && !allowed("table-rewrite", TS, Own))
    Diags.report(DiagID::warn_lint_set_not_null, Range, Col.Name,
                 Table.Name.str());
}

/// Old's column names as the new table has them, so that an index or key
/// that only followed a rename compares equal.
static std::string newColumnName(const ir::Table &Old, const ir::Table &Table,
                                 const std::map<size_t, size_t> &Columns,
                                 const std::string &OldName) {
  for (auto [NewIndex, OldIndex] : Columns)
    if (Old.Columns[OldIndex].Name == OldName)
      return Table.Columns[NewIndex].Name;
  return OldName;
}

void ChangeChecker::checkIndexes(const ir::Table &Old, const ir::Table &Table,
                                 const TableSource *TS,
                                 const std::map<size_t, size_t> &Columns) {
  for (size_t I = 0; I < Table.Indexes.size(); ++I) {
    const ir::Index &Index = Table.Indexes[I];
    // An index the base has under any name is kept or renamed, not built.
    bool Kept = llvm::any_of(Old.Indexes, [&](const ir::Index &O) {
      ir::Index Renamed = O;
      for (ir::IndexElement &E : Renamed.Elements)
        if (!E.Expression)
          E.Column = newColumnName(Old, Table, Columns, E.Column);
      for (std::string &C : Renamed.Include)
        C = newColumnName(Old, Table, Columns, C);
      return sameDefinition(Renamed, Index, Table);
    });
    if (Kept)
      continue;
    const ast::Index *Decl = TS ? TS->Indexes[I] : nullptr;
    llvm::ArrayRef<ast::Annotation> Own;
    if (Decl)
      Own = Decl->Annotations;
    if (allowed("non-concurrent-index", TS, Own))
      continue;
    Diags.report(
        DiagID::warn_lint_index,
        Decl ? Decl->Range
             : (TS && TS->Decl ? TS->Decl->getName().range() : llvm::SMRange()),
        Index.Name, Table.Name.str());
  }
}

void ChangeChecker::checkForeignKeys(const ir::Table &Old,
                                     const ir::Table &Table,
                                     const TableSource *TS,
                                     const std::map<size_t, size_t> &Columns) {
  llvm::StringSet<> Existing;
  for (auto [NewIndex, OldIndex] : Columns)
    Existing.insert(Table.Columns[NewIndex].Name);
  for (size_t I = 0; I < Table.Constraints.size(); ++I) {
    const ir::Constraint &FK = Table.Constraints[I];
    if (FK.K != ir::Constraint::Kind::ForeignKey)
      continue;
    // On columns added with it, every row holds NULL: nothing to check.
    if (!llvm::all_of(FK.Columns, [&](const std::string &C) {
          return Existing.contains(C);
        }))
      continue;
    bool Kept = llvm::any_of(Old.Constraints, [&](const ir::Constraint &O) {
      if (O.K != ir::Constraint::Kind::ForeignKey)
        return false;
      ir::Constraint Renamed = O;
      for (std::string &C : Renamed.Columns)
        C = newColumnName(Old, Table, Columns, C);
      return sameDefinition(Renamed, FK, Table);
    });
    if (Kept)
      continue;
    const ConstraintSource *CS = TS ? &TS->Constraints[I] : nullptr;
    llvm::ArrayRef<ast::Annotation> Own;
    if (CS)
      Own = CS->Annotations;
    if (allowed("fk-not-valid", TS, Own))
      continue;
    Diags.report(DiagID::warn_lint_fk, CS ? CS->Range : llvm::SMRange(),
                 FK.Name, Table.Name.str());
  }
}

void ChangeChecker::checkEnum(size_t NewIndex, size_t BaseIndex) {
  const ir::Enum &Old = Base.IR.Enums[BaseIndex];
  const ir::Enum &E = New.IR.Enums[NewIndex];
  const ast::EnumDecl *Decl =
      New.Sources ? New.Sources->Enums[NewIndex] : nullptr;
  if (Decl && isAllowed(Decl->getAnnotations(), "enum-label-removed"))
    return;
  for (const std::string &Label : Old.Labels)
    if (!llvm::is_contained(E.Labels, Label))
      Diags.report(DiagID::err_lint_label_removed,
                   Decl ? Decl->getName().Range : llvm::SMRange(), Label,
                   E.Name.str());
}

} // namespace

void schemac::runChangeChecks(const SchemaSide &Base, const SchemaSide &New,
                              DiagnosticEngine &Diags) {
  ChangeChecker(Base, New, Diags).run();
}
