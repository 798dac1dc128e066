//===- FrontendFuzzer.cpp - libFuzzer target: bytes to SQL ----------------===//
//
// The path `schemac compile` takes on one file: the input is a schema file,
// parsed, resolved and checked and, when that succeeds, emitted by each
// backend `--emit` selects (the DDL, the IR as JSON, the schema source); the
// AST printer (`--emit=ast`) runs on every file that parses. Whatever the
// bytes, none of it may crash, hang, leak or trip a sanitizer.
//
// Invariant: the schema source printed from the IR compiles back to the
// same IR (codegen/SchemaSourceEmitter.h), the same as far as the migration
// planner can tell: no error, and nothing to migrate. A violation aborts,
// so the fuzzer keeps the input as a crash.
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzCompile.h"

#include "codegen/Backend.h"
#include "codegen/DDLEmitter.h"
#include "codegen/IRJSONEmitter.h"
#include "codegen/Migration.h"
#include "codegen/MigrationWriter.h"
#include "codegen/SchemaSourceEmitter.h"
#include "frontend/ASTPrinter.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace schemac;

static void emitWith(Backend &&B, const ir::Schema &IR) {
  StringOutputContext Out;
  llvm::consumeError(B.emit(IR, Out));
}

/// Compiles the schema source printed from IR and compares the result
/// with IR.
static void checkRoundTrip(const ir::Schema &IR) {
  std::string Source;
  llvm::raw_string_ostream OS(Source);
  emitSchemaSource(IR, OS);
  OS.flush();
  fuzz::Session S;
  fuzz::Compiled Again;
  const char *Problem = nullptr;
  MigrationPlan Plan;
  if (!fuzz::compile(S, Source, "roundtrip.schema", Again)) {
    Problem = "does not compile";
  } else {
    Plan = planMigration(IR, Again.Sema->IR);
    if (Plan.empty() && Plan.Errors.empty())
      return;
    Problem = "compiles to another schema";
  }
  llvm::errs() << "FrontendFuzzer: the schema source printed from the IR "
               << Problem << ":\n"
               << Source << "\n";
  fuzz::abortWithPlan(Plan);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  fuzz::Session S;
  fuzz::Compiled C;
  bool Ok = fuzz::compile(S, Text, "fuzz.schema", C);
  if (C.Module)
    printAST(*C.Module, S.SM, llvm::nulls());
  if (Ok) {
    emitWith(DDLEmitter(), C.Sema->IR);
    emitWith(IRJSONEmitter(), C.Sema->IR);
    emitWith(SchemaSourceEmitter(), C.Sema->IR);
    checkRoundTrip(C.Sema->IR);
  }
  return 0;
}
