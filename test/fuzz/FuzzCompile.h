//===- FuzzCompile.h - Fuzzed schema files, compiled ------------*- C++ -*-===//
//
// What the frontend and diff fuzzers share: a byte string compiled as one
// schema file the way `schemac compile` compiles one (the steps of
// tools/schemac/Pipeline.cpp's compileBuffers: parse, resolve into the IR,
// run the checks), in a session whose diagnostics are printed as the driver
// prints them, into a stream that discards them, so that the printer runs on
// every location the compiler reports.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TEST_FUZZ_FUZZCOMPILE_H
#define SCHEMAC_TEST_FUZZ_FUZZCOMPILE_H

#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "frontend/Parser.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "sema/Checks.h"
#include "sema/Sema.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>

namespace schemac::fuzz {

/// `schemac`'s default -ferror-limit.
constexpr unsigned DriverErrorLimit = 20;

/// One run of the driver: the source buffers and the diagnostics engine.
class Session {
public:
  Session() : Printer(SM, Discard, /*ShowColors=*/false), Diags(SM, Printer) {
    Diags.setErrorLimit(DriverErrorLimit);
  }
  ~Session() { Printer.finish(); }

  llvm::SourceMgr SM;

private:
  llvm::raw_null_ostream Discard;
  TextDiagnosticPrinter Printer;

public:
  DiagnosticEngine Diags;
};

/// A compiled file; the IR's source map points into the module.
struct Compiled {
  std::unique_ptr<ast::Module> Module;
  /// Set when the file resolved into an IR.
  std::optional<SemaResult> Sema;
};

/// Compiles Text as file Name in S, as far as the pipeline goes: true when
/// it parsed, resolved and passed the checks without an error (in the
/// session so far, as the driver counts them).
inline bool compile(Session &S, llvm::StringRef Text, llvm::StringRef Name,
                    Compiled &Out) {
  unsigned ID = S.SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, Name), llvm::SMLoc());
  Out.Module = parseBuffer(ID, S.Diags);
  if (!Out.Module || S.Diags.hasErrors())
    return false;
  const ast::Module *Modules[] = {Out.Module.get()};
  Out.Sema = buildIR(Modules, S.Diags);
  if (!Out.Sema || S.Diags.hasErrors())
    return false;
  runChecks(Out.Sema->IR, Out.Sema->Sources, S.Diags);
  return !S.Diags.hasErrors();
}

} // namespace schemac::fuzz

#endif
