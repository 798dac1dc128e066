//===- FrontendFuzzer.cpp - libFuzzer target: bytes to SQL ----------------===//
//
// The path `schemac compile` takes on one file: the input is a schema file,
// parsed, resolved and checked and, when that succeeds, emitted by each
// backend `--emit` selects (the DDL, the IR as JSON, the schema source); the
// AST printer (`--emit=ast`) runs on every file that parses. Whatever the
// bytes, none of it may crash, hang, leak or trip a sanitizer.
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzCompile.h"

#include "codegen/Backend.h"
#include "codegen/DDLEmitter.h"
#include "codegen/IRJSONEmitter.h"
#include "codegen/SchemaSourceEmitter.h"
#include "frontend/ASTPrinter.h"

#include <cstddef>
#include <cstdint>

using namespace schemac;

static void emitWith(Backend &&B, const ir::Schema &IR) {
  StringOutputContext Out;
  llvm::consumeError(B.emit(IR, Out));
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
  }
  return 0;
}
