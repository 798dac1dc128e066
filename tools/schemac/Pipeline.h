//===- Pipeline.h - Schema files to a checked IR ----------------*- C++ -*-===//
//
// The steps every command that reads schema files shares: load, parse,
// resolve into the IR, run the checks. Each step stops the pipeline when it
// reported an error.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_TOOLS_PIPELINE_H
#define SCHEMAC_TOOLS_PIPELINE_H

#include "codegen/Migration.h"
#include "frontend/AST.h"
#include "frontend/Diagnostic.h"
#include "sema/SchemaFilter.h"
#include "sema/Sema.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac::driver {

/// How a database given as a source is read: Filter.Schemas says which
/// schemas to read (with those they refer to). The rest of the filter is
/// for the caller to apply to the compiled IR.
struct SourceOptions {
  SchemaFilter Filter;
};

struct CompiledSchema {
  std::vector<std::unique_ptr<ast::Module>> Modules;
  /// Set when the modules resolved into an IR without errors.
  std::optional<SemaResult> Sema;
  /// For a database: the schema source it was read as.
  std::string DatabaseSource;
  bool FromDatabase = false;
};

/// How far the pipeline goes: Resolve builds the IR without running the
/// checks (a base schema that is not the one being written).
enum class StopAfter { Parse, Resolve, Checks };

/// Whether a command-line source names a database (and is not a file that
/// happens to look like one).
bool isDatabaseArgument(const std::string &Input);

/// Whether a command-line source is a migration directory
/// (docs/migrations.md) rather than a directory of schema files.
bool isMigrationDirectoryArgument(const std::string &Input);

/// Runs the pipeline over Inputs; false when any step reported an error.
/// Inputs are schema files and directories, or a single database, which is
/// inspected, printed as schema source and compiled from that (its objects
/// are not linted: the checks are for the schema files being written), or a
/// single migration directory, which is verified and stands for the schema
/// of its snapshot (not linted either).
bool compileSchema(llvm::ArrayRef<std::string> Inputs, llvm::SourceMgr &SM,
                   DiagnosticEngine &Diags, StopAfter Stop, CompiledSchema &Out,
                   const SourceOptions &Options = {});

/// Runs the pipeline over buffers already in SM (schema source read from
/// elsewhere than files, like a git revision), as one schema.
/// (The buffers are in the engine's SourceMgr.)
bool compileBuffers(llvm::ArrayRef<unsigned> BufferIDs, DiagnosticEngine &Diags,
                    StopAfter Stop, CompiledSchema &Out);

/// An inspected database's schema printed as schema source (kept in
/// Out.DatabaseSource), added to SM as buffer Name and compiled, so the
/// server's expressions are parsed like written ones.
bool compileInspected(const ir::Schema &Inspected, const std::string &Name,
                      llvm::SourceMgr &SM, DiagnosticEngine &Diags,
                      CompiledSchema &Out);

/// Compiles both sides of a comparison and leaves out of both what Filter,
/// either side's `database { exclude }` or defaultExcludes() name, so
/// neither side shows what the other does not look at. With DevDb (a
/// server's URL, or empty for a temporary server of schemac's own), both
/// sides are loaded into a scratch database there and PostgreSQL decides
/// which expressions are the same (runtime/ServerNormalization.h).
bool compileComparison(llvm::ArrayRef<std::string> From,
                       llvm::ArrayRef<std::string> To, llvm::SourceMgr &SM,
                       DiagnosticEngine &Diags, const SchemaFilter &Filter,
                       CompiledSchema &Old, CompiledSchema &New,
                       const std::optional<std::string> &DevDb = {});

/// Prints the plan's errors (a @renamed_from that finds nothing); false
/// when there were any.
bool reportPlanErrors(const MigrationPlan &Plan);

/// Unless Allowed, refuses a plan with destructive steps: prints them and
/// how to allow them (`pass --allow-destructive to <Verb> them`), and
/// returns false. diff and migrate new say it alike.
bool checkDestructive(const MigrationPlan &Plan, bool Allowed,
                      llvm::StringRef Verb);

} // namespace schemac::driver

#endif
