//===- CompileCommand.cpp - `schemac compile` ------------------------------===//
//
// Schema files to SQL: parse every file, run sema over all of them as one
// schema, and emit the requested stage (`--emit=ast|ir|sql`). Output is
// written only when everything succeeded.
//===----------------------------------------------------------------------===//

#include "tools/schemac/Commands.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "codegen/DDLEmitter.h"
#include "codegen/IRJSONEmitter.h"
#include "frontend/ASTPrinter.h"
#include "frontend/Parser.h"
#include "frontend/SourceFiles.h"
#include "sema/Sema.h"

#include "llvm/Support/WithColor.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::CompileCommand(
    "compile", "Compile schema files to PostgreSQL DDL (or the AST or IR)");

namespace {
enum class Emit { AST, IR, SQL };

cl::OptionCategory CompileCategory("Compile options");

cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                             cl::desc("<schema file or directory>..."),
                             cl::sub(driver::CompileCommand), cl::cat(CompileCategory));
cl::opt<std::string> Output("o", cl::desc("Write the output to <file>"),
                            cl::value_desc("file"), cl::init("-"),
                            cl::sub(driver::CompileCommand), cl::cat(CompileCategory));
cl::opt<Emit> EmitStage(
    "emit", cl::desc("What to print"),
    cl::values(clEnumValN(Emit::AST, "ast", "the syntax tree"),
               clEnumValN(Emit::IR, "ir", "the canonical IR as JSON"),
               clEnumValN(Emit::SQL, "sql", "the DDL (default)")),
    cl::init(Emit::SQL), cl::sub(driver::CompileCommand), cl::cat(CompileCategory));
} // namespace

cl::OptionCategory &driver::compileCategory() { return CompileCategory; }

int driver::runCompileCommand() {
  llvm::SourceMgr SM;
  DiagnosticSetup Setup(SM);
  DiagnosticEngine &Diags = Setup.engine();

  std::vector<unsigned> Buffers = loadSourceFiles(Inputs, SM, Diags);
  std::vector<std::unique_ptr<ast::Module>> Modules;
  for (unsigned ID : Buffers)
    if (auto M = parseBuffer(ID, Diags))
      Modules.push_back(std::move(M));
  if (Diags.hasErrors())
    return Setup.finish(ExitInvalid);

  FileOutputContext Out(Output);
  if (EmitStage == Emit::AST) {
    for (const auto &M : Modules)
      printAST(*M, SM, Out.stream());
  } else {
    std::vector<const ast::Module *> Views;
    for (const auto &M : Modules)
      Views.push_back(M.get());
    std::optional<ir::Schema> Built = buildIR(Views, Diags);
    if (!Built || Diags.hasErrors())
      return Setup.finish(ExitInvalid);
    // The syntax trees are done with; freeing them now lowers peak memory.
    Views.clear();
    Modules.clear();
    // Like clang's -disable-free: a process about to exit need not take
    // a large IR apart node by node.
    auto *IR = new ir::Schema(std::move(*Built));
    Built.reset();
    std::unique_ptr<Backend> B;
    if (EmitStage == Emit::IR)
      B = std::make_unique<IRJSONEmitter>();
    else
      B = std::make_unique<DDLEmitter>();
    if (llvm::Error E = B->emit(*IR, Out)) {
      llvm::WithColor::error(llvm::errs(), "schemac") << toString(std::move(E))
                                                      << "\n";
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
