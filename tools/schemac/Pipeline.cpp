//===- Pipeline.cpp - Schema files to a checked IR ------------------------===//

#include "tools/schemac/Pipeline.h"

#include "codegen/DDLEmitter.h"
#include "codegen/MigrationDirectory.h"
#include "codegen/SchemaSourceEmitter.h"
#include "frontend/Parser.h"
#include "frontend/SourceFiles.h"
#include "runtime/ConnectionString.h"
#include "runtime/DatabaseSource.h"
#include "runtime/ScratchDatabase.h"
#include "runtime/ServerNormalization.h"
#include "sema/Checks.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;

bool driver::isDatabaseArgument(const std::string &Input) {
  return isDatabaseSource(Input) && !llvm::sys::fs::exists(Input);
}

/// Errors are counted from here: a replay reads its database back after
/// other errors were reported.
static bool resolve(CompiledSchema &Out, DiagnosticEngine &Diags) {
  unsigned ErrorsBefore = Diags.getErrorCount();
  std::vector<const ast::Module *> Views;
  for (const auto &M : Out.Modules)
    Views.push_back(M.get());
  Out.Sema = buildIR(Views, Diags);
  return Out.Sema && Diags.getErrorCount() == ErrorsBefore;
}

bool driver::compileInspected(const ir::Schema &Inspected,
                              const std::string &Name, llvm::SourceMgr &SM,
                              DiagnosticEngine &Diags, CompiledSchema &Out) {
  llvm::raw_string_ostream OS(Out.DatabaseSource);
  emitSchemaSource(Inspected, OS);
  OS.flush();
  unsigned ID = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Out.DatabaseSource, Name),
      llvm::SMLoc());
  unsigned ErrorsBefore = Diags.getErrorCount();
  if (auto M = parseBuffer(ID, Diags))
    Out.Modules.push_back(std::move(M));
  return Diags.getErrorCount() == ErrorsBefore && resolve(Out, Diags);
}

/// The database read as schema source, which then goes through the same
/// frontend as schema files: expressions as the server prints them are
/// parsed and resolved exactly like written ones.
static bool compileDatabase(const std::string &Input, llvm::SourceMgr &SM,
                            DiagnosticEngine &Diags, CompiledSchema &Out,
                            const SourceOptions &Options) {
  std::string Shown = redactPassword(Input);
  auto Database = inspectSource(Input, InspectOptions{Options.Filter.Schemas});
  if (!Database) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Database.takeError()));
    return false;
  }
  if (!Database->Unrepresented.empty())
    Diags.report(DiagID::warn_database_unrepresented, llvm::SMLoc(), Shown,
                 Database->Unrepresented.size(),
                 llvm::join(Database->Unrepresented, ", "));
  Out.FromDatabase = true;
  return compileInspected(Database->Schema, Shown, SM, Diags, Out);
}

bool driver::isMigrationDirectoryArgument(const std::string &Input) {
  return MigrationDirectory::looksLikeMigrationDirectory(Input);
}

/// A migration directory is its snapshot, once the directory is verified:
/// a broken chain is no schema to compare with.
static bool compileMigrationDirectory(const std::string &Path,
                                      llvm::SourceMgr &SM,
                                      DiagnosticEngine &Diags,
                                      CompiledSchema &Out) {
  auto Dir = MigrationDirectory::read(Path, SM, Diags);
  if (!Dir || !Dir->verify(Diags))
    return false;
  Out.Sema = SemaResult{Dir->snapshot(), {}};
  return true;
}

/// Parses, resolves and checks the buffers; only the errors reported since
/// ErrorsBefore count (lint compiles a base after the new schema's findings
/// were reported on the same engine).
static bool compileLoaded(llvm::ArrayRef<unsigned> BufferIDs,
                          DiagnosticEngine &Diags, StopAfter Stop,
                          CompiledSchema &Out, unsigned ErrorsBefore) {
  auto Ok = [&] { return Diags.getErrorCount() == ErrorsBefore; };
  for (unsigned ID : BufferIDs)
    if (auto M = parseBuffer(ID, Diags))
      Out.Modules.push_back(std::move(M));
  if (!Ok() || Stop == StopAfter::Parse)
    return Ok();
  if (!resolve(Out, Diags))
    return false;
  if (Stop == StopAfter::Checks)
    runChecks(Out.Sema->IR, Out.Sema->Sources, Diags);
  return Ok();
}

bool driver::compileSchema(llvm::ArrayRef<std::string> Inputs,
                           llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                           StopAfter Stop, CompiledSchema &Out,
                           const SourceOptions &Options) {
  auto Migrations = llvm::find_if(Inputs, isMigrationDirectoryArgument);
  if (Migrations != Inputs.end()) {
    if (Inputs.size() == 1)
      return compileMigrationDirectory(*Migrations, SM, Diags, Out);
    Diags.report(DiagID::err_migration_dir_with_files, llvm::SMLoc(),
                 *Migrations);
    return false;
  }
  auto Database = llvm::find_if(Inputs, isDatabaseArgument);
  if (Database != Inputs.end()) {
    if (Inputs.size() == 1)
      return compileDatabase(*Database, SM, Diags, Out, Options);
    Diags.report(DiagID::err_database_with_files, llvm::SMLoc(),
                 redactPassword(*Database));
    return false;
  }
  // A file that cannot be read is this schema's error too.
  unsigned ErrorsBefore = Diags.getErrorCount();
  return compileLoaded(loadSourceFiles(Inputs, SM, Diags), Diags, Stop, Out,
                       ErrorsBefore);
}

bool driver::compileBuffers(llvm::ArrayRef<unsigned> BufferIDs,
                            DiagnosticEngine &Diags, StopAfter Stop,
                            CompiledSchema &Out) {
  return compileLoaded(BufferIDs, Diags, Stop, Out, Diags.getErrorCount());
}

/// Side as PostgreSQL stores it: a database side already is; schema files
/// are loaded into a scratch database and read back.
static bool storedByServer(const CompiledSchema &Side, ScratchDatabase &Scratch,
                           llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                           CompiledSchema &Stored) {
  if (Side.FromDatabase) {
    Stored.Sema = Side.Sema;
    return true;
  }
  StringOutputContext DDL;
  if (llvm::Error E = DDLEmitter().emit(Side.Sema->IR, DDL)) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(std::move(E)));
    return false;
  }
  auto Database = Scratch.loadAndInspect(DDL.str());
  if (!Database) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Database.takeError()));
    return false;
  }
  return compileInspected(Database->Schema, "<dev-db>", SM, Diags, Stored);
}

static bool judgeByServer(CompiledSchema &Old, CompiledSchema &New,
                          const std::string &DevDb, llvm::SourceMgr &SM,
                          DiagnosticEngine &Diags) {
  auto Scratch = ScratchDatabase::create(DevDb);
  if (!Scratch) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Scratch.takeError()));
    return false;
  }
  auto *StoredOld = new CompiledSchema, *StoredNew = new CompiledSchema;
  if (!storedByServer(Old, **Scratch, SM, Diags, *StoredOld) ||
      !storedByServer(New, **Scratch, SM, Diags, *StoredNew))
    return false;
  adoptServerEquality(Old.Sema->IR, New.Sema->IR, StoredOld->Sema->IR,
                      StoredNew->Sema->IR);
  return true;
}

bool driver::compileComparison(llvm::ArrayRef<std::string> From,
                               llvm::ArrayRef<std::string> To,
                               llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                               const SchemaFilter &Filter, CompiledSchema &Old,
                               CompiledSchema &New,
                               const std::optional<std::string> &DevDb) {
  SourceOptions Options{Filter};
  llvm::append_range(Options.Filter.Exclude, defaultExcludes());
  // A bad glob is a usage error, said before any connection is made.
  ir::Schema Empty;
  if (llvm::Error E = applyFilter(Empty, Options.Filter)) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(std::move(E)));
    return false;
  }
  bool Ok = compileSchema(From, SM, Diags, StopAfter::Checks, Old, Options);
  Ok &= compileSchema(To, SM, Diags, StopAfter::Checks, New, Options);
  if (!Ok || !Old.Sema || !New.Sema)
    return false;
  SchemaFilter Both = Options.Filter;
  llvm::append_range(Both.Exclude, Old.Sema->IR.Exclude);
  llvm::append_range(Both.Exclude, New.Sema->IR.Exclude);
  for (CompiledSchema *Side : {&Old, &New})
    if (llvm::Error E = applyFilter(Side->Sema->IR, Both)) {
      // Only a `database { exclude }` glob can still be malformed here.
      Diags.report(DiagID::err_database, llvm::SMLoc(),
                   llvm::toString(std::move(E)));
      return false;
    }
  return !DevDb || judgeByServer(Old, New, *DevDb, SM, Diags);
}

bool driver::reportPlanErrors(const MigrationPlan &Plan) {
  for (const std::string &E : Plan.Errors)
    llvm::WithColor::error(llvm::errs(), "schemac") << E << "\n";
  return Plan.Errors.empty();
}

bool driver::checkDestructive(const MigrationPlan &Plan, bool Allowed,
                              llvm::StringRef Verb) {
  if (Allowed || !Plan.hasDestructiveSteps())
    return true;
  llvm::WithColor::error(llvm::errs(), "schemac")
      << "the migration would lose data; refusing these changes:\n";
  for (const MigrationStep &S : Plan.Steps)
    if (S.Destructive) {
      llvm::errs() << "  ";
      if (!llvm::StringRef(S.Summary).startswith(S.Subject))
        llvm::errs() << S.Subject << ": ";
      llvm::errs() << S.Summary << "\n";
    }
  llvm::errs() << "pass --allow-destructive to " << Verb
               << " them, or mark a rename with @renamed_from(\"old name\")\n";
  return false;
}
