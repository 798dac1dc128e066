//===- Diagnostic.cpp - Diagnostics engine --------------------------------===//

#include "frontend/Diagnostic.h"

using namespace schemac;

static const DiagInfo DiagTable[] = {
#define DIAG(ID, SEVERITY, CHECK, FORMAT)                                      \
  {#ID, Severity::SEVERITY, CHECK, FORMAT},
#include "frontend/Diagnostics.def"
};

const DiagInfo &schemac::getDiagInfo(DiagID ID) {
  return DiagTable[static_cast<unsigned>(ID)];
}

llvm::StringRef schemac::getSeverityName(Severity Level) {
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

std::optional<SourcePosition>
schemac::findSourcePosition(const llvm::SourceMgr &SM, llvm::SMLoc Loc) {
  unsigned BufferID = Loc.isValid() ? SM.FindBufferContainingLoc(Loc) : 0;
  if (!BufferID)
    return std::nullopt;
  auto [Line, Column] = SM.getLineAndColumn(Loc, BufferID);
  return SourcePosition{BufferID,
                        SM.getMemoryBuffer(BufferID)->getBufferIdentifier(),
                        Line, Column};
}

DiagnosticConsumer::~DiagnosticConsumer() = default;

DiagnosticBuilder::~DiagnosticBuilder() {
  if (Engine)
    Engine->emit(std::move(D));
}

void DiagnosticEngine::emit(Diagnostic D) {
  // Per-check switches first: a silenced check counts for nothing.
  std::optional<bool> CheckAsError;
  if (!D.CheckName.empty()) {
    auto It = Checks.find(D.CheckName);
    if (It != Checks.end()) {
      if (!It->second.Enabled)
        return;
      CheckAsError = It->second.AsError;
    }
  }
  if (CheckAsError)
    D.Level = *CheckAsError ? Severity::Error : Severity::Warning;
  else if (D.Level == Severity::Warning && WarningsAsErrors)
    D.Level = Severity::Error;

  if (hitErrorLimit()) {
    if (!ReportedLimit) {
      ReportedLimit = true;
      Consumer.handle(
          Diagnostic{DiagID::err_too_many_errors,
                     Severity::Error,
                     {},
                     getDiagInfo(DiagID::err_too_many_errors).Format.str(),
                     "",
                     {}});
    }
    return;
  }
  if (D.Level == Severity::Error) {
    ++NumErrors;
    if (getDiagInfo(D.ID).Level == Severity::Error)
      ++NumHardErrors;
  } else if (D.Level == Severity::Warning)
    ++NumWarnings;
  Consumer.handle(D);
}
