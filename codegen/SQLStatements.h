//===- SQLStatements.h - Pieces of DDL statements ---------------*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_SQLSTATEMENTS_H
#define SCHEMAC_CODEGEN_SQLSTATEMENTS_H

#include "sema/IR.h"

#include <string>
#include <vector>

namespace schemac::sql {

/// `a, "B", c`: each name quoted as needed.
std::string formatColumnList(const std::vector<std::string> &Columns);

/// `name type [COLLATE ..] [GENERATED ..] [DEFAULT ..] [NOT NULL]`, as in
/// CREATE TABLE and ALTER TABLE .. ADD COLUMN.
std::string formatColumnDefinition(const ir::Table &T, const ir::Column &C);

/// `CONSTRAINT name PRIMARY KEY (..)` and the other kinds.
std::string formatConstraintDefinition(const ir::Constraint &C);

/// The whole `CREATE [UNIQUE] INDEX ...;` statement.
std::string formatCreateIndex(const ir::Table &T, const ir::Index &I);

/// Whether a serial column's sequence gets the name `serial` would give it
/// when the table is created. If not (that name belongs to a table declared
/// later), the sequence is spelled out: created, used, and owned.
bool serialNamesItself(const ir::Table &T, const ir::Column &C);

/// The qualified name of a serial column's sequence.
std::string formatSequenceName(const ir::Table &T, const ir::Column &C);

} // namespace schemac::sql

#endif
