//===- VerifyDiagnosticConsumer.h - The -verify mode ------------*- C++ -*-===//
//
// Checks the diagnostics of a run against directives written in the input
// files themselves (a subset of Clang's -verify), so a test file says on the
// line of the mistake what schemac must report there:
//
//   table t (id int4 -- expected-error {{expected ';'}}
//   -- expected-error@+1 {{unknown type 'int5'}}
//   ...
//   -- expected-warning@-2 2 {{is 70 bytes long}}
//   -- expected-note@3 {{previously declared here}}
//
// A directive is "expected-error", "expected-warning" or "expected-note",
// optionally followed by "@+N" / "@-N" (relative to the directive's line) or
// "@N" (absolute line; "@0" means "no location"), optionally a count, then
// "{{text}}". The text must be a substring of the message, or of
// "message [check-name]" so a directive can pin the check too. Several
// directives may stand on one line. Directives are found in the raw text of
// every buffer, line by line, wherever they stand (in a comment or not).
// "expected-no-diagnostics" says the file must produce none.
//
// Notes are matched as diagnostics of their own, at their own location.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_VERIFYDIAGNOSTICCONSUMER_H
#define SCHEMAC_FRONTEND_VERIFYDIAGNOSTICCONSUMER_H

#include "frontend/Diagnostic.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace schemac {

class VerifyDiagnosticConsumer : public DiagnosticConsumer {
public:
  /// Mismatches and malformed directives are reported on \p OS.
  VerifyDiagnosticConsumer(const llvm::SourceMgr &SM, llvm::raw_ostream &OS);

  /// Records \p D and its notes; prints nothing.
  void handle(const Diagnostic &D) override;

  /// Scans the buffers for directives and compares. Returns false (after
  /// printing why) when a diagnostic was expected but not seen, seen but not
  /// expected, a directive is malformed, or there are no directives at all.
  bool finish() override;

private:
  struct SeenDiagnostic {
    Severity Level;
    /// 0 (and Line 0) when the diagnostic has no location.
    unsigned BufferID;
    unsigned Line;
    std::string Message;
    std::string CheckName;
  };

  void record(Severity Level, llvm::SMRange Range, llvm::StringRef Message,
              llvm::StringRef CheckName);

  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  std::vector<SeenDiagnostic> Seen;
};

} // namespace schemac

#endif
