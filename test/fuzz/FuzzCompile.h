//===- FuzzCompile.h - Fuzzed schema files, compiled ------------*- C++ -*-===//
//
// What the frontend and diff fuzzers share: a byte string compiled as one
// schema file the way `schemac compile` compiles one (the steps of
// tools/schemac/Pipeline.cpp's compileBuffers: parse, resolve into the IR,
// run the checks), in a session whose diagnostics go to every printer the
// driver has, so that the printers run on every location and message the
// compiler reports; what they print is checked to be well-formed.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TEST_FUZZ_FUZZCOMPILE_H
#define SCHEMAC_TEST_FUZZ_FUZZCOMPILE_H

#include "codegen/Migration.h"
#include "codegen/MigrationWriter.h"
#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "frontend/GitHubDiagnosticPrinter.h"
#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/Parser.h"
#include "frontend/SARIFDiagnosticPrinter.h"
#include "frontend/TextDiagnosticPrinter.h"
#include "sema/Checks.h"
#include "sema/Sema.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <cstdlib>
#include <memory>
#include <optional>

namespace schemac::fuzz {

/// `schemac`'s default -ferror-limit.
constexpr unsigned DriverErrorLimit = 20;

/// Every printer of --diagnostics-format at once, each checked once the
/// run is over: a JSON line per diagnostic, a SARIF log that llvm::json
/// parses, one workflow command per line for GitHub. The text printer's
/// output is discarded.
class AllPrinters : public DiagnosticConsumer {
public:
  explicit AllPrinters(const llvm::SourceMgr &SM)
      : Text(SM, Discard, /*ShowColors=*/false), JSONOut(JSON),
        JSONLines(SM, JSONOut), SARIFOut(SARIF),
        SARIFLog(SM, SARIFOut, "0.0.0"), GitHubOut(GitHub),
        GitHubCommands(SM, GitHubOut) {}

  void handle(const Diagnostic &D) override {
    for (DiagnosticConsumer *C : consumers())
      C->handle(D);
  }

  bool finish() override {
    for (DiagnosticConsumer *C : consumers())
      C->finish();
    JSONOut.flush();
    SARIFOut.flush();
    GitHubOut.flush();
    llvm::StringRef Lines = JSON;
    while (!Lines.empty()) {
      auto [Line, Rest] = Lines.split('\n');
      check(Line, "a JSON diagnostic");
      Lines = Rest;
    }
    if (!SARIF.empty())
      check(SARIF, "the SARIF log");
    for (llvm::StringRef Rest = GitHub; !Rest.empty();) {
      auto [Line, Next] = Rest.split('\n');
      if (!Line.startswith("::error ") && !Line.startswith("::warning ") &&
          !Line.startswith("::notice ")) {
        llvm::errs() << "fuzz: a GitHub workflow command line is not one:\n"
                     << GitHub << "\n";
        abort();
      }
      Rest = Next;
    }
    return true;
  }

private:
  std::array<DiagnosticConsumer *, 4> consumers() {
    return {&Text, &JSONLines, &SARIFLog, &GitHubCommands};
  }
  static void check(llvm::StringRef Document, llvm::StringRef What) {
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Document);
    if (V)
      return;
    llvm::errs() << "fuzz: " << What
                 << " is not JSON: " << llvm::toString(V.takeError()) << "\n"
                 << Document << "\n";
    abort();
  }

  llvm::raw_null_ostream Discard;
  TextDiagnosticPrinter Text;
  std::string JSON, SARIF, GitHub;
  llvm::raw_string_ostream JSONOut;
  JSONDiagnosticPrinter JSONLines;
  llvm::raw_string_ostream SARIFOut;
  SARIFDiagnosticPrinter SARIFLog;
  llvm::raw_string_ostream GitHubOut;
  GitHubDiagnosticPrinter GitHubCommands;
};

/// One run of the driver: the source buffers and the diagnostics engine.
class Session {
public:
  Session() : Printers(SM), Diags(SM, Printers) {
    Diags.setErrorLimit(DriverErrorLimit);
  }
  ~Session() { Printers.finish(); }

  llvm::SourceMgr SM;

private:
  AllPrinters Printers;

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

/// Prints a plan that should have been empty, its steps, errors and SQL,
/// and aborts, so that the fuzzer keeps the input.
[[noreturn]] inline void abortWithPlan(const MigrationPlan &Plan) {
  for (const MigrationStep &Step : Plan.Steps)
    llvm::errs() << "  " << Step.line() << "\n";
  for (const std::string &E : Plan.Errors)
    llvm::errs() << "  error: " << E << "\n";
  writeMigrationSQL(Plan, llvm::errs());
  abort();
}

} // namespace schemac::fuzz

#endif
