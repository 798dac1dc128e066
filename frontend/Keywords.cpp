//===- Keywords.cpp - How a word reads in the schema language -------------===//

#include "frontend/Keywords.h"
#include "frontend/Lexer.h"

#include "SchemaLexer.h"

using namespace schemac;
using parser::SchemaLexer;

/// The token type of Word when it lexes as exactly one token, else 0.
static size_t singleToken(llvm::StringRef Word) {
  std::vector<LexedToken> Tokens = lexBuffer(Word);
  if (Tokens.size() != 1 || Tokens[0].Begin != 0 ||
      Tokens[0].End != Word.size())
    return 0;
  return Tokens[0].Type;
}

WordKind schemac::classifyWord(llvm::StringRef Word) {
  size_t Type = singleToken(Word);
  if (Type == SchemaLexer::IDENTIFIER)
    return WordKind::Identifier;
  // The grammar declares the soft keywords first (DATABASE .. ZONE, the
  // `softKeyword` rule) and the reserved ones after them (NOT .. CAST).
  if (Type >= SchemaLexer::DATABASE && Type <= SchemaLexer::ZONE)
    return WordKind::SoftKeyword;
  if (Type >= SchemaLexer::NOT && Type <= SchemaLexer::CAST)
    return WordKind::ReservedKeyword;
  return WordKind::Other;
}

bool schemac::beginsTableItem(llvm::StringRef Word) {
  switch (singleToken(Word)) {
  case SchemaLexer::PRIMARY:
  case SchemaLexer::FOREIGN:
  case SchemaLexer::CHECK:
  case SchemaLexer::UNIQUE:
  case SchemaLexer::INDEX:
  case SchemaLexer::COMMENT:
    return true;
  default:
    return false;
  }
}
