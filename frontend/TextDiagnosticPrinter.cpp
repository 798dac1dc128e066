//===- TextDiagnosticPrinter.cpp - Clang-style text diagnostics -----------===//
//
// llvm::SMDiagnostic prints the "file:line:col: error: message" line; the
// source line and the caret line under it are drawn here, because only a
// window of the line may be shown and SMDiagnostic cannot place a caret in a
// line holding UTF-8.
//===----------------------------------------------------------------------===//

#include "frontend/TextDiagnosticPrinter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Unicode.h"
#include "llvm/Support/WithColor.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace llvm;
using namespace schemac;

static constexpr StringLiteral Ellipsis = "...";

static SourceMgr::DiagKind toDiagKind(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return SourceMgr::DK_Error;
  case Severity::Warning:
    return SourceMgr::DK_Warning;
  case Severity::Note:
    return SourceMgr::DK_Note;
  }
  return SourceMgr::DK_Error;
}

/// A UTF-8 continuation byte: cutting the line before one would split a
/// character and leave an invalid sequence in the output.
static bool isContinuationByte(char C) { return (C & 0xC0) == 0x80; }

/// "<U+001B>" or "<FF>": \p Value in at least \p Digits uppercase hex digits.
static std::string hexEscape(StringRef Prefix, uint32_t Value,
                             unsigned Digits) {
  std::string Hex = utohexstr(Value, /*LowerCase=*/false);
  if (Hex.size() < Digits)
    Hex.insert(0, Digits - Hex.size(), '0');
  return ("<" + Prefix + Hex + ">").str();
}

namespace {
/// How one character of a source line is shown.
struct ShownChar {
  /// Bytes of the line it stands for.
  size_t Length;
  /// Display columns it takes.
  unsigned Width;
};
} // namespace

/// Appends the character at the start of \p Rest to \p Out, which is at
/// display column \p Column. Tabs expand to the next tab stop; control and
/// other unprintable characters and bytes of invalid UTF-8 are escaped the way
/// Clang does (<U+001B>, <FF>), so hostile input cannot drive the terminal.
static ShownChar showChar(StringRef Rest, unsigned Column, std::string &Out) {
  constexpr unsigned TabStop = 8;
  unsigned char C = Rest.front();
  if (C == '\t') {
    unsigned Width = TabStop - Column % TabStop;
    Out.append(Width, ' ');
    return {1, Width};
  }
  auto Escape = [&](StringRef Prefix, uint32_t Value, unsigned Digits,
                    size_t Length) -> ShownChar {
    std::string Escaped = hexEscape(Prefix, Value, Digits);
    Out += Escaped;
    return {Length, static_cast<unsigned>(Escaped.size())};
  };
  if (C < 0x80) {
    if (!isPrint(C))
      return Escape("U+", C, 4, 1);
    Out += C;
    return {1, 1};
  }

  size_t Length = getNumBytesForUTF8(C);
  const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Rest.data());
  const UTF8 *Next = Begin;
  UTF32 CodePoint;
  if (Length > Rest.size() || !isLegalUTF8Sequence(Begin, Begin + Length) ||
      convertUTF8Sequence(&Next, Begin + Length, &CodePoint,
                          strictConversion) != conversionOK)
    return Escape("", C, 2, 1);
  int Width = sys::unicode::columnWidthUTF8(Rest.take_front(Length));
  if (Width < 0 || !sys::unicode::isPrintable(CodePoint))
    return Escape("U+", CodePoint, 4, Length);
  Out += Rest.take_front(Length);
  return {Length, static_cast<unsigned>(Width)};
}

TextDiagnosticPrinter::TextDiagnosticPrinter(const SourceMgr &SM,
                                             raw_ostream &OS, bool ShowColors)
    : SM(SM), OS(OS), ShowColors(ShowColors) {}

void TextDiagnosticPrinter::handle(const Diagnostic &D) {
  if (D.Level == Severity::Error)
    ++NumErrors;
  else if (D.Level == Severity::Warning)
    ++NumWarnings;

  if (D.CheckName.empty())
    print(toDiagKind(D.Level), D.Range, D.Message);
  else
    print(toDiagKind(D.Level), D.Range,
          (D.Message + " [" + D.CheckName + "]").str());

  for (const DiagnosticNote &Note : D.Notes)
    print(SourceMgr::DK_Note, Note.Range, Note.Message);
}

void TextDiagnosticPrinter::print(SourceMgr::DiagKind Kind, SMRange Range,
                                  StringRef Message) {
  // A location outside every buffer is treated like no location rather than
  // trusted: SourceMgr would assert on it.
  unsigned BufferID =
      Range.Start.isValid() ? SM.FindBufferContainingLoc(Range.Start) : 0;
  if (!BufferID) {
    SMDiagnostic("schemac", Kind, Message).print(nullptr, OS, ShowColors);
    return;
  }

  const MemoryBuffer *Buffer = SM.getMemoryBuffer(BufferID);
  StringRef Text = Buffer->getBuffer();
  size_t CaretOffset = Range.Start.getPointer() - Text.data();

  // Line boundaries as SourceMgr::GetMessage finds them ('\r' ends a line
  // too, so CRLF files do not print a stray '\r').
  size_t LineStart = Text.substr(0, CaretOffset).find_last_of("\n\r");
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Text.find_first_of("\n\r", CaretOffset);
  if (LineEnd == StringRef::npos)
    LineEnd = Text.size();
  StringRef Line = Text.slice(LineStart, LineEnd);
  size_t CaretCol = CaretOffset - LineStart;

  // The part of the range on the caret's line, [CaretCol, RangeEndCol). A
  // range that runs onto later lines is underlined to the end of this one.
  size_t RangeEndCol = CaretCol;
  const char *RangeEnd = Range.End.getPointer();
  if (Range.End.isValid() && RangeEnd > Range.Start.getPointer())
    RangeEndCol = std::min<size_t>(RangeEnd - Line.data(), Line.size());

  StringRef FileName = Buffer->getBufferIdentifier();
  if (FileName == "-")
    FileName = "<stdin>";
  unsigned LineNo = SM.getLineAndColumn(Range.Start, BufferID).first;
  SMDiagnostic(formatv("{0}:{1}:{2}", FileName, LineNo, CaretCol + 1).str(),
               Kind, Message)
      .print(nullptr, OS, ShowColors);

  // Which bytes of the line to show, [Begin, End).
  size_t Begin = 0;
  size_t End = Line.size();
  if (Line.size() > MaxLineWidth) {
    Begin = CaretCol > WindowLeftContext ? CaretCol - WindowLeftContext : 0;
    End = std::min(Line.size(), Begin + WindowWidth);
    // Near the end of the line, spend the unused width on the left instead.
    Begin = End - WindowWidth;
    while (Begin < CaretCol && isContinuationByte(Line[Begin]))
      ++Begin;
    while (End > CaretCol && End < Line.size() && isContinuationByte(Line[End]))
      --End;
  }
  bool CutLeft = Begin > 0;
  bool CutRight = End < Line.size();
  bool RangeGoesOn = RangeEndCol > End;
  printSnippet(Line.slice(Begin, End), CutLeft, CutRight, CaretCol - Begin,
               std::min(RangeEndCol, End) - Begin, RangeGoesOn);
}

void TextDiagnosticPrinter::printSnippet(StringRef Shown, bool CutLeft,
                                         bool CutRight, size_t Caret,
                                         size_t RangeEnd, bool RangeGoesOn) {
  std::string SourceLine;
  if (CutLeft)
    SourceLine += Ellipsis;
  unsigned Column = SourceLine.size();
  // The display column each byte of Shown starts at, and one for its end.
  std::vector<unsigned> ColumnOf;
  ColumnOf.reserve(Shown.size() + 1);
  for (size_t I = 0; I < Shown.size();) {
    ShownChar Char = showChar(Shown.drop_front(I), Column, SourceLine);
    ColumnOf.insert(ColumnOf.end(), Char.Length, Column);
    Column += Char.Width;
    I += Char.Length;
  }
  ColumnOf.push_back(Column);
  if (CutRight)
    SourceLine += Ellipsis;

  unsigned CaretColumn = ColumnOf[Caret];
  // Underline the trailing "..." too when the range goes on past it.
  unsigned EndColumn =
      RangeGoesOn ? Column + Ellipsis.size() : ColumnOf[RangeEnd];
  std::string CaretLine(CaretColumn, ' ');
  CaretLine += '^';
  if (EndColumn > CaretColumn + 1)
    CaretLine.append(EndColumn - CaretColumn - 1, '~');

  OS << SourceLine << '\n';
  WithColor(OS, raw_ostream::GREEN, /*Bold=*/true, /*BG=*/false,
            ShowColors ? ColorMode::Auto : ColorMode::Disable)
      << CaretLine << '\n';
}

bool TextDiagnosticPrinter::finish() {
  if (NumWarnings == 0 && NumErrors == 0)
    return true;
  if (NumWarnings)
    OS << NumWarnings << (NumWarnings == 1 ? " warning" : " warnings");
  if (NumWarnings && NumErrors)
    OS << " and ";
  if (NumErrors)
    OS << NumErrors << (NumErrors == 1 ? " error" : " errors");
  OS << " generated.\n";
  return true;
}
