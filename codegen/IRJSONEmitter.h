//===- IRJSONEmitter.h - The IR as JSON, for tools --------------*- C++ -*-===//

#ifndef SCHEMAC_CODEGEN_IRJSONEMITTER_H
#define SCHEMAC_CODEGEN_IRJSONEMITTER_H

#include "codegen/Backend.h"

namespace schemac {

/// `--emit=ir`: the canonical model as one JSON document. Types and
/// expressions appear both as their SQL text and, for expressions, as the
/// tree, so tools need not parse SQL.
class IRJSONEmitter : public Backend {
public:
  llvm::Error emit(const ir::Schema &Schema, OutputContext &Out) override;
};

} // namespace schemac

#endif
