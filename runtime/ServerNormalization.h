//===- ServerNormalization.h - PostgreSQL as the judge of equality -*- C++
//-*-=//
//
// `--dev-db`: both sides of a comparison are loaded into a scratch database
// and read back, so PostgreSQL itself says whether two expressions are the
// same (it stores `x IN (1, 2)` and `x = ANY (ARRAY[1, 2])` alike). Where the
// server's forms agree, the two sides are made to agree too; where they do
// not, each side keeps its own spelling, so a migration still shows the
// expression as the user wrote it.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_SERVERNORMALIZATION_H
#define SCHEMAC_RUNTIME_SERVERNORMALIZATION_H

#include "sema/IR.h"

namespace schemac {

/// ServerFrom and ServerTo are From and To as the server stored them (same
/// table, column, constraint and index names). Every default, generation
/// expression, check, index expression and index predicate that the server
/// stored identically on both sides is copied from From to To. Returns how
/// many were copied.
unsigned adoptServerEquality(const ir::Schema &From, ir::Schema &To,
                             const ir::Schema &ServerFrom,
                             const ir::Schema &ServerTo);

} // namespace schemac

#endif
