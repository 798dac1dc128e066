//===- SchemaSourceEmitter.h - The IR as schema-language source -*- C++ -*-===//
//
// Prints an IR as a .schema file, written as a person would write it, that
// compiles back to the same IR: how a live database's schema (runtime/
// Inspect) becomes source the frontend compiles, and how a schema is shown
// in its canonical form.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_SCHEMASOURCEEMITTER_H
#define SCHEMAC_CODEGEN_SCHEMASOURCEEMITTER_H

#include "codegen/Backend.h"

#include "llvm/Support/raw_ostream.h"

namespace schemac {

/// Writes S as schema source: a `database` block when the settings differ
/// from the defaults, the extensions, then each schema in name order (public
/// at the top level, the others in `schema` blocks) with its enums and then
/// its tables in IR order.
///
/// A constraint or index name is left out where the compiler, with no
/// naming convention, would choose the same one; a single-column key,
/// foreign key or check is written on its column where that keeps the IR's
/// order of constraints. The compiled output equals S, except that tables
/// and enums come grouped by schema. What the language cannot say (a serial
/// column's sequence under another name, a deferrable key) is printed the
/// nearest way it can, with a `//` comment saying what is lost.
void emitSchemaSource(const ir::Schema &S, llvm::raw_ostream &OS);

/// `--emit=schema`.
class SchemaSourceEmitter : public Backend {
public:
  llvm::Error emit(const ir::Schema &Schema, OutputContext &Out) override;
};

} // namespace schemac

#endif
