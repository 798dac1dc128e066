//===- Pipeline.cpp - Schema files to a checked IR ------------------------===//

#include "tools/schemac/Pipeline.h"

#include "frontend/Parser.h"
#include "frontend/SourceFiles.h"
#include "sema/Checks.h"

using namespace schemac;
using namespace schemac::driver;

bool driver::compileSchema(llvm::ArrayRef<std::string> Inputs,
                           llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                           StopAfter Stop, CompiledSchema &Out) {
  for (unsigned ID : loadSourceFiles(Inputs, SM, Diags))
    if (auto M = parseBuffer(ID, Diags))
      Out.Modules.push_back(std::move(M));
  if (Diags.hasErrors() || Stop == StopAfter::Parse)
    return !Diags.hasErrors();

  std::vector<const ast::Module *> Views;
  for (const auto &M : Out.Modules)
    Views.push_back(M.get());
  Out.Sema = buildIR(Views, Diags);
  if (!Out.Sema)
    return false;
  runChecks(Out.Sema->IR, Out.Sema->Sources, Diags);
  return !Diags.hasErrors();
}
