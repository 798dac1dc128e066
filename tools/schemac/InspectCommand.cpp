//===- InspectCommand.cpp - `schemac inspect` -----------------------------===//
//
// A live database printed as schema source. What was read is printed,
// compiled, and the compiled IR printed again: what is written is known to
// compile, to the database's IR. The checks are not run on it (they are for
// schemas being written, not for reading what exists).
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DatabaseOptions.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/Backend.h"
#include "codegen/SchemaSourceEmitter.h"

#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::InspectCommand("inspect",
                                      "Print a live database as schema source");

namespace {
cl::OptionCategory InspectCategory("Inspect options");

cl::opt<std::string> Database(cl::Positional, cl::Required,
                              cl::desc("<database URL or conninfo>"),
                              cl::sub(driver::InspectCommand),
                              cl::cat(InspectCategory));
cl::opt<std::string> Output("o", cl::desc("Write the output to <file>"),
                            cl::value_desc("file"), cl::init("-"),
                            cl::sub(driver::InspectCommand),
                            cl::cat(InspectCategory));
DatabaseOptions DBOptions(driver::InspectCommand, InspectCategory,
                          DatabaseOptions::NoDevDb);
} // namespace

cl::OptionCategory &driver::inspectCategory() { return InspectCategory; }

int driver::runInspectCommand() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  if (!isDatabaseArgument(Database)) {
    llvm::WithColor::error(llvm::errs(), "schemac")
        << "'" << Database
        << "' is not a database; give a postgres:// URL or a conninfo "
           "string (host=... dbname=...)\n";
    return Setup.finish(ExitInvalid);
  }
  SourceOptions Options{DBOptions.filter()};
  llvm::append_range(Options.Filter.Exclude, defaultExcludes());
  auto *Read = new CompiledSchema; // kept to exit
  if (!compileSchema({Database}, SM, Setup.engine(), StopAfter::Checks, *Read,
                     Options))
    return Setup.finish(ExitInvalid);
  // Printed again from the compiled IR rather than as first read: the
  // expressions are trees now, so the names PostgreSQL derived from them
  // are recognised as defaults and left out.
  ir::Schema &IR = Read->Sema->IR;
  Options.Filter.KeepReferenced = true;
  if (llvm::Error E = applyFilter(IR, Options.Filter)) {
    llvm::WithColor::error(llvm::errs(), "schemac")
        << toString(std::move(E)) << "\n";
    return Setup.finish(ExitInvalid);
  }
  FileOutputContext Out(Output);
  emitSchemaSource(IR, Out.stream());
  if (llvm::Error E = Out.commit()) {
    llvm::WithColor::error(llvm::errs(), "schemac")
        << "cannot write '" << Output << "': " << toString(std::move(E))
        << "\n";
    return Setup.finish(ExitInvalid);
  }
  return Setup.finish(ExitOk);
}
