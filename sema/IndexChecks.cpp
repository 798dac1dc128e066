//===- IndexChecks.cpp - redundant-index, fk-missing-index ----------------===//
//
// Both compare leading columns of indexes and keys within one table, so the
// cost is per table, never across tables.
//===----------------------------------------------------------------------===//

#include "sema/Checks.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace schemac;

namespace {

/// An index's plain columns, or nothing when an element is an expression
/// or has a non-default operator class, order or nulls placement (such an
/// index is not interchangeable with a key over the same columns).
std::optional<std::vector<std::string>> plainColumns(const ir::Index &I) {
  std::vector<std::string> Columns;
  for (const ir::IndexElement &E : I.Elements) {
    if (E.Expression || !E.Opclass.empty() || E.Descending ||
        E.NullsOrder != ir::IndexElement::Nulls::Default)
      return std::nullopt;
    Columns.push_back(E.Column);
  }
  return Columns;
}

/// Column lists that can serve lookups by their leading columns.
struct LeadingColumns {
  std::vector<std::string> Columns;
  llvm::StringRef Name;
};

bool startsWithSet(const std::vector<std::string> &Columns,
                   const std::vector<std::string> &Set) {
  if (Columns.size() < Set.size())
    return false;
  return llvm::all_of(Set, [&](const std::string &C) {
    return llvm::is_contained(
        llvm::makeArrayRef(Columns).take_front(Set.size()), C);
  });
}

bool allowedAt(llvm::ArrayRef<ast::Annotation> Own, const TableSource &TS,
               llvm::StringRef Check) {
  return isAllowed(Own, Check) || isAllowed(TS.Decl->getAnnotations(), Check);
}

void checkRedundantIndexes(const ir::Table &T, const TableSource &TS,
                           DiagnosticEngine &Diags) {
  for (size_t I = 0; I < T.Indexes.size(); ++I) {
    const ir::Index &Index = T.Indexes[I];
    const ast::Index *Decl = TS.Indexes[I];
    if (!Decl || allowedAt(Decl->Annotations, TS, "redundant-index"))
      continue;
    auto Columns = plainColumns(Index);
    if (!Columns || Index.Where || Index.Method != "btree" ||
        !Index.Include.empty())
      continue;
    // Equal to a key: the key's own index already does this job.
    const ir::Constraint *Key = nullptr;
    for (const ir::Constraint &C : T.Constraints)
      if ((C.K == ir::Constraint::Kind::PrimaryKey ||
           C.K == ir::Constraint::Kind::Unique) &&
          C.Columns == *Columns)
        Key = &C;
    if (Key) {
      Diags.report(DiagID::warn_redundant_index_key, Decl->Range, Index.Name,
                   Key->K == ir::Constraint::Kind::PrimaryKey
                       ? "primary key"
                       : "unique constraint",
                   Key->Name);
      continue;
    }
    // A unique index enforces something: only an earlier equal unique index
    // makes it redundant.
    if (Index.Unique) {
      for (size_t J = 0; J < I; ++J) {
        const ir::Index &Other = T.Indexes[J];
        if (Other.Unique && !Other.Where && Other.Method == Index.Method &&
            Other.NullsNotDistinct == Index.NullsNotDistinct &&
            plainColumns(Other) == Columns) {
          Diags.report(DiagID::warn_redundant_index_prefix, Decl->Range,
                       Index.Name, Other.Name);
          break;
        }
      }
      continue;
    }
    // ...or of a key, whose own index serves the same lookups.
    const ir::Constraint *Covering = nullptr;
    for (const ir::Constraint &C : T.Constraints)
      if ((C.K == ir::Constraint::Kind::PrimaryKey ||
           C.K == ir::Constraint::Kind::Unique) &&
          C.Columns.size() > Columns->size() &&
          std::equal(Columns->begin(), Columns->end(), C.Columns.begin()))
        Covering = &C;
    if (Covering) {
      Diags.report(DiagID::warn_redundant_index_prefix, Decl->Range, Index.Name,
                   Covering->Name);
      continue;
    }
    for (size_t J = 0; J < T.Indexes.size(); ++J) {
      if (J == I)
        continue;
      const ir::Index &Other = T.Indexes[J];
      auto OtherColumns = plainColumns(Other);
      if (!OtherColumns || Other.Method != Index.Method || Other.Where ||
          OtherColumns->size() < Columns->size() ||
          !std::equal(Columns->begin(), Columns->end(), OtherColumns->begin()))
        continue;
      // Of two equal indexes, the later one is the redundant one.
      if (OtherColumns->size() == Columns->size() &&
          (Other.Unique ? false : J > I))
        continue;
      Diags.report(DiagID::warn_redundant_index_prefix, Decl->Range, Index.Name,
                   Other.Name);
      break;
    }
  }
}

void checkForeignKeyIndexes(const ir::Table &T, const TableSource &TS,
                            DiagnosticEngine &Diags) {
  std::vector<std::vector<std::string>> Leading;
  for (const ir::Constraint &C : T.Constraints)
    if (C.K == ir::Constraint::Kind::PrimaryKey ||
        C.K == ir::Constraint::Kind::Unique)
      Leading.push_back(C.Columns);
  for (const ir::Index &I : T.Indexes) {
    // Expression elements end the usable prefix.
    std::vector<std::string> Columns;
    for (const ir::IndexElement &E : I.Elements) {
      if (E.Expression)
        break;
      Columns.push_back(E.Column);
    }
    if (!I.Where)
      Leading.push_back(std::move(Columns));
  }
  for (size_t CI = 0; CI < T.Constraints.size(); ++CI) {
    const ir::Constraint &C = T.Constraints[CI];
    if (C.K != ir::Constraint::Kind::ForeignKey)
      continue;
    const ConstraintSource &CS = TS.Constraints[CI];
    if (allowedAt(CS.Annotations, TS, "fk-missing-index"))
      continue;
    if (C.Columns.size() == 1)
      if (const ast::Column *Col = TS.findColumn(C.Columns[0]))
        if (isAllowed(Col->Annotations, "fk-missing-index"))
          continue;
    if (llvm::any_of(Leading, [&](const std::vector<std::string> &L) {
          return startsWithSet(L, C.Columns);
        }))
      continue;
    Diags.report(DiagID::warn_fk_missing_index, CS.Range,
                 llvm::join(C.Columns, ", "), C.Name);
  }
}

} // namespace

void schemac::checkIndexes(const ir::Schema &IR, const SourceMap &Sources,
                           DiagnosticEngine &Diags) {
  for (size_t TI = 0; TI < IR.Tables.size(); ++TI) {
    checkRedundantIndexes(IR.Tables[TI], Sources.Tables[TI], Diags);
    checkForeignKeyIndexes(IR.Tables[TI], Sources.Tables[TI], Diags);
  }
}
