//===- Lexer.cpp - Fast lexer for the schema language ---------------------===//

#include "frontend/Lexer.h"

#include "SchemaLexer.h"
#include "antlr4-runtime.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>

using namespace schemac;
using parser::SchemaLexer;

namespace {

/// Keyword and punctuation spellings, from the generated vocabulary.
struct Spellings {
  llvm::StringMap<uint32_t> Keywords;    // lowercase spelling -> type
  llvm::StringMap<uint32_t> Punctuation; // exact spelling -> type
  /// Punctuation by first character, longest spelling first.
  std::vector<std::pair<std::string, uint32_t>> ByFirstChar[128];

  Spellings() {
    const antlr4::dfa::Vocabulary &Vocab = schemaVocabulary();
    for (size_t T = SchemaLexer::DATABASE; T <= SchemaLexer::CAST; ++T) {
      std::string Name = llvm::StringRef(Vocab.getSymbolicName(T)).lower();
      if (!Name.empty() && Name.back() == '_') // NULL_
        Name.pop_back();
      Keywords[Name] = T;
    }
    for (size_t T = 1; T <= Vocab.getMaxTokenType(); ++T) {
      // A copy, which must outlive the StringRef into it.
      std::string Name = Vocab.getLiteralName(T);
      llvm::StringRef Literal = Name;
      if (Literal.size() >= 3)
        Punctuation[Literal.drop_front().drop_back()] = T;
    }
    // The OPERATOR token's alternatives (see the grammar).
    for (const char *Op :
         {"||",  "->>", "->", "#>>", "#>",   "@>",  "<@",  "?|",
          "?&",  "?",   "&&", "~~*", "!~~*", "~~",  "!~~", "~*",
          "!~*", "!~",  "~",  "<->", "<=>",  "<#>", "@@"})
      Punctuation[Op] = SchemaLexer::OPERATOR;
    for (const auto &Entry : Punctuation) {
      llvm::StringRef Spelling = Entry.getKey();
      auto &List = ByFirstChar[static_cast<unsigned char>(Spelling[0]) & 127];
      List.emplace_back(Spelling.str(), Entry.getValue());
    }
    for (auto &List : ByFirstChar)
      std::sort(List.begin(), List.end(), [](const auto &A, const auto &B) {
        return A.first.size() > B.first.size();
      });
  }
};

const Spellings &spellings() {
  static const Spellings S;
  return S;
}

bool isIdentStart(unsigned char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_' ||
         C >= 0x80;
}
bool isIdentChar(unsigned char C) {
  return isIdentStart(C) || (C >= '0' && C <= '9') || C == '$';
}
bool isDigit(unsigned char C) { return C >= '0' && C <= '9'; }

class Lexer {
public:
  explicit Lexer(llvm::StringRef Buffer) : Buf(Buffer) {}

  std::vector<LexedToken> run() {
    std::vector<LexedToken> Tokens;
    Tokens.reserve(Buf.size() / 5);
    while (skipTrivia()) {
      size_t Start = Pos;
      uint32_t StartLine = Line;
      uint32_t Type = next();
      Tokens.push_back({static_cast<uint32_t>(Start),
                        static_cast<uint32_t>(Pos), StartLine, Type});
    }
    return Tokens;
  }

private:
  unsigned char peek(size_t Ahead = 0) const {
    return Pos + Ahead < Buf.size() ? Buf[Pos + Ahead] : 0;
  }
  bool atEnd() const { return Pos >= Buf.size(); }
  void advance() {
    if (Buf[Pos] == '\n')
      ++Line;
    ++Pos;
  }

  /// Skips whitespace and complete comments; stops at an unterminated
  /// comment, which is a token. Returns false at the end of the buffer.
  bool skipTrivia() {
    while (!atEnd()) {
      unsigned char C = peek();
      if (C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\f') {
        advance();
      } else if (C == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF) {
        Pos += 3; // U+FEFF, a byte order mark
      } else if (C == '/' && peek(1) == '/') {
        while (!atEnd() && peek() != '\n' && peek() != '\r')
          ++Pos;
      } else if (C == '/' && peek(1) == '*') {
        size_t Close = Buf.find("*/", Pos + 2);
        if (Close == llvm::StringRef::npos)
          return true;
        while (Pos < Close + 2)
          advance();
      } else {
        return true;
      }
    }
    return false;
  }

  uint32_t next() {
    unsigned char C = peek();
    if (C == '/' && peek(1) == '*') {
      while (!atEnd())
        advance();
      return SchemaLexer::UNTERMINATED_COMMENT;
    }
    if (isIdentStart(C)) {
      size_t Start = Pos;
      while (!atEnd() && isIdentChar(peek()))
        ++Pos;
      llvm::StringRef Word = Buf.slice(Start, Pos);
      // Keywords are ASCII and short; most words are not keywords.
      if (Word.size() <= 12) {
        char Lower[12];
        for (size_t I = 0; I < Word.size(); ++I)
          Lower[I] = static_cast<char>(
              Word[I] >= 'A' && Word[I] <= 'Z' ? Word[I] - 'A' + 'a' : Word[I]);
        auto It =
            spellings().Keywords.find(llvm::StringRef(Lower, Word.size()));
        if (It != spellings().Keywords.end())
          return It->second;
      }
      return SchemaLexer::IDENTIFIER;
    }
    if (C == '\'' || C == '"')
      return quoted(C);
    if (isDigit(C) || (C == '.' && isDigit(peek(1))))
      return number();
    // The longest punctuation or operator spelling that matches; candidates
    // are kept by first character, longest first.
    if (C < 128)
      for (const auto &[Spelling, Type] : spellings().ByFirstChar[C])
        if (Buf.substr(Pos).startswith(Spelling)) {
          Pos += Spelling.size();
          return Type;
        }
    // One whole character, however many bytes it has.
    advance();
    while (!atEnd() && (peek() & 0xC0) == 0x80)
      ++Pos;
    return SchemaLexer::UNKNOWN_CHARACTER;
  }

  /// A quoted string or identifier; a doubled quote stands for itself.
  uint32_t quoted(unsigned char Quote) {
    advance();
    while (!atEnd()) {
      if (peek() == Quote) {
        if (peek(1) == Quote) {
          Pos += 2;
          continue;
        }
        ++Pos;
        return Quote == '\'' ? SchemaLexer::STRING
                             : SchemaLexer::QUOTED_IDENTIFIER;
      }
      advance();
    }
    return Quote == '\'' ? SchemaLexer::UNTERMINATED_STRING
                         : SchemaLexer::UNTERMINATED_IDENTIFIER;
  }

  uint32_t number() {
    bool Decimal = false;
    while (isDigit(peek()))
      ++Pos;
    if (peek() == '.') {
      Decimal = true;
      ++Pos;
      while (isDigit(peek()))
        ++Pos;
    }
    // An exponent only when digits follow, as in the grammar.
    unsigned char E = peek();
    if (E == 'e' || E == 'E') {
      size_t Ahead = 1;
      if (peek(1) == '+' || peek(1) == '-')
        Ahead = 2;
      if (isDigit(peek(Ahead))) {
        Pos += Ahead;
        while (isDigit(peek()))
          ++Pos;
        Decimal = true;
      }
    }
    return Decimal ? SchemaLexer::DECIMAL : SchemaLexer::INTEGER;
  }

  llvm::StringRef Buf;
  size_t Pos = 0;
  uint32_t Line = 1;
};

} // namespace

const antlr4::dfa::Vocabulary &schemac::schemaVocabulary() {
  // The vocabulary is static in the generated lexer but only reachable
  // through an instance.
  static antlr4::ANTLRInputStream Empty;
  static SchemaLexer Lexer(&Empty);
  return Lexer.getVocabulary();
}

std::vector<LexedToken> schemac::lexBuffer(llvm::StringRef Buffer) {
  return Lexer(Buffer).run();
}
