//===- TextDiagnosticPrinter.h - Clang-style text diagnostics ---*- C++ -*-===//
//
// Prints diagnostics for people, the way Clang does:
//
//   file:line:col: error: message [check-name]
//   <source line>
//   ^~~~
//
// then each note the same way, and a "1 warning and 2 errors generated."
// summary from finish(). A diagnostic without a location prints as
// "schemac: error: message". Columns in the location are 1-based bytes; the
// caret line is drawn in screen columns (tabs to multiples of 8, wide UTF-8
// characters), and control characters and invalid UTF-8 in the source line
// are shown escaped (<U+001B>, <FF>) as Clang does. Source lines longer than
// MaxLineWidth bytes are cut down to a window around the caret, so a fuzzed
// 10 MB line still prints as one short line.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_TEXTDIAGNOSTICPRINTER_H
#define SCHEMAC_FRONTEND_TEXTDIAGNOSTICPRINTER_H

#include "frontend/Diagnostic.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>

namespace schemac {

class TextDiagnosticPrinter : public DiagnosticConsumer {
public:
  /// Lines up to this many bytes are shown whole.
  static constexpr size_t MaxLineWidth = 200;
  /// A longer line is shown as this many bytes around the caret, with "..."
  /// on each side that was cut...
  static constexpr size_t WindowWidth = 160;
  /// ...of which this many come before the caret, so most of the window shows
  /// the range being pointed at.
  static constexpr size_t WindowLeftContext = 60;

  /// Colours are used only when \p ShowColors is set and \p OS supports them
  /// (llvm::WithColor's ColorMode::Auto, as SMDiagnostic uses).
  TextDiagnosticPrinter(const llvm::SourceMgr &SM, llvm::raw_ostream &OS,
                        bool ShowColors);

  void handle(const Diagnostic &D) override;
  /// Prints the "N errors generated." summary, if anything was reported.
  bool finish() override;

private:
  void print(llvm::SourceMgr::DiagKind Kind, llvm::SMRange Range,
             llvm::StringRef Message);
  /// Prints \p Shown (part of a source line, "..." on the sides that were
  /// \p CutLeft / \p CutRight) and under it '^' at byte \p Caret and '~'
  /// up to byte \p RangeEnd, or past the trailing "..." if \p RangeGoesOn.
  void printSnippet(llvm::StringRef Shown, bool CutLeft, bool CutRight,
                    size_t Caret, size_t RangeEnd, bool RangeGoesOn);

  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  bool ShowColors;
  unsigned NumErrors = 0;
  unsigned NumWarnings = 0;
};

} // namespace schemac

#endif
