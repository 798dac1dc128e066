//===- JSONDiagnosticPrinter.cpp - Diagnostics as JSON Lines --------------===//

#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/JSONText.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <optional>
#include <string>

using namespace llvm;
using namespace schemac;

using Position = SourcePosition;

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
  std::optional<Position> Start = findSourcePosition(SM, D.Range.Start);
  std::optional<Position> End = Start;
  if (Start && D.Range.End.isValid() &&
      D.Range.End.getPointer() > D.Range.Start.getPointer()) {
    std::optional<Position> RangeEnd = findSourcePosition(SM, D.Range.End);
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
      J.attribute("severity", getSeverityName(D.Level));
      J.attribute("check", D.CheckName.empty() ? json::Value(nullptr)
                                               : toJSONString(D.CheckName));
      J.attribute("message", toJSONString(D.Message));
      J.attributeArray("notes", [&] {
        for (const DiagnosticNote &Note : D.Notes) {
          J.object([&] {
            writePosition(J, findSourcePosition(SM, Note.Range.Start), "file",
                          "line", "column");
            J.attribute("message", toJSONString(Note.Message));
          });
        }
      });
    });
  }
  OS << '\n';
}
