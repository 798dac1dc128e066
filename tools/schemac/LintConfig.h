//===- LintConfig.h - The .schemac.yaml file of `schemac lint` --*- C++ -*-===//
//
// `schemac lint` takes its inputs and check levels from a YAML file in the
// repository, so that CI and every developer lint alike without repeating
// flags (docs/lint.md, "Configuration: .schemac.yaml"). The file is checked
// like a schema file: each problem is a diagnostic at its line and column.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_LINTCONFIG_H
#define SCHEMAC_TOOLS_LINTCONFIG_H

#include "frontend/Diagnostic.h"
#include "tools/schemac/DiagnosticOptions.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace schemac::driver {

/// The name of the file findLintConfig looks for.
inline constexpr llvm::StringLiteral LintConfigFileName = ".schemac.yaml";

/// The settings of a .schemac.yaml. Paths are usable from the current
/// directory: the file gives them relative to its own directory, and they
/// are joined to the directory the file was found in.
struct LintConfig {
  /// The file read; empty when none.
  std::string Path;
  /// `schema:` files and directories.
  std::vector<std::string> Schemas;
  /// `base:`, a SRC as --base takes it: a path (resolved like Schemas), or
  /// a git:REV, URL or conninfo string, kept as written.
  std::optional<std::string> Base;
  /// `migrations:` directory.
  std::optional<std::string> Migrations;
  /// `checks:` levels, in file order. Each names a check of Checks.def, and
  /// a Required check is never Warning or Off.
  std::vector<std::pair<std::string, CheckLevel>> Checks;
};

/// The config file to use: Explicit when given (--config FILE); otherwise
/// `.schemac.yaml` in the repository root, found by walking up from
/// StartDir (the current directory when empty) to the first directory that
/// has `.schemac.yaml` or `.git`. nullopt when neither is found, or the
/// first found is `.git`. A file found above StartDir is returned as a
/// relative path through `..` (joined to StartDir when it is given), so
/// messages name it as the user sees it.
std::optional<std::string> findLintConfig(llvm::StringRef Explicit,
                                          llvm::StringRef StartDir = "");

/// Reads and validates the file at Path into Out. Its buffer is added to SM
/// and every problem is reported to Diags at its place: YAML syntax, a
/// document that is not a mapping, unknown or repeated keys, unknown check
/// names (with a did-you-mean note), unknown levels, a Required check set to
/// warning or off, values of the wrong kind. A file that cannot be read is
/// reported with its path. An empty file is an empty configuration. Returns
/// false when anything was reported; Out is then incomplete.
bool readLintConfig(llvm::StringRef Path, llvm::SourceMgr &SM,
                    DiagnosticEngine &Diags, LintConfig &Out);

} // namespace schemac::driver

#endif
