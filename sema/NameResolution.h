//===- NameResolution.h - Where unqualified names resolve -------*- C++ -*-===//
//
// A name written without a schema resolves in the enclosing schema first,
// then along the search path; a qualified name is exact. Built-in types come
// first of all (they live in pg_catalog, which PostgreSQL searches first).
// Results are fully qualified: the IR never holds a "default schema".
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_NAMERESOLUTION_H
#define SCHEMAC_SEMA_NAMERESOLUTION_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/IR.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>
#include <vector>

namespace schemac {

/// Tables and enums by qualified name, with the places to look for an
/// unqualified one.
class SymbolTable {
public:
  void setSearchPath(std::vector<std::string> Path) {
    SearchPath = std::move(Path);
  }
  const std::vector<std::string> &getSearchPath() const { return SearchPath; }

  void addExtension(llvm::StringRef Name) { Extensions.insert(Name); }

  /// Schemas that exist: declared, holding an object, or built in.
  void addSchema(llvm::StringRef Name) { Schemas.insert(Name); }
  bool hasSchema(llvm::StringRef Name) const {
    return Schemas.contains(clip(Name)) || Name == "pg_catalog" ||
           Name == "public";
  }
  bool hasExtension(llvm::StringRef Name) const {
    return Extensions.contains(Name);
  }

  /// Registers a table or enum; returns the index given at first
  /// registration when the name is already taken.
  std::optional<size_t> addTable(const ir::QualifiedName &N, size_t Index);
  std::optional<size_t> addEnum(const ir::QualifiedName &N, size_t Index);

  /// Schemas to try for an unqualified name from within Enclosing, in order,
  /// without repeats.
  std::vector<std::string> lookupOrder(llvm::StringRef Enclosing) const;

  std::optional<size_t> findTable(const ir::QualifiedName &N) const;
  std::optional<size_t> findEnum(const ir::QualifiedName &N) const;

  /// Resolves `references T`; on failure reports unresolved-name and
  /// returns nullopt. Out receives the resolved name.
  std::optional<size_t> resolveTable(const ast::QualifiedName &Name,
                                     llvm::StringRef Enclosing,
                                     DiagnosticEngine &Diags,
                                     ir::QualifiedName &Out) const;

  /// Resolves a column or cast type to its canonical IR form, checking its
  /// modifiers; reports and returns nullopt on failure.
  std::optional<ir::Type> resolveType(const ast::TypeRef &T,
                                      llvm::StringRef Enclosing,
                                      DiagnosticEngine &Diags,
                                      bool *IsSerial = nullptr) const;

private:
  static std::string key(const ir::QualifiedName &N) {
    return N.Schema + '\x1f' + N.Name;
  }
  std::string describeLookup(const ast::QualifiedName &Name,
                             llvm::StringRef Enclosing, bool WithCatalog) const;

  llvm::StringMap<size_t> Tables;
  llvm::StringMap<size_t> Enums;
  llvm::StringSet<> Extensions;
  llvm::StringSet<> Schemas;
  static std::string clip(llvm::StringRef Name);
  std::vector<std::string> SearchPath{"public"};
};

} // namespace schemac

#endif
