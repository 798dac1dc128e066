//===- TableOrder.h - Creation order of tables with foreign keys ----------===//

#ifndef SCHEMAC_CODEGEN_TABLEORDER_H
#define SCHEMAC_CODEGEN_TABLEORDER_H

#include "sema/IR.h"

#include <utility>
#include <vector>

namespace schemac {

struct TableOrder {
  /// Indexes into Schema.Tables: every table after the tables its foreign
  /// keys reference, otherwise in declaration order.
  std::vector<size_t> Tables;
  /// (table index, constraint index) of the foreign keys that close a
  /// cycle: they are added with ALTER TABLE once both tables exist.
  std::vector<std::pair<size_t, size_t>> DeferredForeignKeys;
};

TableOrder orderTables(const ir::Schema &Schema);

} // namespace schemac

#endif
