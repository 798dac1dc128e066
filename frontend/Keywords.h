//===- Keywords.h - How a word reads in the schema language -----*- C++ -*-===//
//
// Whoever writes schema source (codegen/SchemaSourceEmitter.cpp) must know
// which names can stand bare and which need double quotes. The answer comes
// from the grammar's own tokens, through the lexer, so a keyword added to
// grammar/Schema.g4 is quoted without a second list to update.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_KEYWORDS_H
#define SCHEMAC_FRONTEND_KEYWORDS_H

#include "llvm/ADT/StringRef.h"

namespace schemac {

enum class WordKind {
  /// A plain name: one IDENTIFIER token.
  Identifier,
  /// A keyword that the grammar also takes as a name (`key`, `index`).
  SoftKeyword,
  /// A keyword that can begin or continue an expression (`not`, `end`):
  /// never a name unless quoted.
  ReservedKeyword,
  /// Not a single word of the language (a space, a leading digit, ...).
  Other,
};

/// How Word lexes, keywords case-insensitively as the lexer reads them.
WordKind classifyWord(llvm::StringRef Word);

/// Whether Word, bare at the start of a line in a table, begins a table
/// item (`primary key`, `foreign key`, `check`, `unique`, `index`,
/// `comment`): a column of that name must be quoted, since the grammar
/// reads such a line as the item where it can.
bool beginsTableItem(llvm::StringRef Word);

} // namespace schemac

#endif
