//===- DiffFuzzer.cpp - libFuzzer target: the diff of two schemas ---------===//
//
// The input is two schema files separated by the first NUL byte (which no
// schema file may contain); without one, both sides are the same text. When
// both compile, they are compared as `schemac diff` compares them (the
// default excludes and each side's `database { exclude }` applied to both)
// and the migration is planned both ways, written as SQL, report, JSON and
// an Alembic revision; lint's change checks judge the change first.
//
// Invariant: a schema diffed against itself is empty (DESIGN.md §6). A
// plan that is not aborts, so the fuzzer keeps the input as a crash.
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzCompile.h"

#include "codegen/AlembicRevisions.h"
#include "codegen/ChangeChecks.h"
#include "codegen/Migration.h"
#include "codegen/MigrationWriter.h"
#include "sema/SchemaFilter.h"

#include "llvm/ADT/STLExtras.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace schemac;

static void writeAll(const MigrationPlan &Plan) {
  writeMigrationSQL(Plan, llvm::nulls());
  writeMigrationReport(Plan, llvm::nulls());
  writeMigrationJSON(Plan, llvm::nulls());
}

/// planMigration(S, S) must have nothing to do.
static void checkSelfDiffEmpty(const ir::Schema &S, const char *Side) {
  MigrationPlan Plan = planMigration(S, S);
  if (Plan.empty() && Plan.Errors.empty())
    return;
  llvm::errs() << "DiffFuzzer: the " << Side
               << " schema diffed against itself is not empty:\n";
  for (const MigrationStep &Step : Plan.Steps)
    llvm::errs() << "  " << Step.line() << "\n";
  for (const std::string &E : Plan.Errors)
    llvm::errs() << "  error: " << E << "\n";
  writeMigrationSQL(Plan, llvm::errs());
  abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  auto [FromText, ToText] = Input.split('\0');
  if (FromText.size() == Input.size())
    ToText = FromText;

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

  checkSelfDiffEmpty(From, "--from");
  checkSelfDiffEmpty(To, "--to");

  MigrationPlan Up = planMigration(From, To);
  MigrationPlan Down = planMigration(To, From);
  writeAll(Up);
  writeAll(Down);
  if (Up.Errors.empty() && Down.Errors.empty()) {
    alembic::NewRevision Rev;
    Rev.Message = "fuzzed change";
    Rev.Revision = "0123456789ab";
    Rev.DownRevision = "ba9876543210";
    Rev.CreateDate = "2024-05-01 12:34:56.789012";
    alembic::writeRevisionFile(Rev, Up, Down, llvm::nulls());
  }
  return 0;
}
