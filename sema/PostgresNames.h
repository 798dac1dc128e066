//===- PostgresNames.h - The names PostgreSQL would choose ------*- C++ -*-===//
//
// PostgreSQL names unnamed constraints, indexes and sequences with a fixed
// algorithm (makeObjectName/ChooseRelationName in its indexcmds.c): join the
// parts with '_', truncate the longer part first to fit 63 bytes without
// splitting a character, and add 1, 2, ... to the label on collision. The IR
// stores these names, so they must be exactly PostgreSQL's.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_POSTGRESNAMES_H
#define SCHEMAC_SEMA_POSTGRESNAMES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>

namespace schemac {

/// NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes.
constexpr size_t MaxIdentifierBytes = 63;

/// Cuts Name to at most MaxBytes bytes, never inside a UTF-8 character.
std::string clipIdentifier(llvm::StringRef Name,
                           size_t MaxBytes = MaxIdentifierBytes);

/// makeObjectName(): `name1[_name2][_label]`, truncated to fit.
std::string makeObjectName(llvm::StringRef Name1, llvm::StringRef Name2,
                           llvm::StringRef Label);

/// ChooseIndexNameAddition(): column names joined with '_', stopping once
/// the result reaches 64 bytes (makeObjectName truncates it later).
std::string joinNameParts(llvm::ArrayRef<std::string> Parts);

/// ChooseIndexColumnNames(): makes repeated names unique with 1, 2, ...
std::vector<std::string>
uniqueIndexColumnNames(llvm::ArrayRef<std::string> Names);

/// The names already taken in one schema: relations (tables, sequences,
/// indexes) share one namespace, constraints another.
class SchemaNames {
public:
  void reserveRelation(llvm::StringRef Name) { Relations.insert(Name); }
  void reserveConstraint(llvm::StringRef Name) { Constraints.insert(Name); }
  bool hasRelation(llvm::StringRef Name) const {
    return Relations.contains(Name);
  }
  bool hasConstraint(llvm::StringRef Name) const {
    return Constraints.contains(Name);
  }

  /// ChooseRelationName(): for indexes and sequences. IsConstraint (the
  /// index of a primary key or unique constraint) also avoids constraint
  /// names. The chosen name is reserved.
  std::string chooseRelationName(llvm::StringRef Name1, llvm::StringRef Name2,
                                 llvm::StringRef Label, bool IsConstraint);
  /// ChooseConstraintName(): for check and foreign key constraints.
  std::string chooseConstraintName(llvm::StringRef Name1, llvm::StringRef Name2,
                                   llvm::StringRef Label);

private:
  llvm::StringSet<> Relations;
  llvm::StringSet<> Constraints;
};

} // namespace schemac

#endif
