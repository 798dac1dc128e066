//===- DriftCommand.cpp - `schemac drift` ---------------------------------===//
//
// Whether a live database still matches its schema files: the report of the
// migration from the database to the schema, exit 1 when it is not empty.
// Meant for CI and cron jobs, so it never refuses anything: a drop the
// schema would need is drift like any other, and is reported.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DatabaseOptions.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/Backend.h"
#include "codegen/Migration.h"
#include "codegen/MigrationWriter.h"

#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::DriftCommand(
    "drift", "Report how a live database differs from its schema files");

namespace {
cl::OptionCategory DriftCategory("Drift options");

cl::opt<std::string> Database("db", cl::Required,
                              cl::desc("The database to check"),
                              cl::value_desc("URL|conninfo"),
                              cl::sub(driver::DriftCommand),
                              cl::cat(DriftCategory));
cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                             cl::desc("<schema file or directory>..."),
                             cl::sub(driver::DriftCommand),
                             cl::cat(DriftCategory));
cl::opt<std::string> Output("o", cl::desc("Write the report to <file>"),
                            cl::value_desc("file"), cl::init("-"),
                            cl::sub(driver::DriftCommand),
                            cl::cat(DriftCategory));
DatabaseOptions DBOptions(driver::DriftCommand, DriftCategory,
                          DatabaseOptions::WithDevDb);
} // namespace

cl::OptionCategory &driver::driftCategory() { return DriftCategory; }

int driver::runDriftCommand() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  auto Fail = [&](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
    return Setup.finish(ExitInvalid);
  };
  if (!isDatabaseArgument(Database))
    return Fail("'" + Database +
                "' is not a database; give a postgres:// URL or a conninfo "
                "string (host=... dbname=...)");
  for (const std::string &Input : Inputs)
    if (isDatabaseArgument(Input))
      return Fail("schemac drift compares a database with schema files; "
                  "give the database with --db");

  auto *Live = new CompiledSchema, *Written = new CompiledSchema; // to exit
  if (!compileComparison({Database}, Inputs, SM, Setup.engine(),
                         DBOptions.filter(), *Live, *Written,
                         DBOptions.devDatabase()))
    return Setup.finish(ExitInvalid);
  MigrationPlan Plan = planMigration(Live->Sema->IR, Written->Sema->IR);
  if (!Plan.Errors.empty()) {
    for (const std::string &E : Plan.Errors)
      llvm::WithColor::error(llvm::errs(), "schemac") << E << "\n";
    return Setup.finish(ExitInvalid);
  }
  FileOutputContext Out(Output);
  writeMigrationReport(Plan, Out.stream());
  if (llvm::Error E = Out.commit())
    return Fail("cannot write '" + Output + "': " + toString(std::move(E)));
  return Setup.finish(Plan.empty() ? ExitOk : ExitFindings);
}
