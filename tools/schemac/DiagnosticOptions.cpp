//===- DiagnosticOptions.cpp - Diagnostic flags every command shares -------===//

#include "tools/schemac/DiagnosticOptions.h"

#include "frontend/CheckRegistry.h"
#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/SARIFDiagnosticPrinter.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

namespace {
enum class Format { Text, JSON, SARIF };

cl::OptionCategory DiagCategory("Diagnostic options");
} // namespace

cl::OptionCategory &driver::diagnosticCategory() { return DiagCategory; }

namespace {

cl::opt<Format> DiagFormat(
    "diagnostics-format", cl::desc("How diagnostics are printed"),
    cl::values(clEnumValN(Format::Text, "text", "file:line:col with a caret"),
               clEnumValN(Format::JSON, "json", "one JSON object per line"),
               clEnumValN(Format::SARIF, "sarif",
                          "one SARIF 2.1.0 log, for code hosts")),
    cl::init(Format::Text), cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::opt<bool> Verify("verify",
                     cl::desc("Check diagnostics against expected-error/"
                              "expected-warning/expected-note comments"),
                     cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

// libLLVM registers an option named "W" of its own, so -W<flag> arrives
// here as --warning=<flag> (see rewriteWarningFlags).
cl::list<std::string> WarningFlags(
    "warning", cl::ZeroOrMore, cl::value_desc("flag"),
    cl::desc("Same as -W<flag>: -W<check> enables a check, -Wno-<check> "
             "disables it, -Werror makes warnings errors, -Werror=<check> "
             "one check's, -Wno-error=<check> keeps one a warning"),
    cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::list<std::string> AllowChecks(
    "allow", cl::ZeroOrMore, cl::CommaSeparated, cl::value_desc("check"),
    cl::desc("Do not run these checks (same as -Wno-<check>)"),
    cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::list<std::string> DenyChecks(
    "deny", cl::ZeroOrMore, cl::CommaSeparated, cl::value_desc("check"),
    cl::desc("Make these checks errors (same as -Werror=<check>)"),
    cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

bool WarningsAsErrors = false;

/// One -W flag, parsed: a switch for all warnings or for one check.
struct WarningSwitch {
  enum Kind { Enable, Disable, AsError, NotAsError, AllAsErrors } K;
  std::string Check;
};
std::vector<WarningSwitch> Switches;

cl::opt<unsigned> ErrorLimit("ferror-limit",
                             cl::desc("Stop after N errors (0: no limit)"),
                             cl::init(20), cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

} // namespace

DiagnosticSetup::DiagnosticSetup(llvm::SourceMgr &SM) {
  if (Verify) {
    Consumer = std::make_unique<VerifyDiagnosticConsumer>(SM, llvm::errs());
  } else if (DiagFormat == Format::SARIF) {
    Consumer = std::make_unique<SARIFDiagnosticPrinter>(SM, llvm::errs(),
                                                        SCHEMAC_VERSION);
  } else if (DiagFormat == Format::JSON) {
    Consumer = std::make_unique<JSONDiagnosticPrinter>(SM, llvm::errs());
  } else {
    // LLVM's own --color option decides, as for its tools.
    bool Colors = llvm::WithColor(llvm::errs()).colorsEnabled();
    Consumer =
        std::make_unique<TextDiagnosticPrinter>(SM, llvm::errs(), Colors);
  }
  Engine = std::make_unique<DiagnosticEngine>(SM, *Consumer);
  // -verify must see every diagnostic to match them all.
  Engine->setErrorLimit(Verify ? 0 : ErrorLimit);
  Engine->setWarningsAsErrors(WarningsAsErrors);
  for (const WarningSwitch &W : Switches) {
    switch (W.K) {
    case WarningSwitch::Enable:
      Engine->setCheckEnabled(W.Check, true);
      break;
    case WarningSwitch::Disable:
      Engine->setCheckEnabled(W.Check, false);
      break;
    case WarningSwitch::AsError:
      Engine->setCheckEnabled(W.Check, true);
      Engine->setCheckAsError(W.Check, true);
      break;
    case WarningSwitch::NotAsError:
      Engine->setCheckAsError(W.Check, false);
      break;
    case WarningSwitch::AllAsErrors:
      break;
    }
  }
}

bool DiagnosticSetup::isVerifying() const { return Verify; }

int DiagnosticSetup::finish(int Result) {
  bool ConsumerOk = Consumer->finish();
  if (Verify)
    return ConsumerOk ? ExitOk : ExitFindings;
  return Result;
}

std::vector<const char *>
driver::rewriteWarningFlags(llvm::ArrayRef<const char *> Argv,
                            std::vector<std::string> &Storage) {
  Storage.reserve(Argv.size());
  std::vector<const char *> Out;
  for (const char *Arg : Argv) {
    llvm::StringRef A = Arg;
    if (A.consume_front("-") && (A.consume_front("W") || A.consume_front("-W")) &&
        !A.empty()) {
      Storage.push_back("--warning=" + A.str());
      Out.push_back(Storage.back().c_str());
      continue;
    }
    Out.push_back(Arg);
  }
  return Out;
}

bool driver::applyWarningOptions() {
  auto Known = [](llvm::StringRef Flag, llvm::StringRef Check) {
    if (findCheck(Check))
      return true;
    llvm::errs() << "schemac: error: unknown check '" << Check << "' in '"
                 << Flag << "'; 'schemac check --list-checks' lists them\n";
    return false;
  };
  for (const std::string &Flag : WarningFlags) {
    llvm::StringRef F = Flag;
    std::string Spelled = "-W" + Flag;
    WarningSwitch W{WarningSwitch::Enable, ""};
    if (F == "error") {
      WarningsAsErrors = true;
      continue;
    }
    if (F.consume_front("error=")) {
      W.K = WarningSwitch::AsError;
    } else if (F.consume_front("no-error=")) {
      W.K = WarningSwitch::NotAsError;
    } else if (F.consume_front("no-")) {
      W.K = WarningSwitch::Disable;
    }
    if (!Known(Spelled, F))
      return false;
    W.Check = F.str();
    Switches.push_back(W);
  }
  for (const std::string &C : AllowChecks) {
    if (!Known("--allow=" + C, C))
      return false;
    Switches.push_back({WarningSwitch::Disable, C});
  }
  for (const std::string &C : DenyChecks) {
    if (!Known("--deny=" + C, C))
      return false;
    Switches.push_back({WarningSwitch::AsError, C});
  }
  return true;
}
