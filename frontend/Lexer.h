//===- Lexer.h - Fast lexer for the schema language -------------*- C++ -*-===//
//
// Produces the token types of grammar/Schema.g4, with byte offsets, in a
// compact array. The grammar stays the definition of the tokens: keyword and
// punctuation spellings are read from the generated vocabulary, and a unit
// test checks this lexer against the ANTLR-generated one on the test corpus.
// It exists because ANTLR's C++ runtime lexes at about 1 MB/s (a lock per
// character in 4.9), which is most of the time of compiling a large schema.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_LEXER_H
#define SCHEMAC_FRONTEND_LEXER_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace antlr4::dfa {
class Vocabulary;
}

namespace schemac {

struct LexedToken {
  uint32_t Begin; // byte offset of the first character
  uint32_t End;   // byte offset one past the last character
  uint32_t Line;  // 1-based
  uint32_t Type;  // a SchemaLexer token type
};

/// Lexes Buffer (valid UTF-8) into tokens, dropping whitespace and
/// comments. Malformed input becomes the grammar's error tokens
/// (UNTERMINATED_*, UNKNOWN_CHARACTER); lexing never fails.
std::vector<LexedToken> lexBuffer(llvm::StringRef Buffer);

/// The grammar's token vocabulary (names and literal spellings).
const antlr4::dfa::Vocabulary &schemaVocabulary();

} // namespace schemac

#endif
