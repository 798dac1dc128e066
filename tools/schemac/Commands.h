//===- Commands.h - The subcommands of schemac ------------------*- C++ -*-===//

#ifndef SCHEMAC_TOOLS_COMMANDS_H
#define SCHEMAC_TOOLS_COMMANDS_H

#include "llvm/Support/CommandLine.h"

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

extern llvm::cl::SubCommand DriftCommand;
llvm::cl::OptionCategory &driftCategory();
int runDriftCommand();

} // namespace schemac::driver

#endif
