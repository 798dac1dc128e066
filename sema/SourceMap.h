//===- SourceMap.h - Where each IR element was written ----------*- C++ -*-===//
//
// The IR has no source locations (a database or a migration directory has
// no source); checks that point at the schema files need them, and the
// annotations that silence them. Sema fills this beside the IR, element for
// element; it refers into the AST, which must outlive it.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_SEMA_SOURCEMAP_H
#define SCHEMAC_SEMA_SOURCEMAP_H

#include "frontend/AST.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/SMLoc.h"

#include <vector>

namespace schemac {

struct ConstraintSource {
  llvm::SMRange Range;
  llvm::ArrayRef<ast::Annotation> Annotations;
  /// Foreign keys: where each referencing column is named.
  std::vector<llvm::SMRange> ColumnRanges;
};

struct TableSource {
  const ast::TableDecl *Decl = nullptr;
  std::vector<const ast::Column *> Columns;  // parallel to ir::Table
  std::vector<ConstraintSource> Constraints; // parallel to ir::Table
  std::vector<const ast::Index *> Indexes;   // parallel to ir::Table

  const ast::Column *findColumn(llvm::StringRef Name) const;
};

struct SourceMap {
  std::vector<TableSource> Tables;          // parallel to ir::Schema::Tables
  std::vector<const ast::EnumDecl *> Enums; // parallel to ir::Schema::Enums
};

/// Whether an @allow(Check) among Annotations silences the check there.
bool isAllowed(llvm::ArrayRef<ast::Annotation> Annotations,
               llvm::StringRef Check);

} // namespace schemac

#endif
