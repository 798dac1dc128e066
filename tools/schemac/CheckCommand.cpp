//===- CheckCommand.cpp - `schemac check` ---------------------------------===//
//
// Everything `compile` checks, and nothing written: for editors, pre-commit
// hooks and CI. Exit 0 without errors (warnings allowed), 2 with.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/Pipeline.h"

#include "frontend/CheckRegistry.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::CheckCommand(
    "check", "Check schema files and report problems, writing nothing");

namespace {
cl::OptionCategory CheckCategory("Check options");

cl::list<std::string> Inputs(cl::Positional, cl::ZeroOrMore,
                             cl::desc("<schema file or directory>..."),
                             cl::sub(driver::CheckCommand),
                             cl::cat(CheckCategory));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the checks with a line about each"),
                         cl::sub(driver::CheckCommand), cl::cat(CheckCategory));
} // namespace

cl::OptionCategory &driver::checkCategory() { return CheckCategory; }

int driver::runCheckCommand() {
  if (ListChecks) {
    for (const CheckInfo &C : allChecks())
      llvm::outs() << llvm::left_justify(C.Name, 22) << " "
                   << (C.DefaultLevel == Severity::Error ? "error  "
                                                         : "warning")
                   << "  " << C.Summary << "\n";
    return ExitOk;
  }
  if (Inputs.empty()) {
    llvm::errs() << "schemac check: error: no schema files given\n";
    return ExitInvalid;
  }
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  CompiledSchema Schema;
  bool Ok =
      compileSchema(Inputs, SM, Setup.engine(), StopAfter::Checks, Schema);
  return Setup.finish(Ok ? ExitOk : ExitInvalid);
}
