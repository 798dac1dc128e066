//===- main.cpp - The schemac driver --------------------------------------===//
//
// Parses the command line into one subcommand and runs it. Usage errors exit
// with 2, like invalid input.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;

int main(int Argc, char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  llvm::cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { OS << "schemac " SCHEMAC_VERSION "\n"; });
  // libLLVM registers hundreds of options of its own; show only ours.
  llvm::cl::HideUnrelatedOptions(
      {&driver::diagnosticCategory(), &driver::compileCategory(),
       &driver::checkCategory(), &driver::diffCategory(),
       &driver::inspectCategory(), &driver::driftCategory(),
       &driver::lintCategory(), &driver::migrateCategory()});
  // LLVM's --color lives in the top-level command only; offer it in every
  // subcommand as well, since diagnostics print there.
  auto &TopLevel =
      llvm::cl::getRegisteredOptions(*llvm::cl::TopLevelSubCommand);
  if (llvm::cl::Option *Color = TopLevel.lookup("color")) {
    Color->setHiddenFlag(llvm::cl::NotHidden);
    llvm::cl::getRegisteredOptions(driver::CompileCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::CheckCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::DiffCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::InspectCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::DriftCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::LintCommand)["color"] = Color;
    llvm::cl::getRegisteredOptions(driver::MigrateCommand)["color"] = Color;
  }
  std::vector<std::string> Storage;
  std::vector<const char *> Args =
      driver::rewriteWarningFlags(llvm::makeArrayRef(Argv, Argc), Storage);
  if (!llvm::cl::ParseCommandLineOptions(
          static_cast<int>(Args.size()), Args.data(),
          "schemac: a compiler for PostgreSQL schemas\n\n"
          "  schemac compile FILE|DIR... [-o OUT]   schema files to SQL DDL\n"
          "  schemac check FILE|DIR...              report problems, write "
          "nothing\n"
          "  schemac diff --from SRC --to SRC       the migration between "
          "two schemas\n"
          "  schemac inspect DATABASE               a database as schema "
          "source\n"
          "  schemac drift --db DATABASE FILE|DIR...  how a database "
          "differs from its schema\n"
          "  schemac lint [--base SRC] FILE|DIR...  the checks, and what a "
          "change risks, for pull requests\n"
          "  schemac migrate new NAME FILE|DIR...   the next migration in "
          "a migration directory\n"
          "  schemac migrate verify                 check a migration "
          "directory (--replay: run it)\n"
          "  schemac migrate apply --db DATABASE    run the pending "
          "migrations (down: revert)\n"
          "  schemac migrate status --db DATABASE   what a database has "
          "applied\n"
          "  schemac migrate stamp VERSION --db DATABASE  adopt a database "
          "built without migrations\n",
          &llvm::errs()))
    return driver::ExitInvalid;

  // lint reads its configuration's check levels first: the flags override
  // them, so it applies the flags itself.
  if (driver::LintCommand)
    return driver::runLintCommand();
  if (!driver::applyWarningOptions())
    return driver::ExitInvalid;
  if (driver::CompileCommand)
    return driver::runCompileCommand();
  if (driver::CheckCommand)
    return driver::runCheckCommand();
  if (driver::DiffCommand)
    return driver::runDiffCommand();
  if (driver::InspectCommand)
    return driver::runInspectCommand();
  if (driver::DriftCommand)
    return driver::runDriftCommand();
  if (driver::MigrateCommand)
    return driver::runMigrateCommand();

  llvm::errs() << "schemac: error: no command given; see 'schemac --help'\n";
  return driver::ExitInvalid;
}
