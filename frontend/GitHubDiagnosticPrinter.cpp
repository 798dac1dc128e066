//===- GitHubDiagnosticPrinter.cpp - Diagnostics as workflow commands -----===//

#include "frontend/GitHubDiagnosticPrinter.h"

#include <optional>
#include <string>

using namespace schemac;

/// Text as the runner reads a command's message: `%`, CR and LF escaped.
static std::string escapeData(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

/// A property value: also `:` and `,`, which separate properties.
static std::string escapeProperty(llvm::StringRef Text) {
  std::string Out;
  for (char C : escapeData(Text)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

static llvm::StringRef commandFor(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "notice";
  }
  llvm_unreachable("unknown severity");
}

GitHubDiagnosticPrinter::GitHubDiagnosticPrinter(const llvm::SourceMgr &SM,
                                                 llvm::raw_ostream &OS)
    : SM(SM), OS(OS) {}

void GitHubDiagnosticPrinter::handle(const Diagnostic &D) {
  OS << "::" << commandFor(D.Level);
  std::optional<SourcePosition> Start = findSourcePosition(SM, D.Range.Start);
  std::string Title = D.CheckName.empty() ? "schemac" : D.CheckName.str();
  if (Start) {
    OS << " file=" << escapeProperty(Start->File) << ",line=" << Start->Line
       << ",col=" << Start->Column;
    if (D.Range.End.isValid() &&
        D.Range.End.getPointer() > D.Range.Start.getPointer()) {
      std::optional<SourcePosition> End = findSourcePosition(SM, D.Range.End);
      if (End && End->BufferID == Start->BufferID)
        OS << ",endLine=" << End->Line << ",endColumn=" << End->Column;
    }
    OS << ",title=" << escapeProperty(Title);
  } else {
    OS << " title=" << escapeProperty(Title);
  }
  std::string Message = D.Message;
  for (const DiagnosticNote &Note : D.Notes) {
    Message += "\nnote: ";
    if (auto At = findSourcePosition(SM, Note.Range.Start))
      Message += At->File.str() + ":" + std::to_string(At->Line) + ":" +
                 std::to_string(At->Column) + ": ";
    Message += Note.Message;
  }
  OS << "::" << escapeData(Message) << "\n";
}
