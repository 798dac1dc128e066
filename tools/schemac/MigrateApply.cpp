//===- MigrateApply.cpp - `schemac migrate apply` and `down` --------------===//
//
// Moves a database along the chain of a migration directory: up to the
// head (or --to a version) by the up files, back (one version, or --to a
// version) by the down files. Each migration runs in its own transaction
// with the statement that records it in the version table, under the
// migration lock; the first failure stops the run with that migration
// rolled back. --dry-run and --sql write the same statements as a psql
// script instead of running them.
//===----------------------------------------------------------------------===//

#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/MigrateSession.h"

#include "codegen/Backend.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;

namespace {

int usage(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
  return ExitInvalid;
}

enum class Direction { Up, Down };

/// The steps of a run: the migrations in the order they run, and which
/// file of each.
struct RunPlan {
  Direction Dir = Direction::Up;
  std::vector<const Migration *> Steps;
  /// The label of the version the database is at before and after.
  std::string From, To;
};

/// The statement that records (up) or forgets (down) M.
std::string recordStatement(const MigrateSession &Session, const RunPlan &Plan,
                            const Migration &M,
                            llvm::StringRef ExecutionMsSQL) {
  if (Plan.Dir == Direction::Down)
    return Session.table().deleteStatement(M.Version);
  return Session.table().insertStatement(Session.rowFor(M), ExecutionMsSQL);
}

/// Writes Plan as a psql script: the lock, the version table, then each
/// migration as runScript would run it, with its record.
int writeScript(MigrateSession &Session, const RunPlan &Plan,
                const ApplierOptions &Options) {
  FileOutputContext Out(Options.ScriptFile.empty() ? "-" : Options.ScriptFile);
  llvm::raw_ostream &OS = Out.stream();
  bool Up = Plan.Dir == Direction::Up;
  OS << "-- schemac migrate " << (Up ? "apply" : "down") << ", directory '"
     << Options.Directory << "': ";
  if (Plan.Steps.empty())
    OS << "nothing to " << (Up ? "apply" : "revert");
  else
    OS << Plan.Steps.size() << " migration"
       << (Plan.Steps.size() == 1 ? "" : "s") << ", from " << Plan.From
       << " to " << Plan.To;
  OS << "\n-- for "
     << (Session.connected() ? "'" + Session.shownDatabase() + "'"
                             : std::string("a database without migrations"))
     << "; run it with: psql -v ON_ERROR_STOP=1 -f FILE\n\n";
  if (!Plan.Steps.empty()) {
    std::string Key = std::to_string(Session.table().lockKey());
    OS << "SELECT pg_advisory_lock(" << Key << ");\n";
    if (Up)
      for (const std::string &S :
           Session.table().createStatements(Session.schemaExists()))
        OS << S << "\n";
    for (const Migration *M : Plan.Steps) {
      const MigrationFile &File = Up ? *M->Up : *M->Down;
      std::vector<ScriptStatement> Script = scriptOf(File);
      // In a script, the migration's transaction began at its BEGIN.
      Script.push_back(
          {recordStatement(Session, Plan, *M, executionMsSince("now()")),
           false});
      OS << "\n-- " << File.FileName << "\n";
      writeScript(OS, Script);
    }
    OS << "\nSELECT pg_advisory_unlock(" << Key << ");\n";
  }
  if (llvm::Error E = Out.commit())
    return usage("cannot write '" + Options.ScriptFile +
                 "': " + llvm::toString(std::move(E)));
  return ExitOk;
}

/// Runs Plan on the session's database, stopping at the first failure.
int runPlan(MigrateSession &Session, const RunPlan &Plan) {
  bool Up = Plan.Dir == Direction::Up;
  if (Plan.Steps.empty()) {
    llvm::outs() << "nothing to " << (Up ? "apply" : "revert")
                 << ": the database is at " << Plan.From << "\n";
    return ExitOk;
  }
  if (Up) {
    std::vector<ScriptStatement> Create;
    for (std::string &S :
         Session.table().createStatements(Session.schemaExists()))
      Create.push_back({std::move(S), false});
    if (llvm::Error E = runScript(Session.connection(), Create))
      return usage("cannot create the version table " +
                   Session.table().qualifiedName() + " in '" +
                   Session.shownDatabase() + "': " + toString(std::move(E)));
  }
  for (const Migration *M : Plan.Steps) {
    int Result = Session.runMigration(
        *M, Up ? *M->Up : *M->Down, Up ? "applied" : "reverted",
        [&](llvm::StringRef ExecutionMsSQL) {
          return recordStatement(Session, Plan, *M, ExecutionMsSQL);
        });
    if (Result != ExitOk) {
      llvm::errs() << "schemac: stopped; the database is at "
                   << Session.currentLabel();
      if (Session.lastRunInDoubt()) {
        // Where it was after the previous migration, or after this one.
        if (Up)
          Session.noteApplied(*M);
        else
          Session.noteReverted(*M);
        llvm::errs() << " or " << Session.currentLabel();
      }
      llvm::errs() << "\n";
      return Result;
    }
    if (Up)
      Session.noteApplied(*M);
    else
      Session.noteReverted(*M);
  }
  llvm::outs() << "database at " << Session.currentLabel() << ": "
               << Plan.Steps.size() << " migration"
               << (Plan.Steps.size() == 1 ? "" : "s")
               << (Up ? " applied" : " reverted") << "\n";
  return ExitOk;
}

/// Reads the directory and the database (locked unless the run only
/// writes a script); false when either has problems (reported).
bool openSession(MigrateSession &Session, const ApplierOptions &Options,
                 bool Offline) {
  if (!Session.readDirectory())
    return false;
  if (Options.Database.empty())
    Session.assumeEmptyDatabase();
  else if (!Session.connect(/*Lock=*/!Offline))
    return false;
  return Session.checkConsistent();
}

std::string labelAt(const MigrateSession &Session, size_t Count) {
  if (Count == 0)
    return "no version";
  return "'" + Session.chain()[Count - 1]->label() + "'";
}

} // namespace

int driver::runMigrateApply(const ApplierOptions &Options) {
  bool Offline = Options.DryRun || !Options.ScriptFile.empty();
  if (Options.Database.empty() && !Offline)
    return usage("no database given: schemac migrate apply --db URL "
                 "[--dir DIR] (or --dry-run / --sql FILE for a script)");
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  MigrateSession Session(Options, SM, Setup.engine());
  if (!openSession(Session, Options, Offline))
    return Setup.finish(ExitInvalid);

  size_t Begin = Session.appliedCount(), End = Session.chain().size();
  if (Options.To) {
    const Migration *Target = Session.findInChain(*Options.To, "--to");
    if (!Target)
      return Setup.finish(ExitInvalid);
    End = Session.positionOf(*Target) + 1;
    if (End < Begin)
      return Setup.finish(usage("--to '" + Target->label() +
                                "' is already applied: the "
                                "database is at " +
                                Session.currentLabel() +
                                "; 'schemac migrate down --to " +
                                Target->Version + "' goes back to it"));
  }
  RunPlan Plan;
  Plan.Dir = Direction::Up;
  Plan.Steps.assign(Session.chain().begin() + Begin,
                    Session.chain().begin() + End);
  Plan.From = labelAt(Session, Begin);
  Plan.To = labelAt(Session, End);
  if (Offline)
    return Setup.finish(writeScript(Session, Plan, Options));
  return Setup.finish(runPlan(Session, Plan));
}

int driver::runMigrateDown(const ApplierOptions &Options) {
  if (Options.Database.empty())
    return usage("no database given: schemac migrate down --db URL "
                 "[--dir DIR] [--to VERSION]");
  bool Offline = Options.DryRun || !Options.ScriptFile.empty();
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  MigrateSession Session(Options, SM, Setup.engine());
  if (!openSession(Session, Options, Offline))
    return Setup.finish(ExitInvalid);

  size_t Applied = Session.appliedCount();
  size_t Keep = Applied ? Applied - 1 : 0;
  if (Options.To) {
    if (*Options.To == "0" || *Options.To == "none") {
      Keep = 0;
    } else {
      const Migration *Target = Session.findInChain(*Options.To, "--to");
      if (!Target)
        return Setup.finish(ExitInvalid);
      Keep = Session.positionOf(*Target) + 1;
      if (Keep > Applied)
        return Setup.finish(usage("--to '" + Target->label() +
                                  "' is not applied: the database "
                                  "is at " +
                                  Session.currentLabel() +
                                  "; 'schemac migrate apply "
                                  "--to " +
                                  Target->Version + "' goes forward to it"));
    }
  }
  RunPlan Plan;
  Plan.Dir = Direction::Down;
  for (size_t I = Applied; I > Keep; --I)
    Plan.Steps.push_back(Session.chain()[I - 1]);
  Plan.From = labelAt(Session, Applied);
  Plan.To = labelAt(Session, Keep);
  if (Offline)
    return Setup.finish(writeScript(Session, Plan, Options));
  return Setup.finish(runPlan(Session, Plan));
}
