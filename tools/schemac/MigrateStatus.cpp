//===- MigrateStatus.cpp - `schemac migrate status` and `stamp` -----------===//
//
// `status` shows each version of the chain as the database has it, and the
// versions the database has that the chain lacks. `stamp` adopts a
// database that was built without the applier (by hand, by an ORM, from
// `schemac compile`): it records the chain up to a version as applied,
// without running it, once the database is seen to have that version's
// schema.
//===----------------------------------------------------------------------===//

#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/MigrateSession.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/Migration.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace schemac;
using namespace schemac::driver;

static int usage(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
  return ExitInvalid;
}

//===----------------------------------------------------------------------===//
// migrate status
//===----------------------------------------------------------------------===//

/// What a line says after the label: when and how it was applied.
static std::string appliedDetail(const VersionStatus &V) {
  if (!V.Row)
    return "";
  std::string Out = V.Row->AppliedAt;
  Out += V.Row->ExecutionMs
             ? llvm::formatv("  {0} ms", *V.Row->ExecutionMs).str()
             : std::string("  stamped");
  if (V.State == MigrationState::Modified)
    Out += "  (the up file changed after it was applied)";
  if (V.State == MigrationState::Unknown)
    Out += "  (not in the directory)";
  return Out;
}

int driver::runMigrateStatus(const ApplierOptions &Options) {
  if (Options.Database.empty())
    return usage("no database given: schemac migrate status --db URL "
                 "[--dir DIR]");
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  MigrateSession Session(Options, SM, Setup.engine());
  if (!Session.readDirectory() || !Session.connect(/*Lock=*/false))
    return Setup.finish(ExitInvalid);

  const DatabaseStatus &Status = Session.status();
  const VersionStatus *Gap = Status.firstGap();
  size_t Width = 0;
  for (const VersionStatus &V : Status.Versions)
    Width = std::max(Width, V.label().size());
  llvm::outs() << "'" << Options.Directory << "' on '"
               << Session.shownDatabase() << "', version table "
               << Session.table().qualifiedName() << "\n";
  bool OutOfOrder = false;
  for (const VersionStatus &V : Status.Versions) {
    // A pending version with an applied one after it.
    bool Skipped =
        Gap && V.State == MigrationState::Pending && &V < Status.current();
    OutOfOrder |= Skipped;
    std::string Detail = Skipped ? "(out of order: a later version is applied)"
                                 : appliedDetail(V);
    llvm::outs() << llvm::formatv("  {0,-9} {1}", stateName(V.State),
                                  V.label());
    if (!Detail.empty())
      llvm::outs().indent(Width - V.label().size() + 2) << Detail;
    llvm::outs() << "\n";
  }
  unsigned Problems = Status.count(MigrationState::Modified) +
                      Status.count(MigrationState::Unknown) + OutOfOrder;
  llvm::outs() << "at " << Session.currentLabel() << ": "
               << Status.count(MigrationState::Applied) +
                      Status.count(MigrationState::Modified)
               << " applied, " << Status.count(MigrationState::Pending)
               << " pending";
  if (unsigned Modified = Status.count(MigrationState::Modified))
    llvm::outs() << ", " << Modified << " modified";
  if (unsigned Unknown = Status.count(MigrationState::Unknown))
    llvm::outs() << ", " << Unknown << " unknown";
  llvm::outs() << "\n";
  if (Problems)
    llvm::outs() << "'schemac migrate apply' refuses this database until "
                    "that is resolved\n";
  return Setup.finish(Problems ? ExitFindings : ExitOk);
}

//===----------------------------------------------------------------------===//
// migrate stamp
//===----------------------------------------------------------------------===//

/// Whether the database has the schema M leads to, reporting what differs.
/// At the head the snapshot is compared the way diff compares; before it,
/// only the schema hash of M's header is known.
static bool matchesVersion(MigrateSession &Session, const Migration &M,
                           const ApplierOptions &Options, llvm::SourceMgr &SM,
                           DiagnosticEngine &Diags, bool &Failed) {
  auto *Database = new CompiledSchema, *Snapshot = new CompiledSchema;
  // Kept to exit, like every compiled schema: the IR points into them.
  if (!compileComparison({Options.Database}, {Options.Directory}, SM, Diags,
                         SchemaFilter(), *Database, *Snapshot, Options.DevDb)) {
    Failed = true;
    return false;
  }
  if (&M == Session.directory().head()) {
    MigrationPlan Differences =
        planMigration(Database->Sema->IR, Snapshot->Sema->IR);
    if (Differences.empty())
      return true;
    auto Builder = Diags.report(DiagID::err_stamp_differs,
                                Session.directory().snapshotFile()->start(),
                                M.label(), Differences.Steps.size());
    for (const MigrationStep &S : Differences.Steps)
      Builder.note(DiagID::note_replay_change, llvm::SMRange(), S.line());
    Builder.note(DiagID::note_stamp_force, llvm::SMRange(), Options.Directory);
    return false;
  }
  std::string Hash = schemaHash(Database->Sema->IR);
  if (Hash == M.schemaHash())
    return true;
  Diags
      .report(DiagID::err_stamp_hash, M.Up->Header->SchemaHashRange, Hash,
              M.schemaHash(), M.label())
      .note(DiagID::note_stamp_force, llvm::SMRange(),
            "the schema at " + M.label());
  return false;
}

int driver::runMigrateStamp(llvm::StringRef Version,
                            const ApplierOptions &Options) {
  if (Options.Database.empty())
    return usage("no database given: schemac migrate stamp VERSION --db URL "
                 "[--dir DIR] [--force]");
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();
  MigrateSession Session(Options, SM, Diags);
  if (!Session.readDirectory() || !Session.connect(/*Lock=*/true))
    return Setup.finish(ExitInvalid);
  const Migration *Target = Session.findInChain(Version, "stamp");
  if (!Target)
    return Setup.finish(ExitInvalid);

  const DatabaseStatus &Status = Session.status();
  bool Recorded = !Status.Versions.empty() &&
                  llvm::any_of(Status.Versions, [](const VersionStatus &V) {
                    return V.Row != nullptr;
                  });
  if (Recorded && !Options.Force) {
    const AppliedMigration *Last = nullptr;
    unsigned Rows = 0;
    for (const VersionStatus &V : Status.Versions)
      if (V.Row) {
        ++Rows;
        if (!Last || versionLess(Last->Version, V.Row->Version))
          Last = V.Row;
      }
    Diags
        .report(DiagID::err_stamp_managed, llvm::SMLoc(), Rows,
                Session.table().qualifiedName(), Last->label())
        .note(DiagID::note_stamp_managed, llvm::SMRange());
    return Setup.finish(ExitInvalid);
  }

  bool Failed = false;
  if (!matchesVersion(Session, *Target, Options, SM, Diags, Failed)) {
    if (Failed)
      return Setup.finish(ExitInvalid);
    if (!Options.Force)
      return Setup.finish(ExitFindings);
    Diags.report(DiagID::warn_stamp_forced, llvm::SMLoc(),
                 "the database differs from the schema at '" + Target->label() +
                     "'");
  }

  std::vector<ScriptStatement> Script;
  for (std::string &S :
       Session.table().createStatements(Session.schemaExists()))
    Script.push_back({std::move(S), false});
  if (Recorded)
    Script.push_back({Session.table().deleteAllStatement(), false});
  size_t Count = Session.positionOf(*Target) + 1;
  for (const Migration *M : Session.chain().take_front(Count))
    Script.push_back(
        {Session.table().insertStatement(Session.rowFor(*M), "NULL"), false});
  if (llvm::Error E = runScript(Session.connection(), Script)) {
    Diags.report(
        DiagID::err_database, llvm::SMLoc(),
        "'" + Session.shownDatabase() +
            "': cannot record the versions: " + llvm::toString(std::move(E)));
    return Setup.finish(ExitInvalid);
  }
  llvm::outs() << "stamped '" << Session.shownDatabase() << "' at '"
               << Target->label() << "': " << Count << " version"
               << (Count == 1 ? "" : "s") << " recorded as applied, none run\n";
  return Setup.finish(ExitOk);
}
