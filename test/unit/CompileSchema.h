//===- CompileSchema.h - Schema text to IR for unit tests -------*- C++ -*-===//

#ifndef SCHEMAC_TEST_UNIT_COMPILESCHEMA_H
#define SCHEMAC_TEST_UNIT_COMPILESCHEMA_H

#include "frontend/Parser.h"
#include "sema/Sema.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <string>

namespace schemac::test {

class ErrorCollector : public DiagnosticConsumer {
public:
  void handle(const Diagnostic &D) override {
    if (D.Level == Severity::Error)
      Errors += D.Message + "\n";
  }
  std::string Errors;
};

/// Compiles schema text to IR; fails the test on an error.
inline ir::Schema compile(llvm::StringRef Text) {
  llvm::SourceMgr SM;
  ErrorCollector Consumer;
  DiagnosticEngine Diags(SM, Consumer);
  unsigned ID = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, "test.schema"), llvm::SMLoc());
  auto Module = parseBuffer(ID, Diags);
  EXPECT_TRUE(Module) << Consumer.Errors;
  if (!Module)
    return {};
  const ast::Module *M = Module.get();
  auto Result = buildIR(llvm::makeArrayRef(&M, 1), Diags);
  EXPECT_TRUE(Result) << Consumer.Errors;
  return Result ? Result->IR : ir::Schema{};
}

} // namespace schemac::test

#endif
