//===- DiagnosticOptions.h - Diagnostic flags every command shares --------===//

#ifndef SCHEMAC_TOOLS_DIAGNOSTICOPTIONS_H
#define SCHEMAC_TOOLS_DIAGNOSTICOPTIONS_H

#include "frontend/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace schemac::driver {

/// Exit codes: 0 success, 1 differences or findings (and -verify mismatches),
/// 2 invalid input or usage.
enum ExitCode : int { ExitOk = 0, ExitFindings = 1, ExitInvalid = 2 };

/// The category of the flags below, for --help.
llvm::cl::OptionCategory &diagnosticCategory();

/// Turns each -W<flag> of the command line into --warning=<flag>; the
/// strings live in Storage.
std::vector<const char *>
rewriteWarningFlags(llvm::ArrayRef<const char *> Argv,
                    std::vector<std::string> &Storage);

/// The level a configuration file gives a check (LintConfig.h).
enum class CheckLevel { Error, Warning, Off };

/// Check levels from a configuration file, as defaults for the command line:
/// Error acts as --deny=<check>, Warning as -W<check> -Wno-error=<check>,
/// Off as --allow=<check>, all given before the first flag, so any -W,
/// --allow or --deny of the command line overrides them. Call before
/// applyWarningOptions(); a later call replaces the levels.
void setConfigCheckLevels(
    llvm::ArrayRef<std::pair<std::string, CheckLevel>> Levels);

/// Reads the -W, --allow and --deny flags (after the levels of
/// setConfigCheckLevels); reports an unknown check name and returns false.
/// Call after parsing the command line and before creating a
/// DiagnosticSetup; each call starts over from the flags.
bool applyWarningOptions();

/// How diagnostics are printed (`--diagnostics-format`, lint's `--format`).
enum class DiagnosticFormat { Text, JSON, SARIF, GitHub };

/// `--diagnostics-format`, when the command line gives it.
std::optional<DiagnosticFormat> explicitDiagnosticFormat();

/// The consumer and engine that the flags ask for, over one SourceMgr.
class DiagnosticSetup {
public:
  /// In --diagnostics-format, on standard error.
  explicit DiagnosticSetup(llvm::SourceMgr &SM);
  /// In Format on OS, for a command whose diagnostics are its output
  /// (`schemac lint`); -verify still takes over.
  DiagnosticSetup(llvm::SourceMgr &SM, DiagnosticFormat Format,
                  llvm::raw_ostream &OS);
  DiagnosticEngine &engine() { return *Engine; }
  bool isVerifying() const;
  /// Ends the run: flushes the consumer and returns the exit code for a run
  /// whose own result was Result (-verify decides by its own outcome).
  int finish(int Result);

private:
  std::unique_ptr<DiagnosticConsumer> Consumer;
  std::unique_ptr<DiagnosticEngine> Engine;
};

} // namespace schemac::driver

#endif
