//===- Backend.h - The interface every output backend implements ----------===//
//
// A backend reads the IR and writes to streams its context hands out: in
// memory for unit tests, a file for the CLI. A file context writes nothing
// until the backend has succeeded, so a failed run never leaves a partial
// file behind.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_BACKEND_H
#define SCHEMAC_CODEGEN_BACKEND_H

#include "sema/IR.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace schemac {

class OutputContext {
public:
  virtual ~OutputContext();
  virtual llvm::raw_ostream &stream() = 0;
};

/// Collects the output in a string.
class StringOutputContext : public OutputContext {
public:
  StringOutputContext() : OS(Buffer) {}
  llvm::raw_ostream &stream() override { return OS; }
  const std::string &str() { return OS.str(); }

private:
  std::string Buffer;
  llvm::raw_string_ostream OS;
};

/// Buffers the output and writes it to Path ("-" = standard output) only on
/// commit(), atomically (a temporary file renamed over the target).
class FileOutputContext : public StringOutputContext {
public:
  explicit FileOutputContext(std::string Path) : Path(std::move(Path)) {}
  llvm::Error commit();

private:
  std::string Path;
};

class Backend {
public:
  virtual ~Backend();
  virtual llvm::Error emit(const ir::Schema &Schema, OutputContext &Out) = 0;
};

} // namespace schemac

#endif
