//===- JSONDiagnosticPrinter.cpp - Diagnostics as JSON Lines --------------===//

#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/JSONText.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>
#include <string>

using namespace llvm;
using namespace schemac;

namespace {
struct Position {
  unsigned BufferID;
  StringRef File;
  unsigned Line;
  unsigned Column;
};
} // namespace

static std::optional<Position> findPosition(const SourceMgr &SM, SMLoc Loc) {
  // A location outside every buffer is treated like no location rather than
  // trusted: SourceMgr would assert on it.
  unsigned BufferID = Loc.isValid() ? SM.FindBufferContainingLoc(Loc) : 0;
  if (!BufferID)
    return std::nullopt;
  auto [Line, Column] = SM.getLineAndColumn(Loc, BufferID);
  return Position{BufferID, SM.getMemoryBuffer(BufferID)->getBufferIdentifier(),
                  Line, Column};
}

static StringRef severityName(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

/// Writes the "file", "line" and "column" attributes, null when \p Pos is
/// empty.
static void writePosition(json::OStream &J, const std::optional<Position> &Pos,
                          StringRef FileKey, StringRef LineKey,
                          StringRef ColumnKey) {
  if (!FileKey.empty())
    J.attribute(FileKey, Pos ? toJSONString(Pos->File) : json::Value(nullptr));
  J.attribute(LineKey, Pos ? json::Value(Pos->Line) : json::Value(nullptr));
  J.attribute(ColumnKey, Pos ? json::Value(Pos->Column) : json::Value(nullptr));
}

JSONDiagnosticPrinter::JSONDiagnosticPrinter(const SourceMgr &SM,
                                             raw_ostream &OS)
    : SM(SM), OS(OS) {}

void JSONDiagnosticPrinter::handle(const Diagnostic &D) {
  std::optional<Position> Start = findPosition(SM, D.Range.Start);
  std::optional<Position> End = Start;
  if (Start && D.Range.End.isValid() &&
      D.Range.End.getPointer() > D.Range.Start.getPointer()) {
    std::optional<Position> RangeEnd = findPosition(SM, D.Range.End);
    // A range ending in another buffer is nonsense; keep the point.
    if (RangeEnd && RangeEnd->BufferID == Start->BufferID)
      End = RangeEnd;
  }

  {
    // OStream writes as it goes, with no indentation: one object, one line.
    json::OStream J(OS);
    J.object([&] {
      writePosition(J, Start, "file", "line", "column");
      writePosition(J, End, "", "end_line", "end_column");
      J.attribute("severity", severityName(D.Level));
      J.attribute("check", D.CheckName.empty() ? json::Value(nullptr)
                                               : toJSONString(D.CheckName));
      J.attribute("message", toJSONString(D.Message));
      J.attributeArray("notes", [&] {
        for (const DiagnosticNote &Note : D.Notes) {
          J.object([&] {
            writePosition(J, findPosition(SM, Note.Range.Start), "file", "line",
                          "column");
            J.attribute("message", toJSONString(Note.Message));
          });
        }
      });
    });
  }
  OS << '\n';
}
