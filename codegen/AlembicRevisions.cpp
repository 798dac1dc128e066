//===- AlembicRevisions.cpp - An Alembic versions directory ---------------===//
//
// The reader knows just enough Python to find module-level statements:
// strings (all prefixes, triple quotes), comments, brackets and backslash
// continuations decide where a logical line ends, and a line that starts in
// column 0 is at module level. Everything else is skipped as tokens, so a
// revision file full of op.create_table() calls reads as fast as an empty
// one and nothing in it can make the reader go wrong about the assignments.
//===----------------------------------------------------------------------===//

#include "codegen/AlembicRevisions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <random>

using namespace schemac;
using namespace schemac::alembic;

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

bool alembic::loadRevisionFiles(llvm::StringRef Dir, llvm::SourceMgr &SM,
                                DiagnosticEngine &Diags,
                                std::vector<unsigned> &IDs) {
  if (!llvm::sys::fs::is_directory(Dir)) {
    std::error_code EC =
        llvm::sys::fs::exists(Dir)
            ? std::make_error_code(std::errc::not_a_directory)
            : std::make_error_code(std::errc::no_such_file_or_directory);
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Dir, EC.message());
    return false;
  }
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    // Alembic's _only_source_rev_file: `.py`, but not `__init__*` or an
    // Emacs lock file `.#*`.
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.endswith(".py") && !Name.startswith("__init__") &&
        !Name.startswith(".#") && !llvm::sys::fs::is_directory(It->path()))
      Files.push_back(It->path());
  }
  if (EC) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Dir, EC.message());
    return false;
  }
  llvm::sort(Files);
  bool Ok = true;
  for (const std::string &File : Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), File,
                   Buffer.getError().message());
      Ok = false;
      continue;
    }
    IDs.push_back(SM.AddNewSourceBuffer(std::move(*Buffer), llvm::SMLoc()));
  }
  return Ok;
}

//===----------------------------------------------------------------------===//
// Tokens and logical lines
//===----------------------------------------------------------------------===//

namespace {

struct Token {
  enum Kind { Name, String, Number, Op } K;
  /// The token as written; for a string, prefix and quotes included.
  llvm::StringRef Text;
  /// Brackets open before this token, within its logical line.
  unsigned Depth = 0;

  bool is(llvm::StringRef Op) const { return K == Token::Op && Text == Op; }
  llvm::SMRange range() const {
    return {llvm::SMLoc::getFromPointer(Text.begin()),
            llvm::SMLoc::getFromPointer(Text.end())};
  }
};

/// A statement: the tokens up to the NEWLINE Python's tokenizer would emit.
struct LogicalLine {
  std::vector<Token> Tokens;
  /// Its first token is the first thing on its line: a module-level
  /// statement (anything indented belongs to a block).
  bool AtModuleLevel = false;
};

bool isIdentifierStart(char C) {
  return llvm::isAlpha(C) || C == '_' || static_cast<unsigned char>(C) >= 0x80;
}
bool isIdentifierChar(char C) {
  return isIdentifierStart(C) || llvm::isDigit(C);
}

/// Whether Word, just before a quote, is a string prefix (r, b, u, f and
/// their two-letter combinations, any case).
bool isStringPrefix(llvm::StringRef Word) {
  static const llvm::StringRef Prefixes[] = {"r",  "u",  "b",  "f",
                                             "br", "rb", "fr", "rf"};
  return llvm::is_contained(Prefixes, Word.lower());
}

class Lexer {
public:
  Lexer(llvm::StringRef Text, DiagnosticEngine &Diags)
      : Text(Text), Diags(Diags) {
    // A UTF-8 byte order mark is allowed before the first line.
    if (this->Text.startswith("\xEF\xBB\xBF"))
      Pos = 3;
  }

  /// Whether reading stopped at a problem it reported.
  bool failed() const { return Failed; }

  /// The next logical line; false at the end of the file, or at a problem
  /// after which nothing can be trusted.
  bool next(LogicalLine &Line) {
    Line = LogicalLine();
    std::vector<Token> Open; // Unclosed brackets, for the diagnostic.
    bool Continued = false;  // After a backslash at the end of a line.
    while (!Stopped) {
      if (Pos >= Text.size()) {
        if (!Open.empty()) {
          Diags.report(DiagID::err_alembic_unclosed_bracket,
                       Open.back().range(), Open.back().Text);
          Stopped = Failed = true;
          return false;
        }
        if (!Line.Tokens.empty())
          return true;
        Stopped = true;
        return false;
      }
      char C = Text[Pos];
      if (C == '\n') {
        ++Pos;
        SameLineLevel.reset();
        if (Open.empty() && !Continued && !Line.Tokens.empty())
          return true;
        Continued = false;
        continue;
      }
      // `a = 1; revision = 'x'`: two statements at the level of the first.
      if (C == ';' && Open.empty()) {
        ++Pos;
        if (Line.Tokens.empty())
          continue;
        SameLineLevel = Line.AtModuleLevel;
        return true;
      }
      if (C == ' ' || C == '\t' || C == '\f' || C == '\r') {
        ++Pos;
        continue;
      }
      if (C == '#') {
        while (Pos < Text.size() && Text[Pos] != '\n')
          ++Pos;
        continue;
      }
      if (C == '\\' && (Text.substr(Pos + 1).startswith("\n") ||
                        Text.substr(Pos + 1).startswith("\r\n"))) {
        Continued = true;
        ++Pos;
        continue;
      }
      if (Line.Tokens.empty())
        Line.AtModuleLevel =
            SameLineLevel ? *SameLineLevel
                          : Pos == 0 || Text[Pos - 1] == '\n' ||
                                (Pos == 3 && Text.startswith("\xEF\xBB\xBF"));
      Continued = false;
      size_t Start = Pos;
      unsigned Depth = Open.size();
      if (isIdentifierStart(C)) {
        while (Pos < Text.size() && isIdentifierChar(Text[Pos]))
          ++Pos;
        if (Pos < Text.size() && (Text[Pos] == '\'' || Text[Pos] == '"') &&
            isStringPrefix(Text.slice(Start, Pos))) {
          if (!lexString(Start))
            return false;
          Line.Tokens.push_back({Token::String, Text.slice(Start, Pos), Depth});
          continue;
        }
        Line.Tokens.push_back({Token::Name, Text.slice(Start, Pos), Depth});
        continue;
      }
      if (C == '\'' || C == '"') {
        if (!lexString(Start))
          return false;
        Line.Tokens.push_back({Token::String, Text.slice(Start, Pos), Depth});
        continue;
      }
      if (llvm::isDigit(C) ||
          (C == '.' && Pos + 1 < Text.size() && llvm::isDigit(Text[Pos + 1]))) {
        while (Pos < Text.size() && (llvm::isAlnum(Text[Pos]) ||
                                     Text[Pos] == '_' || Text[Pos] == '.'))
          ++Pos;
        Line.Tokens.push_back({Token::Number, Text.slice(Start, Pos), Depth});
        continue;
      }
      ++Pos;
      if (llvm::StringRef("([{").contains(C)) {
        Line.Tokens.push_back({Token::Op, Text.slice(Start, Pos), Depth});
        Open.push_back(Line.Tokens.back());
        continue;
      }
      if (llvm::StringRef(")]}").contains(C)) {
        // A stray closing bracket is Python's error to report; the reader
        // only needs to know where the line ends.
        if (!Open.empty())
          Open.pop_back();
        Line.Tokens.push_back(
            {Token::Op, Text.slice(Start, Pos), unsigned(Open.size())});
        continue;
      }
      // Operators: only `=` on its own matters, so `==`, `<=`, `+=`, `->`
      // and their kin must come out as one token each.
      if (Pos < Text.size()) {
        char N = Text[Pos];
        if ((N == C && llvm::StringRef("*/<>").contains(C)) ||
            (C == '-' && N == '>'))
          ++Pos;
        if (Pos < Text.size() && Text[Pos] == '=' &&
            llvm::StringRef("=!<>:+-*/%&|^@").contains(C))
          ++Pos;
      }
      Line.Tokens.push_back({Token::Op, Text.slice(Start, Pos), Depth});
    }
    return false;
  }

private:
  /// Moves Pos past the string literal starting (prefix included) at Start.
  bool lexString(size_t Start) {
    char Quote = Text[Pos];
    bool Triple = Text.substr(Pos).startswith(std::string(3, Quote));
    Pos += Triple ? 3 : 1;
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '\\') {
        // An escaped character, or a line continued in the string (CRLF
        // included).
        Pos += Text.substr(Pos + 1).startswith("\r\n") ? 3 : 2;
        continue;
      }
      if (C == '\n' && !Triple)
        break;
      if (C == Quote &&
          (!Triple || Text.substr(Pos).startswith(std::string(3, Quote)))) {
        Pos += Triple ? 3 : 1;
        return true;
      }
      ++Pos;
    }
    Pos = std::min(Pos, Text.size());
    Diags.report(DiagID::err_unterminated_string,
                 llvm::SMLoc::getFromPointer(Text.data() + Start));
    Stopped = Failed = true;
    return false;
  }

  llvm::StringRef Text;
  DiagnosticEngine &Diags;
  size_t Pos = 0;
  /// After a `;`, the level of the statement before it on the same line.
  std::optional<bool> SameLineLevel;
  bool Stopped = false;
  /// Stopped at a problem already reported: what was not read is unknown.
  bool Failed = false;
};

/// The body of a string literal token: prefix and quotes removed.
llvm::StringRef stringBody(llvm::StringRef Token, llvm::StringRef *Prefix) {
  size_t Quote = Token.find_first_of("'\"");
  *Prefix = Token.take_front(Quote);
  llvm::StringRef Body = Token.drop_front(Quote);
  size_t QuoteLen =
      Body.size() >= 6 && (Body.startswith("'''") || Body.startswith("\"\"\""))
          ? 3
          : 1;
  return Body.drop_front(QuoteLen).drop_back(QuoteLen);
}

/// The value of a str literal, or none for bytes and f-strings, whose
/// value is not a plain string known before running.
std::optional<std::string> stringValue(const Token &T) {
  llvm::StringRef Prefix;
  llvm::StringRef Body = stringBody(T.Text, &Prefix);
  std::string Lower = Prefix.lower();
  if (llvm::StringRef(Lower).contains('b') ||
      llvm::StringRef(Lower).contains('f'))
    return std::nullopt;
  if (llvm::StringRef(Lower).contains('r'))
    return Body.str();
  std::string Value;
  for (size_t I = 0; I < Body.size(); ++I) {
    char C = Body[I];
    if (C != '\\' || I + 1 == Body.size()) {
      Value += C;
      continue;
    }
    char E = Body[++I];
    switch (E) {
    case '\r': // A line continued in the string: the line end is dropped.
      if (I + 1 < Body.size() && Body[I + 1] == '\n')
        ++I;
      break;
    case '\n':
      break;
    case 'n':
      Value += '\n';
      break;
    case 't':
      Value += '\t';
      break;
    case '\\':
    case '\'':
    case '"':
      Value += E;
      break;
    default:
      // Revision ids are words; a rarer escape is kept as written.
      Value += '\\';
      Value += E;
    }
  }
  return Value;
}

/// A literal value: one string (implicit concatenation allowed), None, or a
/// tuple or list of strings, possibly in parentheses.
struct LiteralValue {
  bool Readable = false;
  bool IsNone = false;
  bool IsSequence = false;
  std::vector<Located> Strings;
};

/// Reads one item: adjacent string tokens, or None.
bool readItem(llvm::ArrayRef<Token> Tokens, LiteralValue &Out) {
  if (Tokens.size() == 1 && Tokens[0].K == Token::Name &&
      Tokens[0].Text == "None") {
    Out.IsNone = true;
    return true;
  }
  if (Tokens.empty() || !llvm::all_of(Tokens, [](const Token &T) {
        return T.K == Token::String;
      }))
    return false;
  std::string Value;
  for (const Token &T : Tokens) {
    std::optional<std::string> Part = stringValue(T);
    if (!Part)
      return false;
    Value += *Part;
  }
  Out.Strings.push_back(
      {Value, {Tokens.front().range().Start, Tokens.back().range().End}});
  return true;
}

LiteralValue readValue(llvm::ArrayRef<Token> Tokens) {
  LiteralValue V;
  if (Tokens.empty())
    return V;
  unsigned Base = Tokens.front().Depth;
  // A value wholly in brackets: a tuple or list, or just parentheses.
  bool Bracketed = false;
  if ((Tokens.front().is("(") || Tokens.front().is("[")) &&
      Tokens.back().is(Tokens.front().is("(") ? ")" : "]") &&
      Tokens.back().Depth == Base &&
      llvm::all_of(Tokens.drop_front().drop_back(),
                   [&](const Token &T) { return T.Depth > Base; })) {
    Bracketed = true;
    V.IsSequence = Tokens.front().is("[");
    Tokens = Tokens.drop_front().drop_back();
    ++Base;
  }
  // Items split at the commas of this level.
  std::vector<llvm::ArrayRef<Token>> Items;
  size_t ItemStart = 0;
  for (size_t I = 0; I <= Tokens.size(); ++I) {
    if (I < Tokens.size() && !(Tokens[I].is(",") && Tokens[I].Depth == Base))
      continue;
    Items.push_back(Tokens.slice(ItemStart, I - ItemStart));
    if (I < Tokens.size())
      V.IsSequence = true;
    ItemStart = I + 1;
  }
  // `('a', 'b',)`: the trailing comma leaves an empty last item.
  if (Items.size() > 1 && Items.back().empty())
    Items.pop_back();
  if (Bracketed && Items.size() == 1 && Items[0].empty()) {
    V.Readable = true; // `()` or `[]`: no strings.
    V.IsSequence = true;
    return V;
  }
  for (llvm::ArrayRef<Token> Item : Items) {
    LiteralValue One;
    if (!readItem(Item, One))
      return V;
    // None counts only as the whole value, not inside a tuple.
    if (One.IsNone && (V.IsSequence || Items.size() > 1))
      return V;
    V.IsNone |= One.IsNone;
    llvm::append_range(V.Strings, One.Strings);
  }
  V.Readable = true;
  return V;
}

llvm::SMRange rangeOf(llvm::ArrayRef<Token> Tokens) {
  if (Tokens.empty())
    return {};
  return {Tokens.front().range().Start, Tokens.back().range().End};
}

/// Finds `Revision ID: x` and `Revises: a, b` in the docstring's lines.
/// Alembic's template writes them after the message, which may hold such a
/// line itself (`migrate new "Revises: x"`): the last of each kind counts.
void readDocstring(const Token &Doc, RevisionFile &File) {
  llvm::StringRef Prefix;
  llvm::StringRef Body = stringBody(Doc.Text, &Prefix);
  auto At = [](llvm::StringRef Word) -> llvm::SMRange {
    return {llvm::SMLoc::getFromPointer(Word.begin()),
            llvm::SMLoc::getFromPointer(Word.end())};
  };
  while (!Body.empty()) {
    auto [Line, Rest] = Body.split('\n');
    Body = Rest;
    Line = Line.rtrim("\r \t");
    llvm::StringRef Text = Line.ltrim(" \t");
    if (Text.consume_front("Revision ID:")) {
      llvm::StringRef Word = Text.ltrim(" \t");
      Word = Word.take_until([](char C) { return C == ' ' || C == '\t'; });
      if (!Word.empty())
        File.DocRevisionID = Located{Word.str(), At(Word)};
    } else if (Text.consume_front("Revises:")) {
      std::vector<Located> Parents;
      llvm::StringRef List = Text;
      File.DocRevisesRange = At(Line.take_back(Text.size() + 8));
      while (!List.empty()) {
        List = List.ltrim(" \t,");
        llvm::StringRef Word = List.take_until(
            [](char C) { return C == ' ' || C == '\t' || C == ','; });
        if (Word.empty())
          break;
        Parents.push_back({Word.str(), At(Word)});
        List = List.drop_front(Word.size());
      }
      if (!Parents.empty())
        File.DocRevisesRange = {Parents.front().Range.Start,
                                Parents.back().Range.End};
      File.DocRevises = std::move(Parents);
    }
  }
}

/// The names Alembic reads; other assignments are none of our business.
enum class Field { Revision, DownRevision, Other };

Field fieldOf(llvm::StringRef Name) {
  if (Name == "revision")
    return Field::Revision;
  if (Name == "down_revision")
    return Field::DownRevision;
  return Field::Other;
}

} // namespace

RevisionFile alembic::readRevisionFile(unsigned BufferID,
                                       DiagnosticEngine &Diags) {
  const llvm::SourceMgr &SM = Diags.getSourceMgr();
  const llvm::MemoryBuffer *Buffer = SM.getMemoryBuffer(BufferID);
  RevisionFile File;
  File.BufferID = BufferID;
  File.FileName =
      llvm::sys::path::filename(Buffer->getBufferIdentifier()).str();

  Lexer Lex(Buffer->getBuffer(), Diags);
  LogicalLine Line;
  bool First = true;
  // Where each field was last assigned, for a second assignment's note.
  std::optional<llvm::SMRange> RevisionTarget, DownRevisionTarget;
  bool RevisionAssigned = false;
  while (Lex.next(Line)) {
    bool IsFirst = First;
    First = false;
    llvm::ArrayRef<Token> Tokens = Line.Tokens;
    // The docstring is the module's first statement when it is a string.
    if (IsFirst && llvm::all_of(Tokens, [](const Token &T) {
          return T.K == Token::String;
        })) {
      readDocstring(Tokens.front(), File);
      continue;
    }
    if (!Line.AtModuleLevel || Tokens.size() < 3 || Tokens[0].K != Token::Name)
      continue;
    // `name = value`, `name: annotation = value`, `a = b = value`: the
    // value follows the last `=` outside brackets.
    size_t LastEq = 0;
    for (size_t I = 0; I < Tokens.size(); ++I)
      if (Tokens[I].is("=") && Tokens[I].Depth == 0)
        LastEq = I;
    if (LastEq == 0)
      continue;
    llvm::ArrayRef<Token> Value = Tokens.drop_front(LastEq + 1);
    // Every target: the first name (annotated or not), then each name
    // between two `=`.
    std::vector<const Token *> Targets{&Tokens[0]};
    for (size_t I = 1; I + 1 < LastEq; ++I)
      if (Tokens[I].is("=") && Tokens[I].Depth == 0 &&
          Tokens[I + 1].K == Token::Name && Tokens[I + 2].is("="))
        Targets.push_back(&Tokens[I + 1]);
    if (!Tokens[1].is("=") && !Tokens[1].is(":"))
      continue; // `a.b = ...`, `a[0] = ...`, `a, b = ...`

    for (const Token *Target : Targets) {
      Field F = fieldOf(Target->Text);
      if (F == Field::Other)
        continue;
      std::optional<llvm::SMRange> &Previous =
          F == Field::Revision ? RevisionTarget : DownRevisionTarget;
      if (Previous)
        Diags
            .report(DiagID::warn_alembic_reassigned, Target->range(),
                    Target->Text)
            .note(DiagID::note_alembic_assigned_here, *Previous, Target->Text);
      Previous = Target->range();

      LiteralValue V = readValue(Value);
      if (F == Field::Revision) {
        RevisionAssigned = true;
        File.Revision.reset();
        if (!V.Readable || V.IsNone || V.IsSequence || V.Strings.size() != 1) {
          Diags.report(DiagID::err_alembic_not_literal, rangeOf(Value),
                       "revision", "a string literal");
          continue;
        }
        File.Revision = V.Strings.front();
        continue;
      }
      File.HasDownRevision = false;
      File.DownRevisions.clear();
      File.DownRevisionRange = rangeOf(Value);
      if (!V.Readable) {
        Diags.report(DiagID::err_alembic_not_literal, rangeOf(Value),
                     "down_revision",
                     "a string literal, None, or a tuple of string literals");
        continue;
      }
      File.HasDownRevision = true;
      File.DownRevisions = std::move(V.Strings);
    }
  }

  // Past a lexical error the rest of the file is unknown, so what seems
  // missing may only be unread.
  if (Lex.failed())
    return File;
  if (!RevisionAssigned) {
    // Alembic's pre-0.2 layout: no variable, the revision is the name.
    llvm::StringRef Stem = File.FileName;
    llvm::SMLoc Start = llvm::SMLoc::getFromPointer(Buffer->getBufferStart());
    if (Stem.consume_back(".py") && !Stem.empty() &&
        llvm::all_of(Stem, [](char C) {
          return llvm::isDigit(C) || (C >= 'a' && C <= 'f');
        })) {
      File.Revision = Located{Stem.str(), {Start, Start}};
      File.RevisionFromFileName = true;
    } else {
      Diags.report(DiagID::err_alembic_no_revision, Start, File.FileName);
    }
  }
  if (File.Revision && !DownRevisionTarget)
    Diags.report(DiagID::err_alembic_no_down_revision, File.Revision->Range,
                 File.Revision->Value);
  return File;
}

//===----------------------------------------------------------------------===//
// Verifying the chain
//===----------------------------------------------------------------------===//

namespace {

bool isHexRevision(llvm::StringRef S) {
  return S.size() == 12 && llvm::all_of(S, [](char C) {
           return llvm::isDigit(C) || (C >= 'a' && C <= 'f');
         });
}

/// The file's name without `.py`.
llvm::StringRef stem(const RevisionFile &F) {
  llvm::StringRef Name = F.FileName;
  Name.consume_back(".py");
  return Name;
}

/// Whether the file is named `<rev>_<slug>.py` or `<rev>.py`.
bool namedAfter(const RevisionFile &F, llvm::StringRef Revision) {
  llvm::StringRef Stem = stem(F);
  return Stem == Revision || (Stem.startswith(Revision) &&
                              Stem.drop_front(Revision.size()).startswith("_"));
}

std::string quotedList(llvm::ArrayRef<std::string> Names) {
  std::string Out;
  for (const std::string &N : Names)
    Out += (Out.empty() ? "'" : ", '") + N + "'";
  return Out.empty() ? "None" : Out;
}

} // namespace

RevisionGraph alembic::verifyRevisions(llvm::ArrayRef<RevisionFile> Files,
                                       DiagnosticEngine &Diags) {
  RevisionGraph Graph;
  // Revision -> the first file (in name order) that declares it.
  llvm::StringMap<size_t> Declared;
  for (size_t I = 0; I < Files.size(); ++I) {
    const RevisionFile &F = Files[I];
    if (!F.Revision)
      continue;
    auto [It, Inserted] = Declared.try_emplace(F.Revision->Value, I);
    if (!Inserted)
      Diags
          .report(DiagID::err_alembic_duplicate_revision, F.Revision->Range,
                  F.Revision->Value)
          .note(DiagID::note_alembic_first_declared,
                Files[It->second].Revision->Range, F.Revision->Value);
  }
  Graph.NumRevisions = Declared.size();

  // A file name's prefix is held to the revision only where it is one:
  // some file's revision, an id as Alembic makes them, or, in a directory
  // whose files are named `<rev>_<slug>.py`, a word with a digit in it
  // (`0003` of custom ids). A name from another file_template (a date
  // first) or given by hand (`add_users.py`) is left alone.
  bool NamedByRevision = llvm::any_of(Files, [](const RevisionFile &F) {
    return F.Revision && !F.RevisionFromFileName &&
           namedAfter(F, F.Revision->Value);
  });
  auto LooksLikeId = [](llvm::StringRef Word) {
    return llvm::all_of(Word, llvm::isAlnum) &&
           llvm::any_of(Word, llvm::isDigit);
  };
  for (const RevisionFile &F : Files) {
    if (!F.Revision || F.RevisionFromFileName ||
        namedAfter(F, F.Revision->Value))
      continue;
    llvm::StringRef Prefix = stem(F).split('_').first;
    if (!Prefix.empty() && (Declared.count(Prefix) || isHexRevision(Prefix) ||
                            (NamedByRevision && LooksLikeId(Prefix))))
      Diags.report(DiagID::err_alembic_file_name, F.Revision->Range, F.FileName,
                   Prefix, F.Revision->Value);
  }

  // The docstring is what people read in review; Alembic reads only the
  // variables, so a docstring left behind by a copied file misleads.
  for (const RevisionFile &F : Files) {
    if (F.Revision && !F.RevisionFromFileName && F.DocRevisionID &&
        F.DocRevisionID->Value != F.Revision->Value)
      Diags
          .report(DiagID::err_alembic_doc_revision_id, F.DocRevisionID->Range,
                  F.DocRevisionID->Value, F.Revision->Value)
          .note(DiagID::note_alembic_assigned_here, F.Revision->Range,
                "revision");
    if (!F.HasDownRevision || !F.DocRevises)
      continue;
    std::vector<std::string> Doc, Code;
    for (const Located &L : *F.DocRevises)
      Doc.push_back(L.Value);
    for (const Located &L : F.DownRevisions)
      Code.push_back(L.Value);
    std::vector<std::string> DocSorted = Doc, CodeSorted = Code;
    llvm::sort(DocSorted);
    llvm::sort(CodeSorted);
    if (DocSorted != CodeSorted)
      Diags
          .report(DiagID::warn_alembic_doc_revises, F.DocRevisesRange,
                  llvm::join(Doc, ", "), quotedList(Code))
          .note(DiagID::note_alembic_assigned_here, F.DownRevisionRange,
                "down_revision");
  }

  // Parents that exist; a missing one is reported once, where it is named.
  bool Broken = false;
  llvm::StringSet<> Parents;
  for (const RevisionFile &F : Files)
    for (const Located &P : F.DownRevisions) {
      Parents.insert(P.Value);
      if (Declared.count(P.Value))
        continue;
      Broken = true;
      auto D =
          Diags.report(DiagID::err_alembic_missing_parent, P.Range, P.Value);
      // A typo'd or truncated id: the one declared revision close to it.
      const RevisionFile *Best = nullptr;
      unsigned BestDistance = 3;
      bool Tie = false;
      for (const RevisionFile &G : Files) {
        if (!G.Revision)
          continue;
        llvm::StringRef Candidate = G.Revision->Value;
        unsigned Distance = Candidate.startswith(P.Value) && P.Value.size() >= 4
                                ? 0
                                : llvm::StringRef(P.Value).edit_distance(
                                      Candidate, true, BestDistance);
        if (Distance < BestDistance) {
          Best = &G;
          BestDistance = Distance;
          Tie = false;
        } else if (Distance == BestDistance && Best &&
                   Best->Revision->Value != Candidate) {
          Tie = true;
        }
      }
      if (Best && !Tie)
        D.note(DiagID::note_did_you_mean, Best->Revision->Range,
               Best->Revision->Value);
    }

  // Cycles: a depth-first walk from each revision along its parents; an
  // edge back into the walk's own path closes a cycle.
  enum class State { New, OnPath, Done };
  std::vector<State> Visit(Files.size(), State::New);
  for (size_t Root = 0; Root < Files.size(); ++Root) {
    if (!Files[Root].Revision || Visit[Root] != State::New ||
        Declared.lookup(Files[Root].Revision->Value) != Root)
      continue;
    // (file, next parent to follow) for each file on the path.
    std::vector<std::pair<size_t, size_t>> Path{{Root, 0}};
    Visit[Root] = State::OnPath;
    while (!Path.empty()) {
      auto &[Node, NextParent] = Path.back();
      if (NextParent == Files[Node].DownRevisions.size()) {
        Visit[Node] = State::Done;
        Path.pop_back();
        continue;
      }
      const Located &Edge = Files[Node].DownRevisions[NextParent++];
      auto Parent = Declared.find(Edge.Value);
      if (Parent == Declared.end())
        continue;
      size_t To = Parent->second;
      if (Visit[To] == State::New) {
        Visit[To] = State::OnPath;
        Path.push_back({To, 0});
        continue;
      }
      if (Visit[To] != State::OnPath)
        continue;
      // The cycle: from To along the path to Node, then back to To. Each
      // member's edge is the parent it was left by (NextParent - 1).
      Broken = true;
      std::vector<std::pair<size_t, const Located *>> Cycle;
      bool In = false;
      for (auto &[N, Next] : Path) {
        In |= N == To;
        if (In)
          Cycle.push_back({N, &Files[N].DownRevisions[Next - 1]});
      }
      // Reported from the member that sorts first, so the message does not
      // depend on where the walk started.
      auto First = std::min_element(
          Cycle.begin(), Cycle.end(),
          [](const auto &A, const auto &B) { return A.first < B.first; });
      std::rotate(Cycle.begin(), First, Cycle.end());
      // "'a' revises 'b', which revises 'c', which revises 'a'".
      std::string Text;
      for (size_t I = 0; I < Cycle.size(); ++I)
        Text += I == 0 ? fmt::format("'{}' revises '{}'",
                                     Files[Cycle[0].first].Revision->Value,
                                     Cycle[0].second->Value)
                       : fmt::format(", which revises '{}'",
                                     Cycle[I].second->Value);
      auto D = Diags.report(DiagID::err_alembic_cycle, Cycle[0].second->Range,
                            Files[Cycle[0].first].Revision->Value, Text);
      for (size_t I = 1; I < Cycle.size(); ++I)
        D.note(DiagID::note_alembic_revises, Cycle[I].second->Range,
               Files[Cycle[I].first].Revision->Value, Cycle[I].second->Value);
    }
  }

  for (const RevisionFile &F : Files)
    if (F.Revision &&
        Declared.lookup(F.Revision->Value) == size_t(&F - Files.data()) &&
        !Parents.count(F.Revision->Value))
      Graph.Heads.push_back(F.Revision->Value);
  // With a parent missing or a cycle the heads are not what they will be
  // once that is fixed; say only what is certainly wrong.
  if (Graph.Heads.size() > 1 && !Broken) {
    auto Range = [&](llvm::StringRef Head) {
      return Files[Declared.lookup(Head)].Revision->Range;
    };
    auto D = Diags.report(DiagID::err_alembic_multiple_heads,
                          Range(Graph.Heads.front()), Graph.Heads.size(),
                          quotedList(Graph.Heads));
    for (const std::string &Head : llvm::drop_begin(Graph.Heads))
      D.note(DiagID::note_alembic_other_head, Range(Head), Head);
  }
  return Graph;
}

//===----------------------------------------------------------------------===//
// Writing a revision
//===----------------------------------------------------------------------===//

std::string alembic::slugify(llvm::StringRef Message) {
  // Python's `\w+` words, lower-cased; non-ASCII bytes count as letters.
  auto IsWord = [](char C) {
    return llvm::isAlnum(C) || C == '_' ||
           static_cast<unsigned char>(C) >= 0x80;
  };
  std::string Slug;
  for (size_t I = 0; I < Message.size();) {
    if (!IsWord(Message[I])) {
      ++I;
      continue;
    }
    if (!Slug.empty())
      Slug += '_';
    for (; I < Message.size() && IsWord(Message[I]); ++I)
      Slug += llvm::toLower(Message[I]);
  }
  // Cut at 40 characters (not bytes), then back to the last '_'.
  size_t Chars = 0, Cut = 0;
  for (; Cut < Slug.size(); ++Cut)
    if ((static_cast<unsigned char>(Slug[Cut]) & 0xC0) != 0x80 && ++Chars > 40)
      break;
  if (Cut < Slug.size())
    Slug = llvm::StringRef(Slug).take_front(Cut).rsplit('_').first.str() + "_";
  return Slug;
}

std::string alembic::revisionFileName(const NewRevision &Rev) {
  return Rev.Revision + "_" + slugify(Rev.Message) + ".py";
}

std::string alembic::generateRevisionId() {
  std::random_device Random;
  uint64_t Bits = (uint64_t(Random()) << 32 | Random()) & 0xFFFFFFFFFFFFULL;
  return fmt::format("{:012x}", Bits);
}

std::string alembic::currentCreateDate() {
  auto Now = std::chrono::system_clock::now();
  std::time_t Seconds = std::chrono::system_clock::to_time_t(Now);
  auto Micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    Now.time_since_epoch())
                    .count() %
                1000000;
  std::tm Local{};
  localtime_r(&Seconds, &Local);
  char Buffer[32];
  std::strftime(Buffer, sizeof(Buffer), "%Y-%m-%d %H:%M:%S", &Local);
  return fmt::format("{}.{:06}", Buffer, Micros);
}

std::string alembic::escapeForTextClause(llvm::StringRef SQL) {
  // SQLAlchemy's text() takes `:name` for a bind parameter where the colon
  // follows none of `:`, a word character, `$` or `\`, and the name is not
  // followed by `:` (compiler.BIND_PARAMS); afterwards it removes the `\`
  // of `\:name` (BIND_PARAMS_ESC, name possibly empty, not followed by `:`).
  // So such a colon gets a backslash, and so does a colon already after a
  // backslash that the second rule would otherwise eat. Non-ASCII bytes
  // count as word characters, as letters do for Python's `\w`.
  auto IsWord = [](char C) {
    return llvm::isAlnum(C) || C == '_' || C == '$' ||
           static_cast<unsigned char>(C) >= 0x80;
  };
  std::string Out;
  Out.reserve(SQL.size());
  for (size_t I = 0; I < SQL.size(); ++I) {
    char C = SQL[I];
    if (C == ':') {
      size_t End = I + 1;
      while (End < SQL.size() && IsWord(SQL[End]))
        ++End;
      bool NameEnds = End == SQL.size() || SQL[End] != ':';
      char Before = I == 0 ? ' ' : SQL[I - 1];
      if (NameEnds &&
          (Before == '\\' || (End > I + 1 && Before != ':' && !IsWord(Before))))
        Out += '\\';
    }
    Out += C;
  }
  return Out;
}

std::string alembic::pythonStringLiteral(llvm::StringRef Text) {
  std::string Out = "\"\"\"";
  for (size_t I = 0; I < Text.size(); ++I) {
    unsigned char C = Text[I];
    if (C == '\\') {
      Out += "\\\\";
    } else if (C == '"') {
      // No two unescaped quotes in a row, and none last: `"""` cannot end
      // the literal early.
      bool Risky = I + 1 == Text.size() || Text[I + 1] == '"';
      Out += Risky ? "\\\"" : "\"";
    } else if (C == '\r') {
      Out += "\\r"; // Python reads a raw CR in source as a line end.
    } else if ((C < 0x20 && C != '\n' && C != '\t') || C == 0x7F) {
      Out += fmt::format("\\x{:02x}", C);
    } else {
      Out += char(C);
    }
  }
  return Out + "\"\"\"";
}

namespace {

/// A short string as Python's repr() writes it, in single quotes.
std::string pythonRepr(llvm::StringRef Text) {
  std::string Out = "'";
  for (char C : Text) {
    if (C == '\\' || C == '\'')
      Out += '\\';
    Out += C;
  }
  return Out + "'";
}

/// One Python function body from a plan.
void writeBody(const MigrationPlan &Plan, llvm::raw_ostream &OS) {
  if (Plan.Steps.empty()) {
    OS << "    pass\n";
    return;
  }
  bool InAutocommit = false;
  for (const MigrationStep &S : Plan.Steps) {
    // Steps that cannot run in a transaction (an enum label used by later
    // steps must be committed first) go through Alembic's autocommit
    // block; consecutive ones share it.
    if (S.NoTransaction != InAutocommit) {
      if (S.NoTransaction)
        OS << "    with op.get_context().autocommit_block():\n";
      InAutocommit = S.NoTransaction;
    }
    std::string Indent = InAutocommit ? "        " : "    ";
    if (!S.Summary.empty()) {
      std::string Summary =
          llvm::StringRef(S.Summary).startswith(S.Subject) || S.Subject.empty()
              ? S.Summary
              : S.Subject + ": " + S.Summary;
      // Python ends a line, and so the comment, at a CR as well as an LF.
      std::replace(Summary.begin(), Summary.end(), '\n', ' ');
      std::replace(Summary.begin(), Summary.end(), '\r', ' ');
      OS << Indent << "# " << (S.Destructive ? "destructive: " : "") << Summary
         << "\n";
    }
    // Without the final ';': Alembic's --sql output adds its own.
    for (const std::string &SQL : S.SQL) {
      llvm::StringRef Statement = llvm::StringRef(SQL).rtrim();
      Statement.consume_back(";");
      OS << Indent << "op.execute("
         << pythonStringLiteral(escapeForTextClause(Statement)) << ")\n";
    }
  }
}

bool needsTextClauseEscape(const MigrationPlan &Plan) {
  return llvm::any_of(Plan.Steps, [](const MigrationStep &S) {
    return llvm::any_of(S.SQL, [](const std::string &SQL) {
      return escapeForTextClause(SQL) != SQL;
    });
  });
}

} // namespace

void alembic::writeRevisionFile(const NewRevision &Rev,
                                const MigrationPlan &Upgrade,
                                const MigrationPlan &Downgrade,
                                llvm::raw_ostream &OS) {
  // The docstring's first line is the message; one line of it, since the
  // `Revision ID:` lines below must stay the only ones of their kind.
  std::string Message = Rev.Message;
  std::replace(Message.begin(), Message.end(), '\n', ' ');
  OS << pythonStringLiteral(fmt::format(
            "{}\n\nRevision ID: {}\nRevises:{}\nCreate Date: {}\n\n", Message,
            Rev.Revision, Rev.DownRevision ? " " + *Rev.DownRevision : "",
            Rev.CreateDate))
     << "\n";
  OS << "from alembic import op\n\n";
  OS << "# revision identifiers, used by Alembic.\n";
  OS << "revision = " << pythonRepr(Rev.Revision) << "\n";
  OS << "down_revision = "
     << (Rev.DownRevision ? pythonRepr(*Rev.DownRevision) : "None") << "\n";
  OS << "branch_labels = None\n";
  OS << "depends_on = None\n\n\n";
  if (needsTextClauseEscape(Upgrade) || needsTextClauseEscape(Downgrade))
    OS << "# op.execute() reads its SQL as SQLAlchemy's text(): a backslash "
          "before\n# ':' keeps it from taking ':name' for a bind parameter.\n";
  OS << "def upgrade() -> None:\n";
  writeBody(Upgrade, OS);
  OS << "\n\ndef downgrade() -> None:\n";
  writeBody(Downgrade, OS);
}
