//===- Parser.cpp - Lexing, parsing and syntax errors ----------------------===//
//
// Drives the generated ANTLR lexer and parser. Parsing runs in SLL mode
// first, which is fast and enough for every valid file; only a file with a
// syntax error is parsed again in full LL mode, with error recovery and our
// own error listener, so that one run reports several errors in words a user
// understands.
//===----------------------------------------------------------------------===//

#include "frontend/Parser.h"
#include "frontend/ASTBuilder.h"
#include "frontend/TokenLocator.h"

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "antlr4-runtime.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
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
                 llvm::SMLoc::getFromPointer(
                     Buffer.data() + (Cursor - Begin)));
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
std::string describeToken(antlr4::Token *Tok) {
  if (Tok->getType() == antlr4::Token::EOF)
    return "end of file";
  std::string Text = Tok->getText();
  if (Text.size() > 24)
    Text = Text.substr(0, 21) + "...";
  return "'" + Text + "'";
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
  case SchemaParser::RuleBaseTypeName:
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

    llvm::SMRange Range{Locator.locate(Offending->getStartIndex()),
                        Locator.locate(Offending->getType() ==
                                               antlr4::Token::EOF
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
    } else {
      size_t Rule = SchemaParser::RuleSchemaFile;
      if (Parser->getContext())
        Rule = Parser->getContext()->getRuleIndex();
      Diags.report(DiagID::err_expected_found, Range, describeRule(Rule),
                   Found);
    }
    if (Diags.hitErrorLimit())
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

/// Token types of the bracket tokens, looked up once from the vocabulary
/// (the grammar's implicit literal tokens have generated numbers).
struct BracketTypes {
  llvm::SmallVector<size_t, 3> Open, Close;
  explicit BracketTypes(const antlr4::dfa::Vocabulary &Vocab) {
    for (size_t T = 0; T <= Vocab.getMaxTokenType(); ++T) {
      std::string L = Vocab.getLiteralName(T);
      if (L == "'('" || L == "'['" || L == "'{'")
        Open.push_back(T);
      else if (L == "')'" || L == "']'" || L == "'}'")
        Close.push_back(T);
      else if (L == "'-'")
        Minus = T;
      else if (L == "'+'")
        Plus = T;
    }
  }
  size_t Minus = 0, Plus = 0;
};

/// Reports lexical errors and nesting that would exhaust the stack; returns
/// false when the token stream must not be parsed.
bool checkTokens(antlr4::CommonTokenStream &Tokens, const TokenLocator &Locator,
                 const antlr4::dfa::Vocabulary &Vocab,
                 DiagnosticEngine &Diags) {
  static const BracketTypes Brackets(Vocab);
  bool Ok = true;
  unsigned Depth = 0, PrefixRun = 0;
  for (antlr4::Token *Tok : Tokens.getTokens()) {
    size_t Type = Tok->getType();
    llvm::SMLoc Loc = Locator.locate(Tok->getStartIndex());
    switch (Type) {
    case SchemaLexer::UNTERMINATED_STRING:
      Diags.report(DiagID::err_unterminated_string, Loc);
      Ok = false;
      continue;
    case SchemaLexer::UNTERMINATED_IDENTIFIER:
      Diags.report(DiagID::err_unterminated_identifier, Loc);
      Ok = false;
      continue;
    case SchemaLexer::UNTERMINATED_COMMENT:
      Diags.report(DiagID::err_unterminated_comment, Loc);
      Ok = false;
      continue;
    case SchemaLexer::UNKNOWN_CHARACTER: {
      std::string Text = Tok->getText();
      if (Text.size() == 1 && !llvm::isPrint(Text[0]))
        Text = "\\x" + llvm::utohexstr(static_cast<unsigned char>(Text[0]),
                                       /*LowerCase=*/true, 2);
      Diags.report(DiagID::err_unknown_character,
                   llvm::SMRange(Loc, Locator.locate(Tok->getStopIndex() + 1)),
                   Text);
      Ok = false;
      if (Diags.hitErrorLimit())
        return false;
      continue;
    }
    default:
      break;
    }
    if (!Ok)
      continue;
    if (llvm::is_contained(Brackets.Open, Type)) {
      if (++Depth > MaxNestingDepth) {
        Diags.report(DiagID::err_nesting_too_deep, Loc, MaxNestingDepth);
        return false;
      }
    } else if (llvm::is_contained(Brackets.Close, Type) && Depth) {
      --Depth;
    }
    if (Type == Brackets.Minus || Type == Brackets.Plus ||
        Type == SchemaLexer::NOT) {
      if (++PrefixRun > MaxNestingDepth) {
        Diags.report(DiagID::err_nesting_too_deep, Loc, MaxNestingDepth);
        return false;
      }
    } else {
      PrefixRun = 0;
    }
  }
  return Ok;
}

} // namespace

std::unique_ptr<ast::Module> schemac::parseBuffer(unsigned BufferID,
                                                  DiagnosticEngine &Diags) {
  llvm::StringRef Buffer =
      Diags.getSourceMgr().getMemoryBuffer(BufferID)->getBuffer();
  if (!checkEncoding(Buffer, Diags))
    return nullptr;

  TokenLocator Locator(Buffer);
  try {
    antlr4::ANTLRInputStream Input(Buffer.data(), Buffer.size());
    SchemaLexer Lexer(&Input);
    Lexer.removeErrorListeners();
    antlr4::CommonTokenStream Tokens(&Lexer);
    Tokens.fill();

    SchemaParser Parser(&Tokens);
    if (!checkTokens(Tokens, Locator, Parser.getVocabulary(), Diags))
      return nullptr;

    Parser.removeErrorListeners();
    Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    Parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    SchemaParser::SchemaFileContext *Tree = nullptr;
    try {
      Tree = Parser.schemaFile();
    } catch (antlr4::ParseCancellationException &) {
      // SLL either met a real syntax error or was too weak for this input:
      // LL decides which, and reports what is wrong.
      Tokens.seek(0);
      Parser.reset();
      Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()
          ->setPredictionMode(antlr4::atn::PredictionMode::LL);
      Parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      SyntaxErrorListener Listener(Locator, Diags);
      Parser.addErrorListener(&Listener);
      try {
        Tree = Parser.schemaFile();
      } catch (antlr4::ParseCancellationException &) {
        return nullptr; // error limit reached
      }
      Parser.removeErrorListeners();
      if (Parser.getNumberOfSyntaxErrors() != 0)
        return nullptr;
    }

    unsigned ErrorsBefore = Diags.getErrorCount();
    ASTBuilder Builder(Locator, Diags);
    auto Module = Builder.buildModule(*Tree);
    if (Diags.getErrorCount() != ErrorsBefore)
      return nullptr;
    Module->BufferID = BufferID;
    return Module;
  } catch (std::exception &E) {
    // The runtime throws on conditions we did not foresee; never crash.
    Diags.report(DiagID::err_unexpected,
                 llvm::SMLoc::getFromPointer(Buffer.data()),
                 std::string("input: ") + E.what());
    return nullptr;
  }
}
