//===- Commands.h - The subcommands of schemac ------------------*- C++ -*-===//

#ifndef SCHEMAC_TOOLS_COMMANDS_H
#define SCHEMAC_TOOLS_COMMANDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <optional>
#include <string>

namespace schemac::driver {

extern llvm::cl::SubCommand CompileCommand;
llvm::cl::OptionCategory &compileCategory();
extern llvm::cl::SubCommand DiffCommand;
llvm::cl::OptionCategory &diffCategory();
int runDiffCommand();

extern llvm::cl::SubCommand CheckCommand;
llvm::cl::OptionCategory &checkCategory();
int runCheckCommand();
int runCompileCommand();

extern llvm::cl::SubCommand InspectCommand;
llvm::cl::OptionCategory &inspectCategory();
int runInspectCommand();

extern llvm::cl::SubCommand LintCommand;
llvm::cl::OptionCategory &lintCategory();
int runLintCommand();

extern llvm::cl::SubCommand DriftCommand;
llvm::cl::OptionCategory &driftCategory();
int runDriftCommand();

/// `migrate verify --alembic DIR`: checks an Alembic versions directory's
/// chain. Exit 0 when it is whole, 1 when problems were reported, 2 when it
/// cannot be read.
int runAlembicVerify(llvm::StringRef Dir);
/// `migrate new NAME --format alembic --alembic DIR SCHEMA... [--from SRC]
/// [--allow-destructive]`: writes `<rev>_<slug>.py` onto the directory's
/// head, planned from FromSource (schema files or a database; the empty
/// schema when "", allowed only for a directory without revisions) to
/// SchemaInputs. Exit 0 when written (or nothing changed), 2 otherwise.
int runAlembicNew(llvm::StringRef Name, llvm::StringRef Dir,
                  llvm::ArrayRef<std::string> SchemaInputs,
                  llvm::StringRef FromSource, bool AllowDestructive);
/// The same with `--dev-db[=URL]` (DevDb: the server, empty for schemac's
/// own), so that PostgreSQL judges which expressions are the same: what a
/// database given as FromSource re-spelled (jsonb, interval literals) is
/// then no change.
int runAlembicNew(llvm::StringRef Name, llvm::StringRef Dir,
                  llvm::ArrayRef<std::string> SchemaInputs,
                  llvm::StringRef FromSource, bool AllowDestructive,
                  const std::optional<std::string> &DevDb);

extern llvm::cl::SubCommand MigrateCommand;
llvm::cl::OptionCategory &migrateCategory();
int runMigrateCommand();

} // namespace schemac::driver

#endif
