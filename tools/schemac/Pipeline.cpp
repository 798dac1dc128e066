//===- Pipeline.cpp - Schema files to a checked IR ------------------------===//

#include "tools/schemac/Pipeline.h"

#include "frontend/Parser.h"
#include "frontend/SourceFiles.h"
#include "runtime/ConnectionString.h"
#include "sema/Checks.h"

#include "llvm/Support/FileSystem.h"

using namespace schemac;
using namespace schemac::driver;

bool driver::compileSchema(llvm::ArrayRef<std::string> Inputs,
                           llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                           StopAfter Stop, CompiledSchema &Out) {
  // A database is a SRC too, but reading one is not there yet: said so
  // plainly rather than as a file that cannot be read, its password hidden.
  for (const std::string &Input : Inputs)
    if (isDatabaseSource(Input) && !llvm::sys::fs::exists(Input))
      Diags.report(DiagID::err_database_source_unsupported, llvm::SMLoc(),
                   redactPassword(Input));
  if (Diags.hasErrors())
    return false;
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
