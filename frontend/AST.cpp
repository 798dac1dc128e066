//===- AST.cpp - Syntax tree out-of-line members --------------------------===//

#include "frontend/AST.h"

using namespace schemac::ast;

Expr::~Expr() = default;
Decl::~Decl() = default;
