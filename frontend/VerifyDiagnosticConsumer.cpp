//===- VerifyDiagnosticConsumer.cpp - The -verify mode --------------------===//
//
// Diagnostics are only recorded as they come; the directives are read and
// compared in finish(), once every buffer the run will load is in the
// SourceMgr.
//===----------------------------------------------------------------------===//

#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <utility>

using namespace llvm;
using namespace schemac;

namespace {

struct Directive {
  Severity Level;
  unsigned BufferID;
  unsigned DirectiveLine;
  /// The line the diagnostic is expected on; 0 for diagnostics without a
  /// location ("@0").
  unsigned TargetLine;
  unsigned Count;
  std::string Text;
};

struct DirectiveScan {
  std::vector<Directive> Directives;
  /// Where the first "expected-no-diagnostics" stands; BufferID 0 if nowhere.
  unsigned NoDiagnosticsBufferID = 0;
  unsigned NoDiagnosticsLine = 0;
  unsigned NoDiagnosticsColumn = 0;
  /// Malformed directives, already reported.
  unsigned NumErrors = 0;
};

} // namespace

static constexpr StringLiteral DirectivePrefix = "expected-";

static bool isWordChar(char C) { return isAlnum(C) || C == '_' || C == '-'; }

/// Consumes \p Word from the front of \p S if it is a whole word there, so
/// that "expected-errors" or Clang's "expected-error-re" are not read as
/// "expected-error".
static bool consumeWord(StringRef &S, StringRef Word) {
  if (!S.startswith(Word))
    return false;
  if (S.size() > Word.size() && isWordChar(S[Word.size()]))
    return false;
  S = S.drop_front(Word.size());
  return true;
}

/// Finds the directives in buffer \p BufferID, reporting malformed ones on
/// \p OS.
static void scanBuffer(const SourceMgr &SM, unsigned BufferID, raw_ostream &OS,
                       DirectiveScan &Scan) {
  const MemoryBuffer *Buffer = SM.getMemoryBuffer(BufferID);
  StringRef FileName = Buffer->getBufferIdentifier();
  StringRef Text = Buffer->getBuffer();

  // Counted only if a directive names a line by number: it is a pass over
  // the whole buffer.
  unsigned NumLines = 0;
  auto GetNumLines = [&] {
    if (!NumLines)
      NumLines = Text.count('\n') + 1;
    return NumLines;
  };

  // Rather than splitting the buffer into lines, jump from one "expected-" to
  // the next and count the newlines passed on the way.
  unsigned LineNo = 1;
  size_t LineStart = 0;
  size_t Counted = 0;
  for (size_t Pos = Text.find(DirectivePrefix); Pos != StringRef::npos;
       Pos = Text.find(DirectivePrefix, Pos)) {
    StringRef Passed = Text.slice(Counted, Pos);
    LineNo += Passed.count('\n');
    size_t LastNewline = Passed.rfind('\n');
    if (LastNewline != StringRef::npos)
      LineStart = Counted + LastNewline + 1;
    Counted = Pos;

    unsigned Column = Pos - LineStart + 1;
    auto Error = [&](const Twine &Message) {
      OS << FileName << ':' << LineNo << ':' << Column << ": error: " << Message
         << '\n';
      ++Scan.NumErrors;
    };

    // "unexpected-error" is a word, not a directive; "--expected-error" in a
    // comment is a directive.
    bool StartsWord =
        Pos == 0 || !(isAlnum(Text[Pos - 1]) || Text[Pos - 1] == '_');
    Pos += DirectivePrefix.size();
    if (!StartsWord)
      continue;

    // A directive and its "{{text}}" stand on one line.
    StringRef Rest = Text.slice(Pos, Text.find('\n', Pos));

    if (consumeWord(Rest, "no-diagnostics")) {
      if (!Scan.NoDiagnosticsBufferID) {
        Scan.NoDiagnosticsBufferID = BufferID;
        Scan.NoDiagnosticsLine = LineNo;
        Scan.NoDiagnosticsColumn = Column;
      }
      continue;
    }

    Severity Level;
    if (consumeWord(Rest, "error"))
      Level = Severity::Error;
    else if (consumeWord(Rest, "warning"))
      Level = Severity::Warning;
    else if (consumeWord(Rest, "note"))
      Level = Severity::Note;
    else
      continue;

    unsigned TargetLine = LineNo;
    if (Rest.consume_front("@")) {
      bool Plus = Rest.consume_front("+");
      bool Minus = !Plus && Rest.consume_front("-");
      unsigned N;
      if (Rest.consumeInteger(10, N)) {
        Error("expected a line number after '@' in expected directive");
        continue;
      }
      if (Plus) {
        if (N >= GetNumLines() || LineNo + N > GetNumLines()) {
          Error("line offset '@+" + Twine(N) +
                "' in expected directive points past the end of the file");
          continue;
        }
        TargetLine = LineNo + N;
      } else if (Minus) {
        if (N >= LineNo) {
          Error("line offset '@-" + Twine(N) +
                "' in expected directive points before the first line");
          continue;
        }
        TargetLine = LineNo - N;
      } else {
        if (N > GetNumLines()) {
          Error("line '@" + Twine(N) +
                "' in expected directive is past the end of the file");
          continue;
        }
        TargetLine = N;
      }
    }

    Rest = Rest.ltrim(" \t");
    unsigned Count = 1;
    if (!Rest.empty() && isDigit(Rest.front())) {
      if (Rest.consumeInteger(10, Count) || Count == 0) {
        Error("invalid count in expected directive; it must be at least 1");
        continue;
      }
      Rest = Rest.ltrim(" \t");
    }

    if (!Rest.consume_front("{{")) {
      Error("cannot find start ('{{') of expected string");
      continue;
    }
    size_t Close = Rest.find("}}");
    if (Close == StringRef::npos) {
      Error("cannot find end ('}}') of expected string");
      continue;
    }
    Scan.Directives.push_back({Level, BufferID, LineNo, TargetLine, Count,
                               Rest.take_front(Close).trim(" \t").str()});
    // Go on after the "}}", so text quoting "expected-" is not reread.
    Pos = Rest.data() + Close + 2 - Text.data();
  }
}

VerifyDiagnosticConsumer::VerifyDiagnosticConsumer(const SourceMgr &SM,
                                                   raw_ostream &OS)
    : SM(SM), OS(OS) {}

void VerifyDiagnosticConsumer::handle(const Diagnostic &D) {
  record(D.Level, D.Range, D.Message, D.CheckName);
  for (const DiagnosticNote &Note : D.Notes)
    record(Severity::Note, Note.Range, Note.Message, "");
}

void VerifyDiagnosticConsumer::record(Severity Level, SMRange Range,
                                      StringRef Message, StringRef CheckName) {
  unsigned BufferID =
      Range.Start.isValid() ? SM.FindBufferContainingLoc(Range.Start) : 0;
  unsigned Line =
      BufferID ? SM.getLineAndColumn(Range.Start, BufferID).first : 0;
  Seen.push_back({Level, BufferID, Line, Message.str(), CheckName.str()});
}

bool VerifyDiagnosticConsumer::finish() {
  DirectiveScan Scan;
  for (unsigned BufferID = 1, E = SM.getNumBuffers(); BufferID <= E; ++BufferID)
    scanBuffer(SM, BufferID, OS, Scan);

  auto FileName = [&](unsigned BufferID) -> StringRef {
    if (!BufferID)
      return "<unknown>";
    return SM.getMemoryBuffer(BufferID)->getBufferIdentifier();
  };

  unsigned NumProblems = Scan.NumErrors;
  if (Scan.Directives.empty() && !Scan.NoDiagnosticsBufferID) {
    OS << "error: no expected directives found: consider use of "
          "'expected-no-diagnostics'\n";
    ++NumProblems;
  } else if (!Scan.Directives.empty() && Scan.NoDiagnosticsBufferID) {
    OS << FileName(Scan.NoDiagnosticsBufferID) << ':' << Scan.NoDiagnosticsLine
       << ':' << Scan.NoDiagnosticsColumn
       << ": error: 'expected-no-diagnostics' cannot be used together with "
          "other expected directives\n";
    ++NumProblems;
  }

  // Seen diagnostics by (buffer, line), in the order they were reported.
  std::map<std::pair<unsigned, unsigned>, std::vector<size_t>> SeenByLine;
  for (size_t I = 0, E = Seen.size(); I != E; ++I)
    SeenByLine[{Seen[I].BufferID, Seen[I].Line}].push_back(I);

  std::vector<bool> Matched(Seen.size());
  std::vector<const Directive *> Missing;
  for (const Directive &D : Scan.Directives) {
    std::pair<unsigned, unsigned> Key(D.TargetLine ? D.BufferID : 0,
                                      D.TargetLine);
    unsigned Found = 0;
    auto It = SeenByLine.find(Key);
    if (It != SeenByLine.end()) {
      for (size_t I : It->second) {
        if (Found == D.Count)
          break;
        const SeenDiagnostic &S = Seen[I];
        if (Matched[I] || S.Level != D.Level)
          continue;
        bool TextMatches =
            StringRef(S.Message).contains(D.Text) ||
            (!S.CheckName.empty() &&
             (S.Message + " [" + S.CheckName + "]").find(D.Text) !=
                 std::string::npos);
        if (!TextMatches)
          continue;
        Matched[I] = true;
        ++Found;
      }
    }
    if (Found < D.Count)
      Missing.push_back(&D);
  }

  // Clang's order: per severity, what is missing, then what is extra.
  for (Severity Level : {Severity::Error, Severity::Warning, Severity::Note}) {
    bool PrintedHeader = false;
    for (const Directive *D : Missing) {
      if (D->Level != Level)
        continue;
      if (!PrintedHeader) {
        OS << "error: '" << getSeverityName(Level)
           << "' diagnostics expected but not seen:\n";
        PrintedHeader = true;
        ++NumProblems;
      }
      OS << "  File " << FileName(D->TargetLine ? D->BufferID : 0) << " Line "
         << D->TargetLine;
      if (D->TargetLine != D->DirectiveLine)
        OS << " (directive at " << FileName(D->BufferID) << ':'
           << D->DirectiveLine << ')';
      OS << ": " << D->Text << '\n';
    }

    PrintedHeader = false;
    for (size_t I = 0, E = Seen.size(); I != E; ++I) {
      const SeenDiagnostic &S = Seen[I];
      if (Matched[I] || S.Level != Level)
        continue;
      if (!PrintedHeader) {
        OS << "error: '" << getSeverityName(Level)
           << "' diagnostics seen but not expected:\n";
        PrintedHeader = true;
        ++NumProblems;
      }
      OS << "  File " << FileName(S.BufferID) << " Line " << S.Line << ": "
         << S.Message << '\n';
    }
  }

  return NumProblems == 0;
}
