//===- DiffCommand.cpp - `schemac diff` -----------------------------------===//
//
// The migration from one schema to another: both sides compiled and
// checked, then planned IR against IR. Destructive steps are refused unless
// asked for, so nothing destructive is ever printed by accident.
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

cl::SubCommand
    driver::DiffCommand("diff",
                        "Print the migration from one schema to another");

namespace {
enum class Format { SQL, Report, JSON };

cl::OptionCategory DiffCategory("Diff options");

cl::list<std::string> FromInputs("from", cl::OneOrMore,
                                 cl::desc("The schema as it is"),
                                 cl::value_desc("file|dir|database"),
                                 cl::sub(driver::DiffCommand),
                                 cl::cat(DiffCategory));
cl::list<std::string> ToInputs("to", cl::OneOrMore,
                               cl::desc("The schema as it should be"),
                               cl::value_desc("file|dir|database"),
                               cl::sub(driver::DiffCommand),
                               cl::cat(DiffCategory));
cl::opt<Format> OutputFormat(
    "format", cl::desc("What to print"),
    cl::values(clEnumValN(Format::SQL, "sql", "the migration's SQL (default)"),
               clEnumValN(Format::Report, "report", "one line per change"),
               clEnumValN(Format::JSON, "json", "the changes, for tools")),
    cl::init(Format::SQL), cl::sub(driver::DiffCommand), cl::cat(DiffCategory));
cl::opt<bool> Down("down", cl::desc("The migration back, from --to to --from"),
                   cl::sub(driver::DiffCommand), cl::cat(DiffCategory));
cl::opt<bool> ExitOnChanges("exit-code",
                            cl::desc("Exit with 1 when there are changes"),
                            cl::sub(driver::DiffCommand),
                            cl::cat(DiffCategory));
cl::opt<bool> AllowDestructive(
    "allow-destructive",
    cl::desc("Print drops and narrowing changes instead of refusing them"),
    cl::sub(driver::DiffCommand), cl::cat(DiffCategory));
cl::opt<std::string> Output("o", cl::desc("Write the output to <file>"),
                            cl::value_desc("file"), cl::init("-"),
                            cl::sub(driver::DiffCommand),
                            cl::cat(DiffCategory));
DatabaseOptions DBOptions(driver::DiffCommand, DiffCategory,
                          DatabaseOptions::WithDevDb);
} // namespace

cl::OptionCategory &driver::diffCategory() { return DiffCategory; }

int driver::runDiffCommand() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  auto *Old = new CompiledSchema, *New = new CompiledSchema; // kept to exit
  if (!compileComparison(FromInputs, ToInputs, SM, Setup.engine(),
                         DBOptions.filter(), *Old, *New,
                         DBOptions.devDatabase()))
    return Setup.finish(ExitInvalid);

  const ir::Schema *From = &Old->Sema->IR, *To = &New->Sema->IR;
  if (Down)
    std::swap(From, To);
  MigrationPlan Plan = planMigration(*From, *To);

  auto Fail = [&](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
  };
  if (!reportPlanErrors(Plan) ||
      !checkDestructive(Plan, AllowDestructive, "print"))
    return Setup.finish(ExitInvalid);

  FileOutputContext Out(Output);
  switch (OutputFormat) {
  case Format::SQL:
    writeMigrationSQL(Plan, Out.stream());
    break;
  case Format::Report:
    writeMigrationReport(Plan, Out.stream());
    break;
  case Format::JSON:
    writeMigrationJSON(Plan, Out.stream());
    break;
  }
  if (llvm::Error E = Out.commit()) {
    Fail("cannot write '" + Output + "': " + toString(std::move(E)));
    return Setup.finish(ExitInvalid);
  }
  return Setup.finish(ExitOnChanges && !Plan.empty() ? ExitFindings : ExitOk);
}
