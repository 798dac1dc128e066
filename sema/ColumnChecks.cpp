//===- ColumnChecks.cpp - timestamp-without-tz, reserved-identifier -------===//

#include "sema/Checks.h"
#include "sema/SQLQuote.h"

using namespace schemac;

void schemac::checkColumns(const ir::Schema &IR, const SourceMap &Sources,
                           DiagnosticEngine &Diags) {
  for (size_t TI = 0; TI < IR.Tables.size(); ++TI) {
    const ir::Table &T = IR.Tables[TI];
    const TableSource &TS = Sources.Tables[TI];
    llvm::ArrayRef<ast::Annotation> TableAnns = TS.Decl->getAnnotations();

    if (sql::cannotNameAColumn(T.Name.Name) &&
        !isAllowed(TableAnns, "reserved-identifier"))
      Diags.report(DiagID::warn_reserved_identifier,
                   TS.Decl->getName().Object.Range, "table", T.Name.Name);

    for (size_t CI = 0; CI < T.Columns.size(); ++CI) {
      const ir::Column &C = T.Columns[CI];
      const ast::Column *Decl = TS.Columns[CI];
      auto Allowed = [&](llvm::StringRef Check) {
        return isAllowed(TableAnns, Check) ||
               isAllowed(Decl->Annotations, Check);
      };
      if (sql::cannotNameAColumn(C.Name) && !Allowed("reserved-identifier"))
        Diags.report(DiagID::warn_reserved_identifier, Decl->ColumnName.Range,
                     "column", C.Name);

      if (Allowed("timestamp-without-tz") || C.Ty.K != ir::Type::Kind::Builtin)
        continue;
      if (C.Ty.Name == "timestamp without time zone") {
        Diags.report(DiagID::warn_timestamp_without_tz, Decl->Type.Range,
                     C.Name);
        continue;
      }
      llvm::StringRef Name = C.Name;
      bool NamedLikeTime = Name.endswith("_at") || Name.endswith("_date");
      bool Textual = C.Ty.Name == "text" || C.Ty.Name == "character varying";
      if (NamedLikeTime && Textual && !C.Ty.ArrayDims)
        Diags.report(DiagID::warn_time_as_text, Decl->Type.Range, C.Name,
                     sql::formatType(C.Ty));
    }
  }
}
