//===- CompileCommand.cpp - `schemac compile` -----------------------------===//
//
// Schema files to SQL: parse every file, run sema over all of them as one
// schema, and emit the requested stage (`--emit=ast|ir|sql|schema`). Output
// is written only when everything succeeded.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "codegen/DDLEmitter.h"
#include "codegen/IRJSONEmitter.h"
#include "codegen/SchemaSourceEmitter.h"
#include "frontend/ASTPrinter.h"
#include "tools/schemac/Pipeline.h"

#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::CompileCommand(
    "compile",
    "Compile schema files to PostgreSQL DDL (or the AST, IR or schema source)");

namespace {
enum class Emit { AST, IR, SQL, Schema };

cl::OptionCategory CompileCategory("Compile options");

cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                             cl::desc("<schema file or directory>..."),
                             cl::sub(driver::CompileCommand),
                             cl::cat(CompileCategory));
cl::opt<std::string> Output("o", cl::desc("Write the output to <file>"),
                            cl::value_desc("file"), cl::init("-"),
                            cl::sub(driver::CompileCommand),
                            cl::cat(CompileCategory));
cl::opt<Emit>
    EmitStage("emit", cl::desc("What to print"),
              cl::values(clEnumValN(Emit::AST, "ast", "the syntax tree"),
                         clEnumValN(Emit::IR, "ir", "the canonical IR as JSON"),
                         clEnumValN(Emit::SQL, "sql", "the DDL (default)"),
                         clEnumValN(Emit::Schema, "schema",
                                    "the schema as canonical schema source")),
              cl::init(Emit::SQL), cl::sub(driver::CompileCommand),
              cl::cat(CompileCategory));
} // namespace

cl::OptionCategory &driver::compileCategory() { return CompileCategory; }

int driver::runCompileCommand() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();

  CompiledSchema Schema;
  StopAfter Stop =
      EmitStage == Emit::AST ? StopAfter::Parse : StopAfter::Checks;
  if (!compileSchema(Inputs, SM, Diags, Stop, Schema))
    return Setup.finish(ExitInvalid);

  FileOutputContext Out(Output);
  if (EmitStage == Emit::AST) {
    for (const auto &M : Schema.Modules)
      printAST(*M, SM, Out.stream());
  } else {
    // Like clang's -disable-free: a process about to exit need not take a
    // large AST and IR apart node by node.
    auto *Kept = new CompiledSchema(std::move(Schema));
    const ir::Schema &IR = Kept->Sema->IR;
    std::unique_ptr<Backend> B;
    if (EmitStage == Emit::IR)
      B = std::make_unique<IRJSONEmitter>();
    else if (EmitStage == Emit::Schema)
      B = std::make_unique<SchemaSourceEmitter>();
    else
      B = std::make_unique<DDLEmitter>();
    if (llvm::Error E = B->emit(IR, Out)) {
      llvm::WithColor::error(llvm::errs(), "schemac")
          << toString(std::move(E)) << "\n";
      return Setup.finish(ExitInvalid);
    }
  }
  if (llvm::Error E = Out.commit()) {
    llvm::WithColor::error(llvm::errs(), "schemac")
        << "cannot write '" << Output << "': " << toString(std::move(E))
        << "\n";
    return Setup.finish(ExitInvalid);
  }
  return Setup.finish(ExitOk);
}
