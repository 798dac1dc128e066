//===- DatabaseOptions.h - Options of commands that read databases -*- C++
//-*-=//
//
// `--schema`, `--exclude` and `--dev-db` mean the same for every command that
// reads or compares a database; each command makes one DatabaseOptions for
// its own subcommand.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_DATABASEOPTIONS_H
#define SCHEMAC_TOOLS_DATABASEOPTIONS_H

#include "sema/SchemaFilter.h"

#include "llvm/Support/CommandLine.h"

#include <memory>
#include <optional>
#include <string>

namespace schemac::driver {

class DatabaseOptions {
public:
  enum Scratch { NoDevDb, WithDevDb };
  /// Registers the options in Command; `--dev-db` only WithDevDb.
  DatabaseOptions(llvm::cl::SubCommand &Command,
                  llvm::cl::OptionCategory &Category, Scratch DevDb);

  /// What `--schema` and `--exclude` leave in.
  SchemaFilter filter() const;
  /// `--dev-db`'s server: none when not given, empty for schemac's own.
  std::optional<std::string> devDatabase() const;

private:
  llvm::cl::list<std::string> Schemas;
  llvm::cl::list<std::string> Excludes;
  std::unique_ptr<llvm::cl::opt<std::string>> DevDb;
};

} // namespace schemac::driver

#endif
