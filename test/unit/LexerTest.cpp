//===- LexerTest.cpp - The fast lexer agrees with the grammar's -----------===//
//
// frontend/Lexer exists for speed; grammar/Schema.g4 defines the tokens.
// These tests run both over the same inputs (edge cases written here, and
// every .schema file of the repository) and require the same token types at
// the same offsets.
//===----------------------------------------------------------------------===//

#include "frontend/Lexer.h"

#include "SchemaLexer.h"
#include "antlr4-runtime.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;

namespace {

struct Tok {
  size_t Type, Begin, End;
  bool operator==(const Tok &O) const {
    return Type == O.Type && Begin == O.Begin && End == O.End;
  }
};

std::ostream &operator<<(std::ostream &OS, const Tok &T) {
  return OS << "{type " << T.Type << ", " << T.Begin << ".." << T.End << "}";
}

/// Byte offset of each code point, for ANTLR's code point indexes.
std::vector<size_t> codePointOffsets(llvm::StringRef Text) {
  std::vector<size_t> Offsets;
  for (size_t I = 0; I < Text.size(); ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
      Offsets.push_back(I);
  Offsets.push_back(Text.size());
  return Offsets;
}

std::vector<Tok> lexWithAntlr(llvm::StringRef Text) {
  antlr4::ANTLRInputStream Input(Text.data(), Text.size());
  parser::SchemaLexer Lexer(&Input);
  Lexer.removeErrorListeners();
  std::vector<size_t> Offsets = codePointOffsets(Text);
  std::vector<Tok> Result;
  for (auto T = Lexer.nextToken(); T->getType() != antlr4::Token::EOF;
       T = Lexer.nextToken())
    Result.push_back({T->getType(), Offsets[T->getStartIndex()],
                      Offsets[T->getStopIndex() + 1]});
  return Result;
}

std::vector<Tok> lexFast(llvm::StringRef Text) {
  std::vector<Tok> Result;
  for (const LexedToken &T : lexBuffer(Text))
    Result.push_back({T.Type, T.Begin, T.End});
  return Result;
}

void expectSameTokens(llvm::StringRef Text, const std::string &What) {
  EXPECT_EQ(lexWithAntlr(Text), lexFast(Text)) << "input: " << What;
}

TEST(LexerTest, AgreesOnEdgeCases) {
  const char *Cases[] = {
      "table t { id integer primary key; }",
      "TABLE Table tAbLe",
      "\"quoted \"\" name\" 'it''s' ''",
      "a.b 1.5 .5 1. 1e10 1.5e-3 1e 12abc 3.x",
      "x->>'a' a->b #>> #> @> <@ ?| ?& ? && ~~ !~~ ~* !~* !~ ~ <-> <=> <#> @@ "
      "^ ~~* !~~* a~~*b a!~~*'x' ~~~ !~~~*",
      "a<=b a>=b a<>b a!=b a::int a||b < > = + - * / %",
      "// line comment\nx /* block */ y /* multi\nline */ z",
      "/* unterminated comment",
      "'unterminated string",
      "\"unterminated name",
      "'ends with doubled quote''",
      "caf\xc3\xa9 na\xc3\xafve \xe2\x82\xac \xf0\x9f\x98\x80",
      "weird ! $ ` \\ # \x01",
      "index_name include_x null_ nulls notnull",
      "a OPERATOR(public.=) b operator(pg_catalog.~~*) operators Operator_",
      "a--b a-/b a/*c*/b",
      "",
  };
  for (const char *Case : Cases)
    expectSameTokens(Case, Case);
}

// ANTLR's input stream drops a leading byte order mark before lexing, so
// offsets cannot be compared; the fast lexer skips it as white space.
TEST(LexerTest, SkipsByteOrderMark) {
  std::vector<Tok> Tokens = lexFast("\xef\xbb\xbftable");
  ASSERT_EQ(Tokens.size(), 1u);
  EXPECT_EQ(Tokens[0], (Tok{parser::SchemaLexer::TABLE, 3, 8}));
}

TEST(LexerTest, AgreesOnEverySchemaFileInTheRepository) {
  unsigned Files = 0;
  std::error_code EC;
  for (const char *Dir : {"test", "examples", "bench"}) {
    llvm::SmallString<256> Root(SCHEMAC_SOURCE_DIR);
    llvm::sys::path::append(Root, Dir);
    for (llvm::sys::fs::recursive_directory_iterator It(Root, EC), End;
         It != End && !EC; It.increment(EC)) {
      if (llvm::sys::path::extension(It->path()) != ".schema")
        continue;
      auto Buffer = llvm::MemoryBuffer::getFile(It->path());
      ASSERT_TRUE(bool(Buffer)) << It->path();
      expectSameTokens((*Buffer)->getBuffer(), It->path());
      ++Files;
    }
  }
  EXPECT_GT(Files, 10u);
}

} // namespace
