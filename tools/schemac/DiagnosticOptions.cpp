//===- DiagnosticOptions.cpp - Diagnostic flags every command shares ------===//

#include "tools/schemac/DiagnosticOptions.h"

#include "frontend/CheckRegistry.h"
#include "frontend/GitHubDiagnosticPrinter.h"
#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/SARIFDiagnosticPrinter.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory DiagCategory("Diagnostic options");
} // namespace

cl::OptionCategory &driver::diagnosticCategory() { return DiagCategory; }

namespace {

cl::opt<DiagnosticFormat>
    DiagFormat("diagnostics-format", cl::desc("How diagnostics are printed"),
               cl::values(clEnumValN(DiagnosticFormat::Text, "text",
                                     "file:line:col with a caret"),
                          clEnumValN(DiagnosticFormat::JSON, "json",
                                     "one JSON object per line"),
                          clEnumValN(DiagnosticFormat::SARIF, "sarif",
                                     "one SARIF 2.1.0 log, for code hosts"),
                          clEnumValN(DiagnosticFormat::GitHub, "github",
                                     "GitHub Actions workflow commands")),
               cl::init(DiagnosticFormat::Text), cl::cat(DiagCategory),
               cl::sub(*cl::AllSubCommands));

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

cl::list<std::string>
    AllowChecks("allow", cl::ZeroOrMore, cl::CommaSeparated,
                cl::value_desc("check"),
                cl::desc("Do not report these checks (same as -Wno-<check>)"),
                cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::list<std::string>
    DenyChecks("deny", cl::ZeroOrMore, cl::CommaSeparated,
               cl::value_desc("check"),
               cl::desc("Make these checks errors (same as -Werror=<check>)"),
               cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

bool WarningsAsErrors = false;

/// One -W flag, parsed: a switch for all warnings or for one check.
struct WarningSwitch {
  enum Kind {
    Enable,
    Disable,
    AsError,
    NotAsError,
    AllAsErrors,
    NoneAsErrors
  } K;
  std::string Check;
};
std::vector<WarningSwitch> Switches;

/// From setConfigCheckLevels: turned into switches ahead of the flags.
std::vector<std::pair<std::string, CheckLevel>> ConfigLevels;

cl::opt<unsigned> ErrorLimit("ferror-limit",
                             cl::desc("Stop after N errors (0: no limit)"),
                             cl::init(20), cl::cat(DiagCategory),
                             cl::sub(*cl::AllSubCommands));

} // namespace

std::optional<DiagnosticFormat> driver::explicitDiagnosticFormat() {
  if (!DiagFormat.getNumOccurrences())
    return std::nullopt;
  return DiagFormat.getValue();
}

DiagnosticSetup::DiagnosticSetup(llvm::SourceMgr &SM)
    : DiagnosticSetup(SM, DiagFormat, llvm::errs()) {}

DiagnosticSetup::DiagnosticSetup(llvm::SourceMgr &SM, DiagnosticFormat Format,
                                 llvm::raw_ostream &OS) {
  if (Verify) {
    Consumer = std::make_unique<VerifyDiagnosticConsumer>(SM, llvm::errs());
  } else if (Format == DiagnosticFormat::SARIF) {
    Consumer =
        std::make_unique<SARIFDiagnosticPrinter>(SM, OS, SCHEMAC_VERSION);
  } else if (Format == DiagnosticFormat::JSON) {
    Consumer = std::make_unique<JSONDiagnosticPrinter>(SM, OS);
  } else if (Format == DiagnosticFormat::GitHub) {
    Consumer = std::make_unique<GitHubDiagnosticPrinter>(SM, OS);
  } else {
    // LLVM's own --color option decides, as for its tools.
    bool Colors = llvm::WithColor(OS).colorsEnabled();
    Consumer = std::make_unique<TextDiagnosticPrinter>(SM, OS, Colors);
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
    case WarningSwitch::NoneAsErrors:
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
    if (A.consume_front("-") &&
        (A.consume_front("W") || A.consume_front("-W")) && !A.empty()) {
      Storage.push_back("--warning=" + A.str());
      Out.push_back(Storage.back().c_str());
      continue;
    }
    Out.push_back(Arg);
  }
  return Out;
}

void driver::setConfigCheckLevels(
    llvm::ArrayRef<std::pair<std::string, CheckLevel>> Levels) {
  ConfigLevels.assign(Levels.begin(), Levels.end());
}

bool driver::applyWarningOptions() {
  Switches.clear();
  WarningsAsErrors = false;
  // Later switches win, as with compilers: gather all three lists in the
  // order they were given.
  struct Given {
    unsigned Position;
    std::string Spelled;
    WarningSwitch W;
  };
  std::vector<Given> All;
  auto Add = [&](unsigned Position, std::string Spelled, WarningSwitch::Kind K,
                 llvm::StringRef Check) {
    All.push_back({Position, std::move(Spelled), {K, Check.str()}});
  };
  // The configuration file's levels come first, at position 0, which no
  // command-line argument has (argv[0] is the program): every flag is
  // later, so it wins, and the file's own order is kept by the stable sort.
  for (const auto &[Check, Level] : ConfigLevels) {
    switch (Level) {
    case CheckLevel::Error:
      Add(0, Check + ": error", WarningSwitch::AsError, Check);
      break;
    case CheckLevel::Warning:
      Add(0, Check + ": warning", WarningSwitch::Enable, Check);
      Add(0, Check + ": warning", WarningSwitch::NotAsError, Check);
      break;
    case CheckLevel::Off:
      Add(0, Check + ": off", WarningSwitch::Disable, Check);
      break;
    }
  }
  for (unsigned I = 0; I < WarningFlags.size(); ++I) {
    llvm::StringRef F = WarningFlags[I];
    std::string Spelled = "-W" + F.str();
    unsigned Pos = WarningFlags.getPosition(I);
    if (F == "error")
      Add(Pos, Spelled, WarningSwitch::AllAsErrors, "");
    else if (F == "no-error")
      Add(Pos, Spelled, WarningSwitch::NoneAsErrors, "");
    else if (F.consume_front("error="))
      Add(Pos, Spelled, WarningSwitch::AsError, F);
    else if (F.consume_front("no-error="))
      Add(Pos, Spelled, WarningSwitch::NotAsError, F);
    else if (F.consume_front("no-"))
      Add(Pos, Spelled, WarningSwitch::Disable, F);
    else
      Add(Pos, Spelled, WarningSwitch::Enable, F);
  }
  for (unsigned I = 0; I < AllowChecks.size(); ++I)
    Add(AllowChecks.getPosition(I), "--allow=" + AllowChecks[I],
        WarningSwitch::Disable, AllowChecks[I]);
  for (unsigned I = 0; I < DenyChecks.size(); ++I)
    Add(DenyChecks.getPosition(I), "--deny=" + DenyChecks[I],
        WarningSwitch::AsError, DenyChecks[I]);
  llvm::stable_sort(All, [](const Given &A, const Given &B) {
    return A.Position < B.Position;
  });

  for (Given &G : All) {
    WarningSwitch &W = G.W;
    if (W.K == WarningSwitch::AllAsErrors ||
        W.K == WarningSwitch::NoneAsErrors) {
      WarningsAsErrors = W.K == WarningSwitch::AllAsErrors;
      continue;
    }
    const CheckInfo *Info = findCheck(W.Check);
    if (!Info) {
      llvm::errs() << "schemac: error: unknown check '" << W.Check << "' in '"
                   << G.Spelled
                   << "'; 'schemac check --list-checks' lists them\n";
      return false;
    }
    bool Weakens =
        W.K == WarningSwitch::Disable || W.K == WarningSwitch::NotAsError;
    if (Weakens && Info->Control == CheckControl::Required) {
      llvm::errs() << "schemac: error: check '" << W.Check
                   << "' cannot be turned off ('" << G.Spelled
                   << "'): schemac cannot go on past it\n";
      return false;
    }
    Switches.push_back(W);
  }
  return true;
}
