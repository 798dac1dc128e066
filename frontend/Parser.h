//===- Parser.h - From a source buffer to an AST ----------------*- C++ -*-===//

#ifndef SCHEMAC_FRONTEND_PARSER_H
#define SCHEMAC_FRONTEND_PARSER_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"

#include <memory>

namespace schemac {

/// Lexes and parses buffer BufferID of the engine's SourceMgr. Every problem
/// is reported to Diags; the result is null when the file had any lexical or
/// syntax error (later phases never see a partial tree).
std::unique_ptr<ast::Module> parseBuffer(unsigned BufferID,
                                         DiagnosticEngine &Diags);

/// The deepest nesting of brackets, or of prefix operators, that the parser
/// accepts; deeper input is an error instead of a stack overflow.
constexpr unsigned MaxNestingDepth = 128;

} // namespace schemac

#endif
