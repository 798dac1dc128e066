//===- Parser.cpp - Lexing, parsing and syntax errors ---------------------===//
//
// Lexes with frontend/Lexer, then drives the generated ANTLR parser one
// declaration at a time: a quick scan of braces cuts the token stream into
// top-level items and schema members, each parsed on its own, so the parse
// tree never holds more than one table. A file whose braces do not balance is
// parsed whole, which is where its syntax errors get reported.
//
// Parsing runs in SLL mode first, which is fast and enough for valid input;
// only a piece with a syntax error is parsed again in full LL mode, with
// error recovery and our own error listener, so that one run reports several
// errors in words a user understands.
//===----------------------------------------------------------------------===//

#include "frontend/Parser.h"
#include "frontend/ASTBuilder.h"
#include "frontend/TokenLocator.h"

#include "frontend/Lexer.h"

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "antlr4-runtime.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"

using namespace schemac;
using parser::SchemaLexer;
using parser::SchemaParser;

namespace {

/// Checks what the parser cannot: encoding, NUL bytes.
bool checkEncoding(llvm::StringRef Buffer, DiagnosticEngine &Diags) {
  if (size_t Nul = Buffer.find('\0'); Nul != llvm::StringRef::npos) {
    Diags.report(DiagID::err_nul_byte,
                 llvm::SMLoc::getFromPointer(Buffer.data() + Nul));
    return false;
  }
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Buffer.data());
  const auto *Cursor = Begin;
  if (!llvm::isLegalUTF8String(&Cursor, Begin + Buffer.size())) {
    Diags.report(DiagID::err_invalid_utf8,
                 llvm::SMLoc::getFromPointer(Buffer.data() + (Cursor - Begin)));
    return false;
  }
  return true;
}

/// How a token is named in a message: keywords as written in lowercase,
/// punctuation in quotes, classes of tokens in words.
std::string describeTokenType(const antlr4::dfa::Vocabulary &Vocab,
                              size_t Type) {
  switch (Type) {
  case antlr4::Token::EOF:
    return "end of file";
  case SchemaParser::IDENTIFIER:
  case SchemaParser::QUOTED_IDENTIFIER:
    return "a name";
  case SchemaParser::STRING:
    return "a string";
  case SchemaParser::INTEGER:
  case SchemaParser::DECIMAL:
    return "a number";
  case SchemaParser::OPERATOR:
    return "an operator";
  default:
    break;
  }
  std::string Literal = Vocab.getLiteralName(Type);
  if (!Literal.empty())
    return Literal;
  std::string Symbolic = llvm::StringRef(Vocab.getSymbolicName(Type)).lower();
  if (llvm::StringRef(Symbolic).endswith("_"))
    Symbolic.pop_back();
  return "'" + Symbolic + "'";
}

/// What the user wrote at the error, for "found ...".
std::string describeText(llvm::StringRef Text) {
  if (Text.size() > 24)
    return "'" + Text.take_front(21).str() + "...'";
  return "'" + Text.str() + "'";
}

std::string describeToken(antlr4::Token *Tok) {
  if (Tok->getType() == antlr4::Token::EOF)
    return "end of file";
  return describeText(Tok->getText());
}

/// What the innermost rule was building, for errors where the parser would
/// accept too many different tokens to list them.
const char *describeRule(size_t RuleIndex) {
  switch (RuleIndex) {
  case SchemaParser::RuleSchemaFile:
  case SchemaParser::RuleTopLevelItem:
    return "a declaration ('table', 'enum', 'schema', 'extension', 'naming' "
           "or 'database')";
  case SchemaParser::RuleSchemaDecl:
  case SchemaParser::RuleSchemaMember:
    return "'table', 'enum' or '}'";
  case SchemaParser::RuleTableDecl:
  case SchemaParser::RuleTableItem:
    return "a column, constraint, index or '}'";
  case SchemaParser::RuleColumnClause:
    return "a column clause ('not null', 'default', 'references', ...) or ';'";
  case SchemaParser::RuleTypeRef:
    return "a type";
  case SchemaParser::RuleExpr:
  case SchemaParser::RulePrimaryExpr:
  case SchemaParser::RuleLiteral:
    return "an expression";
  case SchemaParser::RuleIndexElement:
    return "a column or '(expression)'";
  case SchemaParser::RuleSetting:
  case SchemaParser::RuleSettingValue:
    return "a setting 'name = value;'";
  case SchemaParser::RuleAnnotationArg:
  case SchemaParser::RuleCheckNameWord:
    return "a name or a string";
  default:
    return "something else";
  }
}

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(const TokenLocator &Locator, DiagnosticEngine &Diags)
      : Locator(Locator), Diags(Diags) {}

  void syntaxError(antlr4::Recognizer *Recognizer, antlr4::Token *Offending,
                   size_t, size_t, const std::string &,
                   std::exception_ptr) override {
    auto *Parser = static_cast<antlr4::Parser *>(Recognizer);
    // Recovery can report the same token more than once; the first message
    // is the useful one.
    if (Offending->getTokenIndex() == LastTokenIndex && HaveReported)
      return;
    HaveReported = true;
    LastTokenIndex = Offending->getTokenIndex();

    llvm::SMRange Range{
        Locator.locate(Offending->getStartIndex()),
        Locator.locate(Offending->getType() == antlr4::Token::EOF
                           ? Offending->getStartIndex()
                           : Offending->getStopIndex() + 1)};
    std::string Found = describeToken(Offending);

    std::vector<std::string> Expected;
    const antlr4::dfa::Vocabulary &Vocab = Parser->getVocabulary();
    antlr4::misc::IntervalSet Set;
    try {
      Set = Parser->getExpectedTokens();
    } catch (...) {
    }
    bool AnyName = Set.contains(static_cast<ssize_t>(SchemaParser::IDENTIFIER));
    for (size_t Type : Set.toList()) {
      // Soft keywords are names too; listing each of them helps nobody.
      if (AnyName && isSoftKeyword(Type))
        continue;
      std::string Description = describeTokenType(Vocab, Type);
      if (!llvm::is_contained(Expected, Description))
        Expected.push_back(std::move(Description));
    }

    if (Expected.empty()) {
      Diags.report(DiagID::err_unexpected, Range, Found);
    } else if (Expected.size() <= 4) {
      std::string List;
      for (size_t I = 0; I < Expected.size(); ++I) {
        if (I)
          List += I + 1 == Expected.size() ? " or " : ", ";
        List += Expected[I];
      }
      Diags.report(DiagID::err_expected_found, Range, List, Found);
    } else if (llvm::is_contained(Expected, "';'")) {
      // Most often a statement that was not ended: point just after it, as
      // Clang does for a missing semicolon.
      antlr4::Token *Previous = Parser->getTokenStream()->LT(-1);
      if (Previous && Previous->getType() != antlr4::Token::EOF) {
        llvm::SMLoc After = Locator.locate(Previous->getStopIndex() + 1);
        Diags.report(DiagID::err_expected, llvm::SMRange(After, After), "';'");
      } else {
        Diags.report(DiagID::err_expected_found, Range, "';'", Found);
      }
    } else {
      size_t Rule = SchemaParser::RuleSchemaFile;
      if (Parser->getContext())
        Rule = Parser->getContext()->getRuleIndex();
      Diags.report(DiagID::err_expected_found, Range, describeRule(Rule),
                   Found);
    }
    if (Diags.errorLimitExceeded())
      throw antlr4::ParseCancellationException("error limit");
  }

private:
  static bool isSoftKeyword(size_t Type) {
    return Type >= SchemaParser::DATABASE && Type <= SchemaParser::ZONE;
  }

  const TokenLocator &Locator;
  DiagnosticEngine &Diags;
  size_t LastTokenIndex = 0;
  bool HaveReported = false;
};

/// Token types of the implicit literal tokens, looked up once from the
/// vocabulary (the grammar numbers them itself).
struct PunctuationTypes {
  size_t LParen = 0, RParen = 0, LBracket = 0, RBracket = 0, LBrace = 0,
         RBrace = 0, Minus = 0, Plus = 0, Semicolon = 0, At = 0;
  explicit PunctuationTypes(const antlr4::dfa::Vocabulary &Vocab) {
    for (size_t T = 0; T <= Vocab.getMaxTokenType(); ++T) {
      std::string L = Vocab.getLiteralName(T); // a copy
      size_t *Slot = llvm::StringSwitch<size_t *>(L)
                         .Case("'('", &LParen)
                         .Case("')'", &RParen)
                         .Case("'['", &LBracket)
                         .Case("']'", &RBracket)
                         .Case("'{'", &LBrace)
                         .Case("'}'", &RBrace)
                         .Case("'-'", &Minus)
                         .Case("'+'", &Plus)
                         .Case("';'", &Semicolon)
                         .Case("'@'", &At)
                         .Default(nullptr);
      if (Slot)
        *Slot = T;
    }
  }
};

const PunctuationTypes &punctuation() {
  static const PunctuationTypes P(schemaVocabulary());
  return P;
}

/// Reports lexical errors and nesting that would exhaust the stack; returns
/// false when the tokens must not be parsed.
bool checkTokens(llvm::ArrayRef<LexedToken> Tokens, llvm::StringRef Buffer,
                 DiagnosticEngine &Diags) {
  const PunctuationTypes &P = punctuation();
  auto Loc = [&](uint32_t Offset) {
    return llvm::SMLoc::getFromPointer(Buffer.data() + Offset);
  };
  bool Ok = true;
  unsigned Depth = 0, PrefixRun = 0;
  for (const LexedToken &Tok : Tokens) {
    switch (Tok.Type) {
    case SchemaLexer::UNTERMINATED_STRING:
      Diags.report(DiagID::err_unterminated_string, Loc(Tok.Begin));
      Ok = false;
      continue;
    case SchemaLexer::UNTERMINATED_IDENTIFIER:
      Diags.report(DiagID::err_unterminated_identifier, Loc(Tok.Begin));
      Ok = false;
      continue;
    case SchemaLexer::UNTERMINATED_COMMENT:
      Diags.report(DiagID::err_unterminated_comment, Loc(Tok.Begin));
      Ok = false;
      continue;
    case SchemaLexer::UNKNOWN_CHARACTER: {
      std::string Text = Buffer.slice(Tok.Begin, Tok.End).str();
      if (Text.size() == 1 && !llvm::isPrint(Text[0]))
        Text = "\\x" + llvm::utohexstr(static_cast<unsigned char>(Text[0]),
                                       /*LowerCase=*/true, 2);
      Diags.report(DiagID::err_unknown_character,
                   llvm::SMRange(Loc(Tok.Begin), Loc(Tok.End)), Text);
      Ok = false;
      if (Diags.errorLimitExceeded())
        return false;
      continue;
    }
    default:
      break;
    }
    if (!Ok)
      continue;
    size_t Type = Tok.Type;
    if (Type == P.LParen || Type == P.LBracket || Type == P.LBrace ||
        Type == SchemaLexer::CASE) {
      if (++Depth > MaxNestingDepth) {
        Diags.report(DiagID::err_nesting_too_deep, Loc(Tok.Begin),
                     MaxNestingDepth);
        return false;
      }
    } else if ((Type == P.RParen || Type == P.RBracket || Type == P.RBrace ||
                Type == SchemaLexer::END) &&
               Depth) {
      --Depth;
    }
    if (Type == P.Minus || Type == P.Plus || Type == SchemaLexer::NOT) {
      if (++PrefixRun > MaxNestingDepth) {
        Diags.report(DiagID::err_nesting_too_deep, Loc(Tok.Begin),
                     MaxNestingDepth);
        return false;
      }
    } else {
      PrefixRun = 0;
    }
  }
  return Ok;
}

/// A run of tokens that one grammar rule parses on its own.
struct Chunk {
  size_t Begin, End;  // token indices, End exclusive
  bool Member;        // a schema member (memberChunk), else topLevelChunk
  size_t Schema;      // Member: index into the schema headers
  bool Stray = false; // tokens that start no declaration: one error
};

struct SchemaHeader {
  size_t Keyword, Name, Close; // token indices
  std::vector<size_t> Chunks;  // its members, indices into the chunk list
};

/// Cuts the file into declarations by matching braces. Returns false when
/// the structure is not what the grammar allows at the outermost level;
/// the caller then parses the whole file, which reports what is wrong.
bool splitIntoChunks(llvm::ArrayRef<LexedToken> Tokens,
                     std::vector<Chunk> &Chunks,
                     std::vector<SchemaHeader> &Schemas) {
  const PunctuationTypes &P = punctuation();
  auto StartsDeclaration = [&](size_t Type) {
    return Type == P.At || Type == SchemaLexer::DATABASE ||
           Type == SchemaLexer::EXTENSION || Type == SchemaLexer::NAMING ||
           Type == SchemaLexer::SCHEMA || Type == SchemaLexer::ENUM ||
           Type == SchemaLexer::TABLE;
  };
  size_t I = 0, N = Tokens.size();
  auto Type = [&](size_t At) { return At < N ? Tokens[At].Type : 0u; };
  // Index one past the bracket that closes the one at Open.
  auto SkipBalanced = [&](size_t Open, size_t OpenType,
                          size_t CloseType) -> size_t {
    unsigned Depth = 0;
    for (size_t J = Open; J < N; ++J) {
      if (Tokens[J].Type == OpenType)
        ++Depth;
      else if (Tokens[J].Type == CloseType && --Depth == 0)
        return J + 1;
    }
    return 0;
  };
  // Index of the first token after any annotations; npos when one is
  // not closed.
  constexpr size_t npos = ~size_t(0);
  auto SkipAnnotations = [&](size_t At) -> size_t {
    while (Type(At) == P.At) {
      At += 2; // '@' name
      if (Type(At) == P.LParen) {
        At = SkipBalanced(At, P.LParen, P.RParen);
        if (!At)
          return npos;
      }
    }
    return At;
  };
  // One declaration ending with its braces (enum, table, blocks) or ';'.
  auto DeclEnd = [&](size_t At) -> size_t {
    size_t Start = SkipAnnotations(At);
    if (Start == npos)
      return 0;
    if (Type(Start) == SchemaLexer::EXTENSION) {
      for (size_t J = Start; J < N; ++J)
        if (Tokens[J].Type == P.Semicolon)
          return J + 1;
      return 0;
    }
    for (size_t J = Start; J < N; ++J) {
      if (Tokens[J].Type == P.LBrace)
        return SkipBalanced(J, P.LBrace, P.RBrace);
      if (Tokens[J].Type == P.RBrace || Tokens[J].Type == P.Semicolon)
        return 0;
    }
    return 0;
  };

  while (I < N) {
    if (Type(I) == SchemaLexer::SCHEMA && Type(I + 2) == P.LBrace) {
      SchemaHeader H{I, I + 1, 0, {}};
      size_t J = I + 3;
      while (J < N && Type(J) != P.RBrace) {
        size_t Start = SkipAnnotations(J);
        if (Start == npos || (Type(Start) != SchemaLexer::TABLE &&
                              Type(Start) != SchemaLexer::ENUM))
          return false;
        size_t End = DeclEnd(J);
        if (!End)
          return false;
        H.Chunks.push_back(Chunks.size());
        Chunks.push_back({J, End, true, Schemas.size()});
        J = End;
      }
      if (J >= N)
        return false;
      H.Close = J;
      Schemas.push_back(std::move(H));
      I = J + 1;
      continue;
    }
    if (!StartsDeclaration(Type(I))) {
      // Stray tokens between declarations: one error (in order, with the
      // others), then on to the next declaration, rather than handing ANTLR
      // (say) ten million commas.
      size_t Start = I;
      unsigned Depth = 0;
      for (; I < N; ++I) {
        size_t K = Type(I);
        if (K == P.LBrace)
          ++Depth;
        else if (K == P.RBrace && Depth)
          --Depth;
        else if (Depth == 0 && StartsDeclaration(K))
          break;
      }
      Chunks.push_back({Start, I, false, 0, true});
      continue;
    }
    size_t End = DeclEnd(I);
    if (!End)
      return false;
    Chunks.push_back({I, End, false, 0});
    I = End;
  }
  return true;
}

/// Hands the parser one piece of the file as ANTLR tokens, made as they are
/// asked for. Each token names this source, as ANTLR's error recovery
/// expects when it makes up a missing token.
class ChunkTokenSource : public antlr4::TokenSource {
public:
  ChunkTokenSource(llvm::ArrayRef<LexedToken> Tokens, llvm::StringRef Buffer,
                   size_t EndOffset)
      : Tokens(Tokens), Buffer(Buffer), EndOffset(EndOffset) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    if (Next == Tokens.size()) {
      // The end of this piece: where the parser says "found end of file".
      auto Eof = std::make_unique<antlr4::CommonToken>(
          std::make_pair(this, nullptr), antlr4::Token::EOF,
          antlr4::Token::DEFAULT_CHANNEL, EndOffset, EndOffset - 1);
      Eof->setText("<EOF>");
      Eof->setLine(Tokens.empty() ? 1 : Tokens.back().Line);
      return Eof;
    }
    const LexedToken &T = Tokens[Next++];
    auto Tok = std::make_unique<antlr4::CommonToken>(
        std::make_pair(this, nullptr), T.Type, antlr4::Token::DEFAULT_CHANNEL,
        T.Begin, T.End - 1);
    Tok->setText(Buffer.slice(T.Begin, T.End).str());
    Tok->setLine(T.Line);
    Line = T.Line;
    return Tok;
  }
  size_t getLine() const override { return Line; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream *getInputStream() override { return nullptr; }
  std::string getSourceName() override { return "schema"; }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

private:
  llvm::ArrayRef<LexedToken> Tokens;
  llvm::StringRef Buffer;
  size_t EndOffset;
  size_t Next = 0;
  size_t Line = 1;
};

/// Runs Parse over Tokens[Begin, End) as one ANTLR token stream, SLL first,
/// then LL with error reporting; then Build over the tree it returned, which
/// has no syntax error. Returns an empty result after a syntax error.
/// ANTLR's recovery deletes one unexpected token when the token after it
/// fits. Never an item's terminator: deleting the ';' of `a int default;`
/// reads the next column's name as the default, and the real error on the
/// next line is lost in a misplaced one.
class ItemErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  ItemErrorStrategy(size_t Semicolon, size_t RBrace)
      : Semicolon(Semicolon), RBrace(RBrace) {}

protected:
  antlr4::Token *singleTokenDeletion(antlr4::Parser *P) override {
    size_t T = P->getTokenStream()->LA(1);
    if (T == Semicolon || T == RBrace)
      return nullptr;
    return DefaultErrorStrategy::singleTokenDeletion(P);
  }

private:
  size_t Semicolon, RBrace;
};

/// One ANTLR parser for all the pieces of a file: building a parser per
/// piece costs more than parsing a small table.
class PieceParser {
public:
  PieceParser(llvm::ArrayRef<LexedToken> Tokens, llvm::StringRef Buffer,
              const TokenLocator &Locator, DiagnosticEngine &Diags)
      : Tokens(Tokens), Buffer(Buffer), Locator(Locator), Diags(Diags),
        NoTokens({}, Buffer, 0), NoStream(&NoTokens), Parser(&NoStream),
        Bail(std::make_shared<antlr4::BailErrorStrategy>()),
        Recover(std::make_shared<ItemErrorStrategy>(punctuation().Semicolon,
                                                    punctuation().RBrace)) {
    Parser.removeErrorListeners();
  }
  ~PieceParser() { Parser.setTokenStream(&NoStream); }

  /// Runs Parse over Tokens[Begin, End) as one token stream, SLL first,
  /// then LL with error reporting; then Build over the tree, which has no
  /// syntax error. Returns an empty result after a syntax error.
  template <typename RuleFn, typename BuildFn>
  auto parse(size_t Begin, size_t End, RuleFn Parse, BuildFn Build)
      -> decltype(Build(*Parse(std::declval<SchemaParser &>()))) {
    ChunkTokenSource Source(Tokens.slice(Begin, End - Begin), Buffer,
                            End < Tokens.size() ? Tokens[End].Begin
                                                : Buffer.size());
    antlr4::CommonTokenStream Stream(&Source);
    Parser.setTokenStream(&Stream); // also frees the last piece's tree
    auto *Sim = Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    Sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    Parser.setErrorHandler(Bail);
    try {
      auto *Tree = Parse(Parser);
      return Build(*Tree);
    } catch (antlr4::ParseCancellationException &) {
    }
    // SLL either met a real syntax error or was too weak for this input:
    // LL decides which, and reports what is wrong.
    Stream.seek(0);
    Parser.reset();
    Sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    Parser.setErrorHandler(Recover);
    SyntaxErrorListener Listener(Locator, Diags);
    Parser.addErrorListener(&Listener);
    decltype(Parse(Parser)) Tree = nullptr;
    try {
      Tree = Parse(Parser);
    } catch (antlr4::ParseCancellationException &) {
      Parser.removeErrorListeners();
      return {}; // error limit reached
    }
    Parser.removeErrorListeners();
    // A tree with syntax errors has holes and error nodes: never built.
    if (Parser.getNumberOfSyntaxErrors() != 0)
      return {};
    return Build(*Tree);
  }

private:
  llvm::ArrayRef<LexedToken> Tokens;
  llvm::StringRef Buffer;
  const TokenLocator &Locator;
  DiagnosticEngine &Diags;
  ChunkTokenSource NoTokens;
  antlr4::CommonTokenStream NoStream;
  SchemaParser Parser;
  std::shared_ptr<antlr4::ANTLRErrorStrategy> Bail, Recover;
};

} // namespace

std::unique_ptr<ast::Module> schemac::parseBuffer(unsigned BufferID,
                                                  DiagnosticEngine &Diags) {
  llvm::StringRef Buffer =
      Diags.getSourceMgr().getMemoryBuffer(BufferID)->getBuffer();
  if (!checkEncoding(Buffer, Diags))
    return nullptr;

  std::vector<LexedToken> Tokens = lexBuffer(Buffer);
  if (!checkTokens(Tokens, Buffer, Diags))
    return nullptr;

  TokenLocator Locator(Buffer);
  ASTBuilder Builder(Locator, Diags);
  PieceParser Pieces(Tokens, Buffer, Locator, Diags);
  unsigned ErrorsBefore = Diags.getErrorCount();
  auto Module = std::make_unique<ast::Module>();
  Module->BufferID = BufferID;
  try {
    std::vector<Chunk> Chunks;
    std::vector<SchemaHeader> Schemas;
    if (!splitIntoChunks(Tokens, Chunks, Schemas)) {
      auto Whole = Pieces.parse(
          0, Tokens.size(), [](SchemaParser &P) { return P.schemaFile(); },
          [&](SchemaParser::SchemaFileContext &F) {
            return Builder.buildModule(F);
          });
      if (!Whole || Diags.getErrorCount() != ErrorsBefore)
        return nullptr;
      Whole->BufferID = BufferID;
      return Whole;
    }

    // Members of each schema block, built as their chunks come.
    std::vector<std::vector<ast::DeclPtr>> Members(Schemas.size());
    size_t NextSchema = 0;
    auto FlushSchemasBefore = [&](size_t TokenIndex) {
      while (NextSchema < Schemas.size() &&
             Schemas[NextSchema].Close < TokenIndex) {
        const SchemaHeader &H = Schemas[NextSchema];
        Module->Decls.push_back(Builder.buildSchema(
            Tokens[H.Keyword], Tokens[H.Name], Tokens[H.Close],
            std::move(Members[NextSchema])));
        ++NextSchema;
      }
    };
    for (const Chunk &C : Chunks) {
      FlushSchemasBefore(C.Begin);
      if (C.Stray) {
        const LexedToken &T = Tokens[C.Begin];
        Diags.report(
            DiagID::err_expected_found,
            llvm::SMRange(Locator.locate(T.Begin), Locator.locate(T.End)),
            describeRule(SchemaParser::RuleSchemaFile),
            describeText(Buffer.slice(T.Begin, T.End)));
        continue;
      }
      ast::DeclPtr D;
      if (C.Member)
        D = Pieces.parse(
            C.Begin, C.End, [](SchemaParser &P) { return P.memberChunk(); },
            [&](SchemaParser::MemberChunkContext &M) {
              return Builder.buildSchemaMember(*M.schemaMember());
            });
      else
        D = Pieces.parse(
            C.Begin, C.End, [](SchemaParser &P) { return P.topLevelChunk(); },
            [&](SchemaParser::TopLevelChunkContext &T) {
              return Builder.buildTopLevelItem(*T.topLevelItem());
            });
      if (!D) {
        if (Diags.errorLimitExceeded())
          return nullptr;
        continue;
      }
      if (C.Member)
        Members[C.Schema].push_back(std::move(D));
      else
        Module->Decls.push_back(std::move(D));
    }
    FlushSchemasBefore(Tokens.size());
  } catch (std::exception &E) {
    // The runtime throws on conditions we did not foresee; never crash.
    Diags.report(DiagID::err_unexpected,
                 llvm::SMLoc::getFromPointer(Buffer.data()),
                 std::string("input: ") + E.what());
    return nullptr;
  }
  if (Diags.getErrorCount() != ErrorsBefore)
    return nullptr;
  return Module;
}
