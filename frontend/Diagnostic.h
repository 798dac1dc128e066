//===- Diagnostic.h - Diagnostics engine and consumer interface -*- C++ -*-===//
//
// Every message schemac prints about the user's input goes through a
// DiagnosticEngine: the message is declared once in Diagnostics.def, formatted
// with llvm::formatv, and handed to a consumer (text, JSON, -verify).
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_DIAGNOSTIC_H
#define SCHEMAC_FRONTEND_DIAGNOSTIC_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

#include <optional>
#include <string>
#include <vector>

namespace schemac {

enum class DiagID : unsigned {
#define DIAG(ID, SEVERITY, CHECK, FORMAT) ID,
#include "frontend/Diagnostics.def"
  NumDiagnostics
};

enum class Severity { Note, Warning, Error };

/// "error", "warning" or "note", as every output format spells them.
llvm::StringRef getSeverityName(Severity Level);

/// Where a location is, in the terms tools print: 1-based line and byte
/// column in a named buffer.
struct SourcePosition {
  unsigned BufferID;
  llvm::StringRef File;
  unsigned Line;
  unsigned Column;
};

/// The position of Loc; nullopt for no location or one outside every buffer
/// (SourceMgr would assert on it).
std::optional<SourcePosition> findSourcePosition(const llvm::SourceMgr &SM,
                                                 llvm::SMLoc Loc);

/// The static description of a diagnostic, from Diagnostics.def.
struct DiagInfo {
  llvm::StringRef Name;
  Severity Level;
  llvm::StringRef CheckName;
  llvm::StringRef Format;
};
const DiagInfo &getDiagInfo(DiagID ID);

struct DiagnosticNote {
  llvm::SMRange Range;
  std::string Message;
};

struct Diagnostic {
  DiagID ID;
  Severity Level;
  /// Range.Start is the caret position; an invalid range means "no location".
  llvm::SMRange Range;
  std::string Message;
  llvm::StringRef CheckName;
  std::vector<DiagnosticNote> Notes;
};

class DiagnosticConsumer {
public:
  virtual ~DiagnosticConsumer();
  virtual void handle(const Diagnostic &D) = 0;
  /// Called once, after the last diagnostic. Returns false when the
  /// consumer itself failed (a -verify mismatch).
  virtual bool finish() { return true; }
};

class DiagnosticEngine;

/// Collects notes, then hands the diagnostic to the engine when destroyed.
class DiagnosticBuilder {
public:
  DiagnosticBuilder(DiagnosticEngine *Engine, Diagnostic D)
      : Engine(Engine), D(std::move(D)) {}
  DiagnosticBuilder(DiagnosticBuilder &&Other)
      : Engine(Other.Engine), D(std::move(Other.D)) {
    Other.Engine = nullptr;
  }
  DiagnosticBuilder(const DiagnosticBuilder &) = delete;
  ~DiagnosticBuilder();

  template <typename... Ts>
  DiagnosticBuilder &note(DiagID ID, llvm::SMRange Range, Ts &&...Args) {
    D.Notes.push_back({Range, llvm::formatv(getDiagInfo(ID).Format.data(),
                                            std::forward<Ts>(Args)...)
                                  .str()});
    return *this;
  }

private:
  DiagnosticEngine *Engine;
  Diagnostic D;
};

class DiagnosticEngine {
public:
  DiagnosticEngine(const llvm::SourceMgr &SM, DiagnosticConsumer &Consumer)
      : SM(SM), Consumer(Consumer) {}

  template <typename... Ts>
  DiagnosticBuilder report(DiagID ID, llvm::SMRange Range, Ts &&...Args) {
    const DiagInfo &Info = getDiagInfo(ID);
    Diagnostic D{
        ID,
        Info.Level,
        Range,
        llvm::formatv(Info.Format.data(), std::forward<Ts>(Args)...).str(),
        Info.CheckName,
        {}};
    return DiagnosticBuilder(this, std::move(D));
  }
  template <typename... Ts>
  DiagnosticBuilder report(DiagID ID, llvm::SMLoc Loc, Ts &&...Args) {
    return report(ID, llvm::SMRange(Loc, Loc), std::forward<Ts>(Args)...);
  }

  /// Stop reporting (and say so once) after this many errors; 0 = no limit.
  void setErrorLimit(unsigned Limit) { ErrorLimit = Limit; }
  void setWarningsAsErrors(bool Value) { WarningsAsErrors = Value; }

  /// -W<check> / -Wno-<check>: a disabled check reports nothing.
  void setCheckEnabled(llvm::StringRef Check, bool Enabled) {
    Checks[Check].Enabled = Enabled;
  }
  /// -Werror=<check> / -Wno-error=<check>: the check's diagnostics are
  /// errors, or warnings, whatever their default level.
  void setCheckAsError(llvm::StringRef Check, bool AsError) {
    Checks[Check].AsError = AsError;
  }

  unsigned getErrorCount() const { return NumErrors; }
  unsigned getWarningCount() const { return NumWarnings; }
  bool hasErrors() const { return NumErrors != 0; }
  /// Errors that are errors by declaration, not warnings made errors by
  /// -Werror: what stops a phase from going on.
  bool hasHardErrors() const { return NumHardErrors != 0; }
  unsigned getHardErrorCount() const { return NumHardErrors; }
  bool hitErrorLimit() const { return ErrorLimit && NumErrors >= ErrorLimit; }
  /// True once an error past the limit was dropped (and "too many errors"
  /// said): the point where phases stop, as Clang stops.
  bool errorLimitExceeded() const { return ReportedLimit; }

  const llvm::SourceMgr &getSourceMgr() const { return SM; }
  DiagnosticConsumer &getConsumer() { return Consumer; }

private:
  friend class DiagnosticBuilder;
  void emit(Diagnostic D);

  const llvm::SourceMgr &SM;
  DiagnosticConsumer &Consumer;
  unsigned NumErrors = 0;
  unsigned NumHardErrors = 0;
  unsigned NumWarnings = 0;
  unsigned ErrorLimit = 0;
  bool WarningsAsErrors = false;
  bool ReportedLimit = false;
  struct CheckControl {
    bool Enabled = true;
    std::optional<bool> AsError;
  };
  llvm::StringMap<CheckControl> Checks;
};

} // namespace schemac

#endif
