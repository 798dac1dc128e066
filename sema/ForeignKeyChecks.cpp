//===- ForeignKeyChecks.cpp - fk-type-mismatch, fk-width-mismatch ---------===//
//
// The headline case: `user_id uuid references users (id)` where users.id is
// an integer. Checked column by column for composite keys.
//===----------------------------------------------------------------------===//

#include "sema/Checks.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringSwitch.h"

#include <map>

using namespace schemac;

/// Types whose values convert without loss in one direction: a difference
/// inside one family is a width mismatch, across families a type mismatch.
static llvm::StringRef typeFamily(const ir::Type &T) {
  if (T.K != ir::Type::Kind::Builtin)
    return T.Name;
  return llvm::StringSwitch<llvm::StringRef>(T.Name)
      // Not numeric: PostgreSQL refuses a numeric key column against an
      // integer key ("incompatible types").
      .Cases("smallint", "integer", "bigint", "integer")
      .Cases("character varying", "text", "character", "bpchar", "text")
      .Cases("real", "double precision", "float")
      .Default(T.Name);
}

enum class Match { Same, Width, Different };

static Match compareTypes(const ir::Type &From, const ir::Type &To) {
  if (From == To)
    return Match::Same;
  if (From.ArrayDims != To.ArrayDims || From.K != To.K ||
      From.Schema != To.Schema)
    return Match::Different;
  return typeFamily(From) == typeFamily(To) ? Match::Width : Match::Different;
}

void schemac::checkForeignKeys(const ir::Schema &IR, const SourceMap &Sources,
                               DiagnosticEngine &Diags) {
  std::map<ir::QualifiedName, size_t> TableIndex;
  for (size_t I = 0; I < IR.Tables.size(); ++I)
    TableIndex[IR.Tables[I].Name] = I;

  for (size_t TI = 0; TI < IR.Tables.size(); ++TI) {
    const ir::Table &T = IR.Tables[TI];
    const TableSource &TS = Sources.Tables[TI];
    for (size_t CI = 0; CI < T.Constraints.size(); ++CI) {
      const ir::Constraint &C = T.Constraints[CI];
      if (C.K != ir::Constraint::Kind::ForeignKey)
        continue;
      const ConstraintSource &CS = TS.Constraints[CI];
      auto Target = TableIndex.find(C.RefTable);
      if (Target == TableIndex.end())
        continue;
      const ir::Table &RefTable = IR.Tables[Target->second];
      const TableSource &RefSource = Sources.Tables[Target->second];
      for (size_t K = 0; K < C.Columns.size(); ++K) {
        const ir::Column *From = T.findColumn(C.Columns[K]);
        const ir::Column *To = RefTable.findColumn(C.RefColumns[K]);
        if (!From || !To)
          continue;
        Match M = compareTypes(From->Ty, To->Ty);
        if (M == Match::Same)
          continue;
        llvm::StringRef Check =
            M == Match::Width ? "fk-width-mismatch" : "fk-type-mismatch";
        const ast::Column *FromDecl = TS.findColumn(From->Name);
        if (isAllowed(CS.Annotations, Check) ||
            isAllowed(TS.Decl->getAnnotations(), Check) ||
            (FromDecl && isAllowed(FromDecl->Annotations, Check)))
          continue;
        llvm::SMRange At =
            K < CS.ColumnRanges.size() ? CS.ColumnRanges[K] : CS.Range;
        std::string RefName = RefTable.Name.Name + "." + To->Name;
        auto Report =
            Diags.report(M == Match::Width ? DiagID::warn_fk_width_mismatch
                                           : DiagID::err_fk_type_mismatch,
                         At, From->Name, sql::formatType(From->Ty), RefName,
                         sql::formatType(To->Ty));
        if (const ast::Column *ToDecl = RefSource.findColumn(To->Name))
          Report.note(DiagID::note_declared_as, ToDecl->ColumnName.Range,
                      RefName, sql::formatType(To->Ty));
      }
    }
  }
}
