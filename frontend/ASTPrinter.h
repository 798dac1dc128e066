//===- ASTPrinter.h - Text dump of the AST ----------------------*- C++ -*-===//

#ifndef SCHEMAC_FRONTEND_ASTPRINTER_H
#define SCHEMAC_FRONTEND_ASTPRINTER_H

#include "frontend/AST.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace schemac {

void printAST(const ast::Module &M, const llvm::SourceMgr &SM,
              llvm::raw_ostream &OS);

} // namespace schemac

#endif
