//===- NamingConvention.h - SQLAlchemy-style naming templates ---*- C++ -*-===//
//
// `naming { index = "ix_%(table_name)s_%(column_0_N_name)s"; }` names every
// constraint and index of its kind, with the tokens SQLAlchemy's
// naming_convention uses, so a schema moved from SQLAlchemy keeps its names.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_NAMINGCONVENTION_H
#define SCHEMAC_SEMA_NAMINGCONVENTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <optional>
#include <string>

namespace schemac {

enum class NamedKind { PrimaryKey, ForeignKey, Unique, Index, Check };
constexpr size_t NumNamedKinds = 5;

/// The values a template's tokens take for one object.
struct NamingInputs {
  llvm::StringRef Table;
  llvm::ArrayRef<std::string> Columns;
  llvm::StringRef ReferredTable;
  llvm::ArrayRef<std::string> ReferredColumns;
  /// The name written in the source, if any (%(constraint_name)s).
  std::optional<std::string> ConstraintName;
};

class NamingConvention {
public:
  /// Maps a `naming` key (`primary_key`/`pk`, `foreign_key`/`fk`,
  /// `unique`/`uq`, `index`/`ix`, `check`/`ck`) to its kind.
  static std::optional<NamedKind> parseKey(llvm::StringRef Key);
  static llvm::StringRef keyName(NamedKind K);
  static llvm::StringRef knownKeys();
  static llvm::StringRef knownTokens();

  /// Returns the first unknown `%(token)s` in Template, or "" when all are
  /// known.
  static std::string findUnknownToken(llvm::StringRef Template);

  void setTemplate(NamedKind K, std::string Template) {
    Templates[static_cast<size_t>(K)] = std::move(Template);
  }
  const std::optional<std::string> &getTemplate(NamedKind K) const {
    return Templates[static_cast<size_t>(K)];
  }

  static bool usesToken(llvm::StringRef Template, llvm::StringRef Token);

  /// Expands the template; tokens without a value expand to "".
  static std::string expand(llvm::StringRef Template,
                            const NamingInputs &Inputs);

private:
  std::array<std::optional<std::string>, NumNamedKinds> Templates;
};

} // namespace schemac

#endif
