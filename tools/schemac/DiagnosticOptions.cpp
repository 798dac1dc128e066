//===- DiagnosticOptions.cpp - Diagnostic flags every command shares -------===//

#include "tools/schemac/DiagnosticOptions.h"

#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "frontend/VerifyDiagnosticConsumer.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

namespace {
enum class Format { Text, JSON };

cl::OptionCategory DiagCategory("Diagnostic options");
} // namespace

cl::OptionCategory &driver::diagnosticCategory() { return DiagCategory; }

namespace {

cl::opt<Format> DiagFormat(
    "diagnostics-format", cl::desc("How diagnostics are printed"),
    cl::values(clEnumValN(Format::Text, "text", "file:line:col with a caret"),
               clEnumValN(Format::JSON, "json", "one JSON object per line")),
    cl::init(Format::Text), cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::opt<bool> Verify("verify",
                     cl::desc("Check diagnostics against expected-error/"
                              "expected-warning/expected-note comments"),
                     cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::opt<bool> WarningsAsErrors("Werror", cl::desc("Treat warnings as errors"),
                               cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

cl::opt<unsigned> ErrorLimit("ferror-limit",
                             cl::desc("Stop after N errors (0: no limit)"),
                             cl::init(20), cl::cat(DiagCategory), cl::sub(*cl::AllSubCommands));

} // namespace

DiagnosticSetup::DiagnosticSetup(llvm::SourceMgr &SM) {
  if (Verify) {
    Consumer = std::make_unique<VerifyDiagnosticConsumer>(SM, llvm::errs());
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
}

bool DiagnosticSetup::isVerifying() const { return Verify; }

int DiagnosticSetup::finish(int Result) {
  bool ConsumerOk = Consumer->finish();
  if (Verify)
    return ConsumerOk ? ExitOk : ExitFindings;
  return Result;
}
