//===- DDLEmitter.h - The full DDL of a schema ------------------*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_DDLEMITTER_H
#define SCHEMAC_CODEGEN_DDLEMITTER_H

#include "codegen/Backend.h"

namespace schemac {

/// Writes the SQL that creates the schema in an empty database: schemas,
/// extensions, enums, tables in foreign key order (cycles closed with ALTER
/// TABLE), indexes, comments. Every name is explicit, so the database ends
/// up with exactly the names the IR predicts.
class DDLEmitter : public Backend {
public:
  llvm::Error emit(const ir::Schema &Schema, OutputContext &Out) override;
};

} // namespace schemac

#endif
