//===- SchemaFilter.cpp - Leaving objects out of a comparison -------------===//

#include "sema/SchemaFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/GlobPattern.h"

using namespace schemac;

llvm::ArrayRef<std::string> schemac::defaultExcludes() {
  static const std::vector<std::string> Defaults = {"*.schemac_migrations",
                                                    "*.alembic_version"};
  return Defaults;
}

llvm::Error schemac::applyFilter(ir::Schema &S, const SchemaFilter &Filter) {
  std::vector<llvm::GlobPattern> Globs;
  for (const std::string &Text : Filter.Exclude) {
    auto Glob = llvm::GlobPattern::create(Text);
    if (!Glob)
      return llvm::createStringError(
          std::errc::invalid_argument, "invalid exclude pattern '%s': %s",
          Text.c_str(), llvm::toString(Glob.takeError()).c_str());
    Globs.push_back(std::move(*Glob));
  }
  llvm::StringSet<> Chosen;
  for (const std::string &Name : Filter.Schemas)
    Chosen.insert(Name);
  auto Excluded = [&](llvm::StringRef Name) {
    return llvm::any_of(
        Globs, [&](const llvm::GlobPattern &G) { return G.match(Name); });
  };
  auto LeftOutSchema = [&](llvm::StringRef Name) {
    return (!Chosen.empty() && !Chosen.count(Name)) || Excluded(Name);
  };
  auto LeftOut = [&](const ir::QualifiedName &Name) {
    return (!Chosen.empty() && !Chosen.count(Name.Schema)) ||
           Excluded(Name.Schema) || Excluded(Name.str());
  };

  // Schemas that held something before, to tell "emptied by the filter"
  // from "declared empty".
  llvm::StringSet<> Held, StillHeld;
  for (const ir::Enum &E : S.Enums)
    Held.insert(E.Name.Schema);
  for (const ir::Table &T : S.Tables)
    Held.insert(T.Name.Schema);
  llvm::StringSet<> Kept;
  for (const ir::Table &T : S.Tables)
    if (!LeftOut(T.Name))
      Kept.insert(T.Name.str());
  for (const ir::Enum &E : S.Enums)
    if (!LeftOut(E.Name))
      Kept.insert(E.Name.str());
  if (Filter.KeepReferenced) {
    // Tables are few hops apart; repeat until nothing is added.
    for (bool Added = true; Added;) {
      Added = false;
      for (const ir::Table &T : S.Tables) {
        if (!Kept.count(T.Name.str()))
          continue;
        for (const ir::Constraint &C : T.Constraints)
          if (C.K == ir::Constraint::Kind::ForeignKey)
            Added |= Kept.insert(C.RefTable.str()).second;
        for (const ir::Column &C : T.Columns)
          if (C.Ty.K == ir::Type::Kind::Enum)
            Added |= Kept.insert(C.Ty.Schema + "." + C.Ty.Name).second;
      }
    }
  }
  llvm::erase_if(S.Enums,
                 [&](const ir::Enum &E) { return !Kept.count(E.Name.str()); });
  llvm::erase_if(S.Tables,
                 [&](const ir::Table &T) { return !Kept.count(T.Name.str()); });
  for (const ir::Enum &E : S.Enums)
    StillHeld.insert(E.Name.Schema);
  for (const ir::Table &T : S.Tables)
    StillHeld.insert(T.Name.Schema);
  llvm::erase_if(S.Namespaces, [&](const std::string &Name) {
    if (StillHeld.count(Name))
      return !Filter.KeepReferenced && LeftOutSchema(Name);
    return LeftOutSchema(Name) || Held.count(Name);
  });
  return llvm::Error::success();
}
