//===- MigrationLint.h - The change checks on migration SQL -----*- C++ -*-===//
//
// `schemac lint --migrations DIR` (docs/lint.md): the change checks of
// codegen/ChangeChecks.h, on the SQL of migration files rather than on two
// schemas, so a file edited by hand is judged by what it runs. It reads the
// statements as schemac writes them (codegen/MigrationWriter.h): CREATE and
// DROP TABLE, ALTER TABLE's ADD/DROP/ALTER COLUMN, ADD CONSTRAINT .. FOREIGN
// KEY, RENAME, CREATE INDEX, and the enum type swap; other statements are
// passed over. What existed before the files is the schema Before; a table
// the files create themselves has no rows to lock or lose.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_MIGRATIONLINT_H
#define SCHEMAC_CODEGEN_MIGRATIONLINT_H

#include "codegen/MigrationDirectory.h"
#include "frontend/Diagnostic.h"
#include "sema/IR.h"

#include "llvm/ADT/ArrayRef.h"

namespace schemac {

/// How the files reach a database: together (what one deployment runs:
/// a table the files create has no rows yet), or each after the others
/// were deployed (a table an earlier file created has rows by then).
enum class Deployment { Together, OneByOne };

/// Reports the findings of running Files, in order, on a database with
/// schema Before; each points at the first line of its statement.
void lintMigrationFiles(const ir::Schema &Before,
                        llvm::ArrayRef<const MigrationFile *> Files,
                        Deployment How, DiagnosticEngine &Diags);

} // namespace schemac

#endif
