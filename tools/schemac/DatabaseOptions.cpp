//===- DatabaseOptions.cpp - Options of commands that read databases ------===//

#include "tools/schemac/DatabaseOptions.h"

using namespace schemac;
using namespace schemac::driver;
namespace cl = llvm::cl;

DatabaseOptions::DatabaseOptions(cl::SubCommand &Command,
                                 cl::OptionCategory &Category, Scratch Kind)
    : Schemas("schema", cl::desc("Only this schema of a database (repeatable)"),
              cl::value_desc("name"), cl::sub(Command), cl::cat(Category)),
      Excludes("exclude",
               cl::desc("Leave out objects whose qualified name, or schemas "
                        "whose name, matches (repeatable)"),
               cl::value_desc("glob"), cl::sub(Command), cl::cat(Category)) {
  if (Kind == WithDevDb)
    DevDb = std::make_unique<cl::opt<std::string>>(
        "dev-db", cl::ValueOptional,
        cl::desc("Let PostgreSQL decide which expressions are the same: load "
                 "both sides into a scratch database on this server, or on a "
                 "temporary server of schemac's own when no URL is given"),
        cl::value_desc("URL|conninfo"), cl::sub(Command), cl::cat(Category));
}

SchemaFilter DatabaseOptions::filter() const {
  return SchemaFilter{{Schemas.begin(), Schemas.end()},
                      {Excludes.begin(), Excludes.end()}};
}

std::optional<std::string> DatabaseOptions::devDatabase() const {
  if (!DevDb || !DevDb->getNumOccurrences())
    return std::nullopt;
  return DevDb->getValue();
}
