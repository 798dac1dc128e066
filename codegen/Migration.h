//===- Migration.h - The steps from one schema to another -------*- C++ -*-===//
//
// The diff of two IRs, as ordered steps: each a change a person can read
// (for the report), the SQL that makes it, and what it risks. The down
// migration is the plan from the new schema back to the old one.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_MIGRATION_H
#define SCHEMAC_CODEGEN_MIGRATION_H

#include "sema/IR.h"

#include <map>
#include <string>
#include <vector>

namespace schemac {

struct MigrationStep {
  /// The order of a migration (DESIGN.md §6): renames, then drops of what
  /// lives in tables in the reverse order of creation, then creations; types,
  /// extensions and schemas are dropped last, once no column uses them.
  enum Phase : unsigned {
    Rename,
    DropIndex,
    DropForeignKey,
    DropConstraint,
    DropColumn,
    DropTable,
    CreateSchema,
    CreateExtension,
    CreateEnum,
    AlterEnum,
    CreateTable,
    AddColumn,
    AlterColumn,
    AddConstraint,
    AddForeignKey,
    CreateIndex,
    Comment,
    DropEnum,
    DropExtension,
    DropSchema,
  };
  Phase P;
  /// Orders steps inside a phase (tables in foreign key order).
  unsigned Order = 0;
  /// What the step is about, for grouping the report: `table quaero.users`.
  std::string Subject;
  /// '+' added, '-' removed, '~' changed, '>' renamed.
  char Sign = '~';
  /// One line for the report: `column completed_at: text -> timestamptz`.
  std::string Summary;
  std::vector<std::string> SQL;
  bool Destructive = false;
  /// Runs outside a transaction block, committed before the next steps
  /// (an enum label must be committed before it can be used).
  bool NoTransaction = false;
  /// The order the step was planned in, the last tie-breaker.
  size_t Sequence = 0;

  /// The step on one line, for a note: `table app.posts: + column x`, or
  /// just `+ <summary>` when the summary names its subject already.
  std::string line() const;
};

struct MigrationPlan {
  std::vector<MigrationStep> Steps;
  /// Problems that make the plan unusable (a @renamed_from whose old name
  /// exists nowhere); the plan is not to be applied when there are any.
  std::vector<std::string> Errors;

  bool empty() const { return Steps.empty(); }
  bool hasDestructiveSteps() const;
};

/// Which objects of To continue which of From: the same name, or a rename
/// (`@renamed_from`, on either side). Indexes are To index -> From index.
struct SchemaMatch {
  std::map<size_t, size_t> Enums, Tables;
  /// Per To table index: To column index -> From column index.
  std::map<size_t, std::map<size_t, size_t>> Columns;
  /// A @renamed_from that finds nothing.
  std::vector<std::string> Errors;
};
SchemaMatch matchSchemas(const ir::Schema &From, const ir::Schema &To);

/// Whether two constraints, or two indexes, of table Context (the old one
/// in the new one's names) have one definition, their names aside.
/// Expressions compare as PostgreSQL stores them.
bool sameDefinition(const ir::Constraint &X, const ir::Constraint &Y,
                    const ir::Table &Context);
bool sameDefinition(const ir::Index &A, const ir::Index &B,
                    const ir::Table &Context);

/// The steps that turn a database at From into one at To, in order.
MigrationPlan planMigration(const ir::Schema &From, const ir::Schema &To);

} // namespace schemac

#endif
