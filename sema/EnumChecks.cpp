//===- EnumChecks.cpp - near-duplicate-enum, unused-enum ------------------===//
//
// The incident behind these: `memberrole` and `member_role` both existing,
// columns split between them. One pass with hash maps over all enums.
//===----------------------------------------------------------------------===//

#include "sema/Checks.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace schemac;

/// memberRole, member_role and MEMBERROLE all become memberrole.
static std::string foldName(llvm::StringRef Name) {
  std::string Out;
  for (char C : Name)
    if (C != '_')
      Out += llvm::toLower(C);
  return Out;
}

void schemac::checkEnums(const ir::Schema &IR, const SourceMap &Sources,
                         DiagnosticEngine &Diags) {
  llvm::StringSet<> Used;
  for (const ir::Table &T : IR.Tables)
    for (const ir::Column &C : T.Columns)
      if (C.Ty.K == ir::Type::Kind::Enum)
        Used.insert(ir::QualifiedName{C.Ty.Schema, C.Ty.Name}.str());

  llvm::StringMap<size_t> ByFoldedName, ByLabels;
  for (size_t I = 0; I < IR.Enums.size(); ++I) {
    const ir::Enum &E = IR.Enums[I];
    const ast::EnumDecl *Decl = Sources.Enums[I];
    auto Allowed = [&](llvm::StringRef Check) {
      return isAllowed(Decl->getAnnotations(), Check);
    };

    if (!Used.contains(E.Name.str()) && !Allowed("unused-enum"))
      Diags.report(DiagID::warn_unused_enum, Decl->getName().Range,
                   E.Name.str());

    // One name in two schemas (billing.status, support.status) is two honest
    // types; two spellings of one name are one type declared twice.
    auto [ByName, NewName] = ByFoldedName.try_emplace(foldName(E.Name.Name), I);
    if (!NewName && IR.Enums[ByName->second].Name.Name != E.Name.Name &&
        !Allowed("near-duplicate-enum")) {
      const ir::Enum &First = IR.Enums[ByName->second];
      Diags
          .report(DiagID::warn_enum_similar_name, Decl->getName().Range,
                  First.Name.str(), E.Name.str())
          .note(DiagID::note_declared_here,
                Sources.Enums[ByName->second]->getName().Range,
                First.Name.str());
      continue;
    }
    if (E.Labels.empty())
      continue;
    auto [BySame, NewLabels] =
        ByLabels.try_emplace(llvm::join(E.Labels, "\x1f"), I);
    if (!NewLabels && !Allowed("near-duplicate-enum")) {
      const ir::Enum &First = IR.Enums[BySame->second];
      Diags
          .report(DiagID::warn_enum_same_labels, Decl->getName().Range,
                  First.Name.str(), E.Name.str())
          .note(DiagID::note_declared_here,
                Sources.Enums[BySame->second]->getName().Range,
                First.Name.str());
    }
  }
}
