//===- SourceMap.cpp - Where each IR element was written ------------------===//

#include "sema/SourceMap.h"
#include "sema/PostgresNames.h"

using namespace schemac;

const ast::Column *TableSource::findColumn(llvm::StringRef Name) const {
  for (const ast::Column *C : Columns)
    if (C && clipIdentifier(C->ColumnName.Text) == Name)
      return C;
  return nullptr;
}

bool schemac::isAllowed(llvm::ArrayRef<ast::Annotation> Annotations,
                        llvm::StringRef Check) {
  for (const ast::Annotation &A : Annotations)
    if (A.Key.Text == "allow")
      for (const ast::Name &Arg : A.Args)
        if (Arg.Text == Check)
          return true;
  return false;
}
