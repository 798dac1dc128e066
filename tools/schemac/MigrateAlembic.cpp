//===- MigrateAlembic.cpp - `migrate verify/new` on an Alembic directory --===//
//
// The Alembic side of `schemac migrate`: checking a versions directory's
// chain, and writing the next revision from the schema files. An Alembic
// directory keeps no snapshot of the schema at its head, so the revision is
// planned from a source the caller names (`--from`: a database upgraded to
// the head, or the schema files the head was made from); only a directory
// without revisions may start from the empty schema.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"
#include "tools/schemac/Pipeline.h"

#include "codegen/AlembicRevisions.h"
#include "codegen/Backend.h"
#include "codegen/Migration.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;

namespace {

/// The directory read and checked: its files and their chain.
struct CheckedDirectory {
  std::vector<alembic::RevisionFile> Files;
  alembic::RevisionGraph Graph;
};

/// Loads and verifies Dir; ExitOk, ExitFindings for problems in the chain,
/// ExitInvalid when it cannot be read.
int checkDirectory(llvm::StringRef Dir, llvm::SourceMgr &SM,
                   DiagnosticEngine &Diags, CheckedDirectory &Out) {
  std::vector<unsigned> IDs;
  if (!alembic::loadRevisionFiles(Dir, SM, Diags, IDs))
    return ExitInvalid;
  for (unsigned ID : IDs)
    Out.Files.push_back(alembic::readRevisionFile(ID, Diags));
  Out.Graph = alembic::verifyRevisions(Out.Files, Diags);
  return Diags.hasErrors() ? ExitFindings : ExitOk;
}

void printError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "schemac") << Message << "\n";
}

} // namespace

int driver::runAlembicVerify(llvm::StringRef Dir) {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  CheckedDirectory Checked;
  int Result = checkDirectory(Dir, SM, Setup.engine(), Checked);
  if (Result == ExitOk) {
    const alembic::RevisionGraph &G = Checked.Graph;
    if (G.NumRevisions == 0)
      llvm::outs() << Dir << ": no revisions\n";
    else
      llvm::outs() << Dir << ": " << G.NumRevisions
                   << (G.NumRevisions == 1 ? " revision" : " revisions")
                   << ", head '" << G.Heads.front() << "'\n";
  }
  return Setup.finish(Result);
}

int driver::runAlembicNew(llvm::StringRef Name, llvm::StringRef Dir,
                          llvm::ArrayRef<std::string> SchemaInputs,
                          llvm::StringRef FromSource, bool AllowDestructive) {
  return runAlembicNew(Name, Dir, SchemaInputs, FromSource, AllowDestructive,
                       std::nullopt);
}

int driver::runAlembicNew(llvm::StringRef Name, llvm::StringRef Dir,
                          llvm::ArrayRef<std::string> SchemaInputs,
                          llvm::StringRef FromSource, bool AllowDestructive,
                          const std::optional<std::string> &DevDb) {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();
  auto Fail = [&](const llvm::Twine &Message) {
    printError(Message);
    return Setup.finish(ExitInvalid);
  };
  if (llvm::StringRef(Name).trim().empty())
    return Fail("a new revision needs a message (its NAME)");
  if (SchemaInputs.empty())
    return Fail("no schema files given");

  // The chain must be whole before anything is added to it: a revision
  // written onto one of two heads, or after a missing parent, would only
  // hide the problem.
  CheckedDirectory Checked;
  if (int Result = checkDirectory(Dir, SM, Diags, Checked)) {
    // After the diagnostics' summary, so it is the last word.
    int Exit = Setup.finish(ExitInvalid);
    if (Result == ExitFindings)
      printError("'" + Dir + "' does not verify; no revision written");
    return Exit;
  }
  const alembic::RevisionGraph &Graph = Checked.Graph;
  std::optional<std::string> Head;
  if (!Graph.Heads.empty())
    Head = Graph.Heads.front();
  if (Head && FromSource.empty())
    return Fail("'" + Dir + "' has revisions up to '" + *Head +
                "'; give --from with the schema at that revision (a database "
                "upgraded to it, or the schema files it was made from)");

  std::vector<std::string> From;
  if (!FromSource.empty())
    From.push_back(FromSource.str());
  auto *Old = new CompiledSchema, *New = new CompiledSchema; // kept to exit
  if (!compileComparison(From, SchemaInputs, SM, Diags, SchemaFilter(), *Old,
                         *New, DevDb))
    return Setup.finish(ExitInvalid);

  MigrationPlan Upgrade = planMigration(Old->Sema->IR, New->Sema->IR);
  MigrationPlan Downgrade = planMigration(New->Sema->IR, Old->Sema->IR);
  if (!Upgrade.Errors.empty() || !Downgrade.Errors.empty()) {
    for (const std::string &E : Upgrade.Errors)
      printError(E);
    for (const std::string &E : Downgrade.Errors)
      printError(E);
    return Setup.finish(ExitInvalid);
  }
  // Only the upgrade is held to the safety rule: a downgrade undoes what
  // the upgrade created, and dropping that is its whole point.
  if (Upgrade.hasDestructiveSteps() && !AllowDestructive) {
    printError("the upgrade would lose data; refusing these changes:");
    for (const MigrationStep &S : Upgrade.Steps)
      if (S.Destructive) {
        llvm::errs() << "  ";
        if (!llvm::StringRef(S.Summary).startswith(S.Subject))
          llvm::errs() << S.Subject << ": ";
        llvm::errs() << S.Summary << "\n";
      }
    llvm::errs() << "pass --allow-destructive to write them, or mark a rename "
                    "with @renamed_from(\"old name\")\n";
    return Setup.finish(ExitInvalid);
  }
  if (Upgrade.empty()) {
    llvm::errs() << "schemac: no changes; no revision written\n";
    return Setup.finish(ExitOk);
  }

  alembic::NewRevision Rev;
  Rev.Message = Name.str();
  Rev.DownRevision = Head;
  Rev.CreateDate = alembic::currentCreateDate();
  llvm::StringSet<> Taken;
  for (const alembic::RevisionFile &F : Checked.Files)
    if (F.Revision)
      Taken.insert(F.Revision->Value);
  llvm::SmallString<256> Path;
  do {
    Rev.Revision = alembic::generateRevisionId();
    Path = Dir;
    llvm::sys::path::append(Path, alembic::revisionFileName(Rev));
  } while (Taken.count(Rev.Revision) || llvm::sys::fs::exists(Path));

  FileOutputContext Out(std::string(Path.str()));
  alembic::writeRevisionFile(Rev, Upgrade, Downgrade, Out.stream());
  if (llvm::Error E = Out.commit())
    return Fail("cannot write '" + Path + "': " + toString(std::move(E)));
  // The path alone, so scripts can open the file.
  llvm::outs() << Path << "\n";
  return Setup.finish(ExitOk);
}
