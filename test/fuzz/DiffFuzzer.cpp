//===- DiffFuzzer.cpp - libFuzzer target: the diff of two schemas ---------===//
//
// The input is two schema files separated by a NUL byte (which no schema
// file may contain), optionally followed by another NUL and the message of
// a migration; without a NUL, both sides are the same text. When both
// compile, they are compared as `schemac diff` compares them (the default
// excludes and each side's `database { exclude }` applied to both) and the
// migration is planned both ways and written as SQL, report, JSON and an
// Alembic revision (`migrate new --format=alembic`); lint's change checks
// judge the change first.
//
// Invariants, each a crash (abort()) when broken, so that the fuzzer keeps
// the input:
// - a schema diffed against itself is empty (DESIGN.md §6), the same IR or
//   the same text compiled twice; and the same text compiled twice gives
//   the same DDL, byte for byte;
// - the Alembic revisions written for the plans are read back by the reader
//   of `migrate verify --alembic` with nothing to report, and with the
//   identifiers that were written.
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzCompile.h"

#include "codegen/AlembicRevisions.h"
#include "codegen/Backend.h"
#include "codegen/ChangeChecks.h"
#include "codegen/DDLEmitter.h"
#include "codegen/Migration.h"
#include "codegen/MigrationWriter.h"
#include "sema/SchemaFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace schemac;

static void writeAll(const MigrationPlan &Plan) {
  writeMigrationSQL(Plan, llvm::nulls());
  writeMigrationReport(Plan, llvm::nulls());
  writeMigrationJSON(Plan, llvm::nulls());
}

/// A plan between a schema and itself must have nothing to do.
static void checkEmpty(const MigrationPlan &Plan, const char *What) {
  if (Plan.empty() && Plan.Errors.empty())
    return;
  llvm::errs() << "DiffFuzzer: " << What << " is not empty:\n";
  fuzz::abortWithPlan(Plan);
}

static std::string ddl(const ir::Schema &S) {
  StringOutputContext Out;
  llvm::consumeError(DDLEmitter().emit(S, Out));
  return Out.str();
}

/// Keeps every message reported.
class Collect : public DiagnosticConsumer {
public:
  void handle(const Diagnostic &D) override { Messages.push_back(D.Message); }
  std::vector<std::string> Messages;
};

/// Two revisions written for the plans (the first revision, then its
/// child), read back and verified as a versions directory.
static void checkAlembicRoundTrip(const MigrationPlan &Up,
                                  const MigrationPlan &Down,
                                  llvm::StringRef Message) {
  llvm::SourceMgr SM;
  Collect Seen;
  DiagnosticEngine Diags(SM, Seen);
  std::vector<alembic::RevisionFile> Files;
  std::vector<std::string> Texts;
  std::optional<std::string> Parent;
  for (const char *Id : {"0123456789ab", "ba9876543210"}) {
    alembic::NewRevision Rev;
    Rev.Message = Message.str();
    Rev.Revision = Id;
    Rev.DownRevision = Parent;
    Rev.CreateDate = "2024-05-01 12:34:56.789012";
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    alembic::writeRevisionFile(Rev, Up, Down, OS);
    OS.flush();
    unsigned ID = SM.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(
            Text, "versions/" + alembic::revisionFileName(Rev)),
        llvm::SMLoc());
    alembic::RevisionFile F = alembic::readRevisionFile(ID, Diags);
    bool Same = F.Revision && F.Revision->Value == Id && F.HasDownRevision &&
                F.DownRevisions.size() == (Parent ? 1u : 0u) &&
                (!Parent || F.DownRevisions[0].Value == *Parent);
    if (!Same)
      Seen.Messages.push_back(std::string("revision ") + Id +
                              " read back with other identifiers");
    Files.push_back(std::move(F));
    Texts.push_back(std::move(Text));
    Parent = Id;
  }
  alembic::RevisionGraph Graph = alembic::verifyRevisions(Files, Diags);
  if (Graph.Heads.size() != 1 || Graph.Heads[0] != *Parent)
    Seen.Messages.push_back("the chain does not end at the second revision");
  if (Seen.Messages.empty())
    return;
  llvm::errs() << "DiffFuzzer: the Alembic revisions written do not read "
                  "back:\n";
  for (const std::string &M : Seen.Messages)
    llvm::errs() << "  " << M << "\n";
  llvm::errs() << Texts.back();
  abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  auto [FromText, Rest] = Input.split('\0');
  auto [ToText, Message] = Rest.split('\0');
  if (FromText.size() == Input.size())
    ToText = FromText;
  if (Message.empty())
    Message = "fuzzed change";
  fuzz::Session S;
  fuzz::Compiled Old, New;
  if (!fuzz::compile(S, FromText, "from.schema", Old) ||
      !fuzz::compile(S, ToText, "to.schema", New))
    return 0;

  // `schemac lint --base`, on the sides as compiled.
  runChangeChecks({Old.Sema->IR, &Old.Sema->Sources},
                  {New.Sema->IR, &New.Sema->Sources}, S.Diags);

  // As compileComparison filters both sides (the source maps then no
  // longer match the IR, and are not used again).
  SchemaFilter Filter;
  llvm::append_range(Filter.Exclude, defaultExcludes());
  llvm::append_range(Filter.Exclude, Old.Sema->IR.Exclude);
  llvm::append_range(Filter.Exclude, New.Sema->IR.Exclude);
  for (fuzz::Compiled *Side : {&Old, &New})
    if (llvm::Error E = applyFilter(Side->Sema->IR, Filter)) {
      llvm::consumeError(std::move(E));
      return 0;
    }
  const ir::Schema &From = Old.Sema->IR, &To = New.Sema->IR;

  checkEmpty(planMigration(From, From), "the --from schema against itself");
  checkEmpty(planMigration(To, To), "the --to schema against itself");

  MigrationPlan Up = planMigration(From, To);
  MigrationPlan Down = planMigration(To, From);
  if (FromText == ToText) {
    checkEmpty(Up, "the plan between two compilations of one text");
    checkEmpty(Down, "the plan between two compilations of one text");
    std::string First = ddl(From), Second = ddl(To);
    if (First != Second) {
      llvm::errs() << "DiffFuzzer: one text compiled twice gives two DDLs:\n"
                   << First << "\n-----\n"
                   << Second;
      abort();
    }
  }
  writeAll(Up);
  writeAll(Down);
  if (Up.Errors.empty() && Down.Errors.empty())
    checkAlembicRoundTrip(Up, Down, Message);
  return 0;
}
