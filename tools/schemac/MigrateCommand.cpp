//===- MigrateCommand.cpp - `schemac migrate` -----------------------------===//
//
// One subcommand for the migration directory (docs/migrations.md), whose
// first argument is the action: `new` plans the change from the directory's
// snapshot to the schema files and writes the next pair of files; `verify`
// checks the directory and, with --replay, runs it on an empty database.
// The directory model itself is codegen/MigrationDirectory.h, shared with
// `diff --from DIR` and the applier, whose actions (apply, down, status,
// stamp) are in MigrateApply.cpp and MigrateStatus.cpp. Alembic
// directories are handled in MigrateAlembic.cpp.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/MigrateSession.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/Migration.h"
#include "codegen/MigrationDirectory.h"
#include "codegen/MigrationWriter.h"
#include "runtime/ScratchDatabase.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::MigrateCommand(
    "migrate", "Write and verify migrations in a migration directory");

namespace {
enum class Format { SQL, Alembic };

cl::OptionCategory MigrateCategory("Migrate options");

cl::list<std::string>
    Arguments(cl::Positional, cl::ZeroOrMore,
              cl::desc("new NAME <schema file or directory>... | verify | "
                       "apply | down | status | stamp VERSION"),
              cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<std::string> Directory("dir",
                               cl::desc("The migration directory (default: "
                                        "migrations)"),
                               cl::value_desc("dir"), cl::init("migrations"),
                               cl::sub(driver::MigrateCommand),
                               cl::cat(MigrateCategory));
cl::opt<bool> AllowDestructive(
    "allow-destructive",
    cl::desc("new: write drops and narrowing changes instead of refusing "
             "them"),
    cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<Format> OutputFormat(
    "format", cl::desc("new: what to write"),
    cl::values(clEnumValN(Format::SQL, "sql",
                          "a pair of SQL files in --dir (default)"),
               clEnumValN(Format::Alembic, "alembic",
                          "an Alembic revision in --alembic")),
    cl::init(Format::SQL), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<std::string> AlembicDirectory(
    "alembic",
    cl::desc("An Alembic versions directory: verify it, or write the new "
             "revision there (with --format=alembic)"),
    cl::value_desc("dir"), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<std::string> AlembicFrom(
    "from",
    cl::desc("new --format=alembic: the schema at the Alembic head (a "
             "database upgraded to it, or its schema files)"),
    cl::value_desc("file|dir|database"), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<bool> Replay(
    "replay",
    cl::desc("verify: also run the chain on an empty database, up to the "
             "snapshot and down to empty"),
    cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<std::string> DevDb(
    "dev-db", cl::ValueOptional,
    cl::desc("verify --replay, stamp, new --format=alembic: use a scratch "
             "database on this server instead of a temporary server of "
             "schemac's own"),
    cl::value_desc("URL|conninfo"), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<std::string>
    Database("db",
             cl::desc("apply, down, status, stamp: the database to migrate"),
             cl::value_desc("URL|conninfo"), cl::sub(driver::MigrateCommand),
             cl::cat(MigrateCategory));
cl::opt<std::string> VersionSchema(
    "version-schema",
    cl::desc("The schema of the version table schemac_migrations (default: "
             "public)"),
    cl::value_desc("schema"), cl::init("public"),
    cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<bool> NoWait(
    "no-wait",
    cl::desc("apply, down, stamp: exit at once when another applier holds "
             "the migration lock, instead of waiting for it"),
    cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<bool>
    DryRun("dry-run",
           cl::desc("apply, down: print the script that would run instead of "
                    "running it"),
           cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));
cl::opt<std::string> ScriptFile(
    "sql",
    cl::desc("apply, down: write the script that would run to <file> (for "
             "review, or psql) instead of running it"),
    cl::value_desc("file"), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<std::string> ToVersion(
    "to",
    cl::desc("apply: stop after this version; down: revert down to this "
             "version, kept (0 reverts every migration)"),
    cl::value_desc("version"), cl::sub(driver::MigrateCommand),
    cl::cat(MigrateCategory));
cl::opt<bool>
    Force("force",
          cl::desc("stamp: record the version even when the database does not "
                   "match its schema, or already has a record"),
          cl::sub(driver::MigrateCommand), cl::cat(MigrateCategory));

/// `--dev-db`'s server: none when not given, empty for schemac's own.
std::optional<std::string> devDatabase() {
  if (!DevDb.getNumOccurrences())
    return std::nullopt;
  return DevDb.getValue();
}

int usage(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
  return ExitInvalid;
}

bool isMigrationName(llvm::StringRef Name) {
  return !Name.empty() && llvm::all_of(Name, [](char C) {
    return llvm::isDigit(C) || (C >= 'a' && C <= 'z') || C == '_';
  });
}

std::string inDirectory(llvm::StringRef File) {
  llvm::SmallString<256> Path(Directory.getValue());
  llvm::sys::path::append(Path, File);
  return std::string(Path);
}

//===----------------------------------------------------------------------===//
// migrate new
//===----------------------------------------------------------------------===//

int runNew(llvm::StringRef Name, llvm::ArrayRef<std::string> Inputs) {
  if (!isMigrationName(Name))
    return usage("invalid migration name '" + Name +
                 "': use lowercase letters, digits and '_'");
  if (Inputs.empty())
    return usage("no schema files given: schemac migrate new NAME "
                 "[--dir DIR] FILE|DIR...");

  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();
  auto Dir = MigrationDirectory::read(Directory, SM, Diags,
                                      /*MayBeAbsent=*/true);
  if (!Dir)
    return Setup.finish(ExitInvalid);
  if (!Dir->verify(Diags)) {
    usage("migration directory '" + Directory +
          "' has problems (above); nothing written");
    return Setup.finish(ExitInvalid);
  }

  auto *New = new CompiledSchema; // kept to exit: freeing it is wasted time
  if (!compileSchema(Inputs, SM, Diags, StopAfter::Checks, *New))
    return Setup.finish(ExitInvalid);
  const ir::Schema &Old = Dir->snapshot();
  MigrationPlan Up = planMigration(Old, New->Sema->IR);
  if (!reportPlanErrors(Up))
    return Setup.finish(ExitInvalid);
  if (Up.empty()) {
    llvm::outs() << "no changes; nothing written\n";
    return Setup.finish(ExitOk);
  }
  if (!checkDestructive(Up, AllowDestructive, "write"))
    return Setup.finish(ExitInvalid);
  // Back to the old schema: destructive by nature, so always written (the
  // steps are marked in the file).
  MigrationPlan Down = planMigration(New->Sema->IR, Old);
  if (!reportPlanErrors(Down))
    return Setup.finish(ExitInvalid);

  auto Added = Dir->addMigration(Name, Up, Down, New->Sema->IR);
  if (!Added) {
    usage(llvm::toString(Added.takeError()));
    return Setup.finish(ExitInvalid);
  }
  llvm::outs() << "wrote " << inDirectory(Added->UpFile) << "\n"
               << "wrote " << inDirectory(Added->DownFile) << "\n";
  return Setup.finish(ExitOk);
}

//===----------------------------------------------------------------------===//
// migrate verify --replay
//===----------------------------------------------------------------------===//

/// Runs the chain in a fresh database: each up file, checking the schema
/// its header declares; the snapshot at the end; then each down file back,
/// checking the same way, to an empty database.
class Replayer {
public:
  Replayer(const MigrationDirectory &Dir, llvm::SourceMgr &SM,
           DiagnosticEngine &Diags)
      : Dir(Dir), SM(SM), Diags(Diags) {}

  /// ExitOk, ExitFindings when the chain does not replay as its files
  /// say, ExitInvalid when no database could be had.
  int run();

private:
  /// Runs F; false (reported) when the server refused a statement.
  bool runFile(const MigrationFile &F);
  /// The database's schema, compiled as inspected schemas are.
  std::optional<ir::Schema> readBack(const MigrationFile &After,
                                     bool ReportUnrepresented);
  /// Whether the database's schema has the hash F's header declares.
  bool checkHash(const MigrationFile &F, const ir::Schema &Database);
  int replayChain();

  const MigrationDirectory &Dir;
  llvm::SourceMgr &SM;
  DiagnosticEngine &Diags;
  std::unique_ptr<FreshDatabase> Database;
  bool DatabaseFailed = false;
  std::vector<std::unique_ptr<CompiledSchema>> ReadBack;
};

bool Replayer::runFile(const MigrationFile &F) {
  llvm::Error E = Database->run(scriptOf(F));
  bool Ok = true;
  llvm::handleAllErrors(
      std::move(E),
      [&](const StatementError &Refused) {
        reportRefusedStatement(Diags, DiagID::err_replay_statement, F, Refused);
        Ok = false;
      },
      [&](const llvm::ErrorInfoBase &Other) {
        Diags.report(DiagID::err_database, llvm::SMLoc(), Other.message());
        Ok = false;
        DatabaseFailed = true;
      });
  return Ok;
}

std::optional<ir::Schema> Replayer::readBack(const MigrationFile &After,
                                             bool ReportUnrepresented) {
  auto Inspected = Database->inspect();
  if (!Inspected) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Inspected.takeError()));
    DatabaseFailed = true;
    return std::nullopt;
  }
  std::string Name = "<database after " + After.FileName + ">";
  if (ReportUnrepresented && !Inspected->Unrepresented.empty())
    Diags.report(DiagID::warn_database_unrepresented, llvm::SMLoc(), Name,
                 Inspected->Unrepresented.size(),
                 llvm::join(Inspected->Unrepresented, ", "));
  // Its AST stays: the IR's source map points into it.
  ReadBack.push_back(std::make_unique<CompiledSchema>());
  if (!compileInspected(Inspected->Schema, Name, SM, Diags, *ReadBack.back())) {
    DatabaseFailed = true;
    return std::nullopt;
  }
  return ReadBack.back()->Sema->IR;
}

bool Replayer::checkHash(const MigrationFile &F, const ir::Schema &Database) {
  std::string Hash = schemaHash(Database);
  if (Hash == F.Header->SchemaHash)
    return true;
  Diags.report(DiagID::err_replay_schema_hash, F.Header->SchemaHashRange,
               F.FileName, Hash, F.Header->SchemaHash);
  return false;
}

int Replayer::run() {
  auto Scratch = ScratchDatabase::create(devDatabase().value_or(""));
  if (!Scratch) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Scratch.takeError()));
    return ExitInvalid;
  }
  auto Fresh = (*Scratch)->createDatabase();
  if (!Fresh) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Fresh.takeError()));
    return ExitInvalid;
  }
  Database = std::move(*Fresh);
  int Result = replayChain();
  // The database goes before its server.
  Database.reset();
  return Result;
}

int Replayer::replayChain() {
  auto Stopped = [&] { return DatabaseFailed ? ExitInvalid : ExitFindings; };
  bool Ok = true;
  llvm::ArrayRef<const Migration *> Chain = Dir.chain();
  std::optional<ir::Schema> Current = emptySchema();
  for (size_t I = 0; I < Chain.size(); ++I) {
    const MigrationFile &Up = *Chain[I]->Up;
    if (!runFile(Up) || !(Current = readBack(Up, I + 1 == Chain.size())))
      return Stopped();
    Ok &= checkHash(Up, *Current);
  }
  if (!Chain.empty()) {
    // The hashes compare canonical text; the snapshot is compared the way
    // diff compares, so the notes can say what differs.
    MigrationPlan Differences = planMigration(*Current, Dir.snapshot());
    if (!Differences.empty()) {
      auto Builder =
          Diags.report(DiagID::err_replay_snapshot, Dir.snapshotFile()->start(),
                       Differences.Steps.size());
      for (const MigrationStep &S : Differences.Steps)
        Builder.note(DiagID::note_replay_change, llvm::SMRange(), S.line());
      Ok = false;
    }
  }
  for (size_t I = Chain.size(); I-- > 0;) {
    const MigrationFile &Down = *Chain[I]->Down;
    if (!runFile(Down) || !(Current = readBack(Down, false)))
      return Stopped();
    Ok &= checkHash(Down, *Current);
  }
  std::vector<std::string> Left;
  for (const ir::Table &T : Current->Tables)
    Left.push_back("table " + T.Name.str());
  for (const ir::Enum &E : Current->Enums)
    Left.push_back("enum " + E.Name.str());
  if (!Left.empty()) {
    Diags.report(DiagID::err_replay_not_empty, Chain.front()->Down->start(),
                 llvm::join(Left, ", "));
    Ok = false;
  }
  return Ok ? ExitOk : ExitFindings;
}

int runVerify() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();
  auto Dir = MigrationDirectory::read(Directory, SM, Diags);
  if (!Dir)
    return Setup.finish(ExitInvalid);
  if (!Dir->verify(Diags))
    return Setup.finish(ExitFindings);
  size_t Count = Dir->chain().size();
  llvm::outs() << "'" << Directory << "': " << Count << " migration"
               << (Count == 1 ? "" : "s");
  if (const Migration *Head = Dir->head())
    llvm::outs() << ", head '" << Head->label() << "'";
  llvm::outs() << ", consistent\n";
  if (!Replay)
    return Setup.finish(ExitOk);
  llvm::outs().flush();
  int Result = Replayer(*Dir, SM, Diags).run();
  if (Result == ExitOk)
    llvm::outs() << "replay: " << Count
                 << (Count == 1 ? " up file builds" : " up files build")
                 << " schema.snapshot, and the down files lead back to an "
                    "empty database\n";
  return Setup.finish(Result);
}

/// apply, down, status and stamp (MigrateApply.cpp, MigrateStatus.cpp).
int runApplierAction(llvm::StringRef Action, llvm::ArrayRef<std::string> Rest) {
  static const llvm::StringRef Actions[] = {"apply", "down", "status", "stamp"};
  if (!llvm::is_contained(Actions, Action))
    return usage("unknown action '" + Action +
                 "' for schemac migrate; expected new, verify, apply, down, "
                 "status or stamp");
  bool Stamp = Action == "stamp";
  if (Stamp && Rest.empty())
    return usage("no version given: schemac migrate stamp VERSION --db URL");
  if (Rest.size() > (Stamp ? 1u : 0u))
    return usage("unexpected argument '" + Rest[Stamp ? 1 : 0] +
                 "' for schemac migrate " + Action);
  bool Moves = Action == "apply" || Action == "down";
  if (!Moves && (DryRun || ScriptFile.getNumOccurrences() ||
                 ToVersion.getNumOccurrences()))
    return usage("--dry-run, --sql and --to are for apply and down");
  if (Force && !Stamp)
    return usage("--force is for stamp");
  if (VersionSchema.empty())
    return usage("--version-schema needs a schema name");

  ApplierOptions Options;
  Options.Directory = Directory;
  Options.Database = Database;
  Options.VersionSchema = VersionSchema;
  Options.NoWait = NoWait;
  Options.DryRun = DryRun;
  Options.ScriptFile = ScriptFile;
  if (ToVersion.getNumOccurrences())
    Options.To = ToVersion.getValue();
  Options.Force = Force;
  Options.DevDb = devDatabase();
  if (Action == "apply")
    return runMigrateApply(Options);
  if (Action == "down")
    return runMigrateDown(Options);
  if (Action == "status")
    return runMigrateStatus(Options);
  return runMigrateStamp(Rest.front(), Options);
}

} // namespace

cl::OptionCategory &driver::migrateCategory() { return MigrateCategory; }

int driver::runMigrateCommand() {
  if (Arguments.empty())
    return usage("no action given: schemac migrate new|verify ... (see "
                 "'schemac migrate --help')");
  std::vector<std::string> Given(Arguments.begin(), Arguments.end());
  llvm::StringRef Action = Given.front();
  llvm::ArrayRef<std::string> Rest = llvm::makeArrayRef(Given).drop_front();

  if (Action == "new") {
    if (Rest.empty())
      return usage("no migration name given: schemac migrate new NAME "
                   "[--dir DIR] FILE|DIR...");
    if (OutputFormat == Format::Alembic) {
      if (AlembicDirectory.empty())
        return usage("--format=alembic needs --alembic DIR, the Alembic "
                     "versions directory to write the revision in");
      return runAlembicNew(Rest.front(), AlembicDirectory, Rest.drop_front(),
                           AlembicFrom, AllowDestructive, devDatabase());
    }
    if (AlembicDirectory.getNumOccurrences() || AlembicFrom.getNumOccurrences())
      return usage("--alembic and --from are for --format=alembic; a "
                   "migration directory's own snapshot is the schema at its "
                   "head");
    return runNew(Rest.front(), Rest.drop_front());
  }
  if (Action == "verify") {
    if (!Rest.empty())
      return usage("unexpected argument '" + Rest.front() +
                   "': schemac migrate verify takes the directory with --dir");
    if (AlembicDirectory.getNumOccurrences())
      return runAlembicVerify(AlembicDirectory);
    return runVerify();
  }
  return runApplierAction(Action, Rest);
}
