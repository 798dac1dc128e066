//===- MigrateSession.cpp - A migration directory and its database --------===//

#include "tools/schemac/MigrateSession.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "runtime/ConnectionString.h"
#include "runtime/DatabaseSource.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <pqxx/pqxx>

#include <chrono>

using namespace schemac;
using namespace schemac::driver;

std::vector<ScriptStatement> driver::scriptOf(const MigrationFile &F) {
  std::vector<ScriptStatement> Script;
  for (const MigrationStatement &S : F.statements())
    Script.push_back({S.SQL.str(), S.NoTransaction});
  return Script;
}

DiagnosticBuilder
driver::reportRefusedStatement(DiagnosticEngine &Diags, DiagID ID,
                               const MigrationFile &F,
                               const StatementError &Refused) {
  llvm::StringRef SQL = F.statements()[Refused.Index].SQL;
  llvm::StringRef FirstLine = SQL.split('\n').first;
  size_t Offset = SQL.data() - F.Text.data();
  DiagnosticBuilder Builder = Diags.report(
      ID, llvm::SMRange(F.at(Offset), F.at(Offset + FirstLine.size())),
      Refused.Message);
  // The server's advice (`Check free disk space.`) is for whoever fixes
  // the cause.
  if (!Refused.Hint.empty())
    Builder.note(DiagID::note_server_hint, llvm::SMRange(), Refused.Hint);
  return Builder;
}

MigrateSession::MigrateSession(const ApplierOptions &Options,
                               llvm::SourceMgr &SM, DiagnosticEngine &Diags)
    : Options(Options), SM(SM), Diags(Diags), Table(Options.VersionSchema),
      Shown(redactPassword(Options.Database)) {}

MigrateSession::~MigrateSession() {
  // The lock is released on its connection, before the connection goes.
  Lock.reset();
}

bool MigrateSession::readDirectory() {
  Dir = MigrationDirectory::read(Options.Directory, SM, Diags);
  if (!Dir)
    return false;
  if (!Dir->verify(Diags)) {
    llvm::WithColor::error(llvm::errs(), "schemac")
        << "migration directory '" << Options.Directory
        << "' has problems (above); the database was not touched\n";
    return false;
  }
  for (const Migration *M : Dir->chain())
    ChainFiles.push_back({M->Version, M->Name, M->Up->Checksum});
  return true;
}

bool MigrateSession::connect(bool TakeLock) {
  auto Opened = connectTo(Options.Database);
  if (!Opened) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 llvm::toString(Opened.takeError()));
    return false;
  }
  Connection = std::move(*Opened);
  auto Fail = [&](llvm::Error E) {
    Diags.report(DiagID::err_database, llvm::SMLoc(),
                 "'" + Shown + "': " + llvm::toString(std::move(E)));
    return false;
  };
  try {
    // Shown to whoever waits for the lock, and in pg_stat_activity.
    pqxx::nontransaction(*Connection)
        .exec("SET application_name = 'schemac migrate'");
  } catch (const std::exception &E) {
    return Fail(llvm::createStringError(std::errc::io_error, "%s", E.what()));
  }
  if (TakeLock) {
    auto Taken = MigrationLock::acquire(
        *Connection, Table.lockKey(), !Options.NoWait,
        [&](const LockHolder &Holder) {
          llvm::errs() << "schemac: waiting for the migration lock, held by "
                       << Holder.describe() << "\n";
        });
    if (!Taken) {
      llvm::Error E = llvm::handleErrors(
          Taken.takeError(), [&](const LockHeldError &Held) -> llvm::Error {
            return llvm::createStringError(
                std::errc::resource_unavailable_try_again,
                "%s; not waiting (--no-wait)", Held.message().c_str());
          });
      return Fail(std::move(E));
    }
    Lock = std::move(*Taken);
  }
  auto Exists = Table.schemaExists(*Connection);
  if (!Exists)
    return Fail(Exists.takeError());
  SchemaExists = *Exists;
  auto Rows = Table.read(*Connection);
  if (!Rows)
    return Fail(Rows.takeError());
  Applied = std::move(*Rows);
  computeStatus();
  return true;
}

void MigrateSession::assumeEmptyDatabase() {
  Applied.clear();
  computeStatus();
}

void MigrateSession::computeStatus() {
  Status = compareWithDatabase(ChainFiles, Applied);
}

bool MigrateSession::checkConsistent() {
  bool Ok = true;
  for (const VersionStatus &V : Status.Versions) {
    if (V.State == MigrationState::Modified) {
      const Migration &M = *chain()[&V - Status.Versions.data()];
      Diags.report(DiagID::err_apply_modified, M.Up->versionLoc(), M.label(),
                   V.Row->Checksum, V.File->Checksum);
      Ok = false;
    } else if (V.State == MigrationState::Unknown) {
      Diags
          .report(DiagID::err_apply_unknown, llvm::SMLoc(), V.Row->label(),
                  "on " + V.Row->AppliedAt)
          .note(DiagID::note_apply_unknown, llvm::SMRange());
      Ok = false;
    }
  }
  if (const VersionStatus *Gap = Status.firstGap()) {
    const Migration &M = *chain()[Gap - Status.Versions.data()];
    Diags.report(DiagID::err_apply_gap, M.Up->versionLoc(), M.label(),
                 Status.current()->label());
    Ok = false;
  }
  return Ok;
}

const Migration *MigrateSession::findInChain(llvm::StringRef Version,
                                             llvm::StringRef Flag) {
  if (Version == "head" && Dir->head())
    return Dir->head();
  // `3` names version 0003, as does `0003_add_invoices`.
  bool Number = !Version.empty() && llvm::all_of(Version, llvm::isDigit);
  for (const Migration *M : chain())
    if (M->label() == Version ||
        (Number &&
         llvm::StringRef(M->Version).ltrim('0') == Version.ltrim('0')))
      return M;
  llvm::WithColor::error(llvm::errs(), "schemac")
      << Flag << " '" << Version << "': no migration in '" << Options.Directory
      << "' has this version\n";
  return nullptr;
}

size_t MigrateSession::positionOf(const Migration &M) const {
  return llvm::find(chain(), &M) - chain().begin();
}

std::string MigrateSession::currentLabel() const {
  const VersionStatus *Current = Status.current();
  return Current ? "'" + Current->label() + "'" : std::string("no version");
}

size_t MigrateSession::appliedCount() const {
  const VersionStatus *Current = Status.current();
  return Current ? Current - Status.Versions.data() + 1 : 0;
}

void MigrateSession::noteApplied(const Migration &M) {
  Applied.push_back(rowFor(M));
  computeStatus();
}

void MigrateSession::noteReverted(const Migration &M) {
  llvm::erase_if(Applied, [&](const AppliedMigration &Row) {
    return Row.Version == M.Version;
  });
  computeStatus();
}

AppliedMigration MigrateSession::rowFor(const Migration &M) const {
  AppliedMigration Row;
  Row.Version = M.Version;
  Row.Name = M.Name;
  Row.Checksum = M.Up->Checksum;
  Row.SchemaHash = M.schemaHash();
  return Row;
}

int MigrateSession::runMigration(
    const Migration &M, const MigrationFile &File, llvm::StringRef Verb,
    llvm::function_ref<std::string(llvm::StringRef)> Record) {
  std::vector<ScriptStatement> Script = scriptOf(File);
  size_t RecordIndex = Script.size();
  std::string Start;
  try {
    Start = pqxx::nontransaction(*Connection)
                .exec("SELECT clock_timestamp()::text")[0][0]
                .as<std::string>();
  } catch (const std::exception &E) {
    Diags.report(DiagID::err_apply_connection, llvm::SMLoc(),
                 llvm::StringRef(E.what()).split('\n').first.trim(), M.label());
    return ExitInvalid;
  }
  // execution_ms is measured by the server, from before the first
  // statement to the end of the last, whichever transactions they ran in.
  Script.push_back(
      {Record(executionMsSince("'" + Start + "'::timestamptz")), false});

  std::string Before = currentLabel();
  auto Began = std::chrono::steady_clock::now();
  llvm::Error E = runScript(*Connection, Script);
  int Result = ExitOk;
  LastInDoubt = false;
  // Whether statements that commit on their own ran before the one at
  // Index: those stay, whatever happens to the rest.
  auto CommittedBefore = [&](size_t Index) {
    return llvm::any_of(
        llvm::makeArrayRef(Script).take_front(Index),
        [](const ScriptStatement &S) { return S.NoTransaction; });
  };
  llvm::handleAllErrors(
      std::move(E),
      [&](const StatementError &Refused) {
        Result = ExitFindings;
        if (Refused.Index == RecordIndex) {
          auto Builder =
              Diags.report(DiagID::err_apply_record, M.Up->versionLoc(),
                           M.label(), Table.qualifiedName(), Refused.Message);
          if (!Refused.Hint.empty())
            Builder.note(DiagID::note_server_hint, llvm::SMRange(),
                         Refused.Hint);
          return;
        }
        auto Builder = reportRefusedStatement(
            Diags, DiagID::err_apply_statement, File, Refused);
        Builder.note(CommittedBefore(Refused.Index)
                         ? DiagID::note_apply_partly_committed
                         : DiagID::note_apply_rolled_back,
                     llvm::SMRange(), M.label(), Before);
      },
      [&](const ConnectionLostError &Lost) {
        Result = ExitInvalid;
        auto Builder = Diags.report(DiagID::err_apply_connection, llvm::SMLoc(),
                                    Lost.message(), M.label());
        // The server rolls back the transaction of a session that ends,
        // unless that transaction was committing.
        if (Lost.InDoubt && Lost.Index == RecordIndex) {
          LastInDoubt = true;
          Builder.note(DiagID::note_apply_connection, llvm::SMRange(),
                       M.label(), Before);
        } else {
          Builder.note(CommittedBefore(Lost.Index + (Lost.InDoubt ? 1 : 0))
                           ? DiagID::note_apply_partly_committed
                           : DiagID::note_apply_rolled_back,
                       llvm::SMRange(), M.label(), Before);
        }
      },
      [&](const llvm::ErrorInfoBase &Failed) {
        Result = ExitInvalid;
        Diags.report(DiagID::err_apply_connection, llvm::SMLoc(),
                     Failed.message(), M.label());
      });
  if (Result != ExitOk)
    return Result;
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - Began);
  llvm::outs() << Verb << " " << M.label() << " (" << Ms.count() << " ms)\n";
  llvm::outs().flush();
  return ExitOk;
}

std::string driver::executionMsSince(llvm::StringRef StartSQL) {
  return ("round(extract(epoch FROM clock_timestamp() - " + StartSQL +
          ") * 1000)::bigint")
      .str();
}
