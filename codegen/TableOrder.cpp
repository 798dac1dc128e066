//===- TableOrder.cpp - Creation order of tables with foreign keys --------===//
//
// A depth-first walk over foreign keys, iterative so that a chain of 20,000
// tables does not exhaust the stack. An edge back to a table still being
// visited closes a cycle; that foreign key is deferred.
//===----------------------------------------------------------------------===//

#include "codegen/TableOrder.h"

#include <map>

using namespace schemac;

TableOrder schemac::orderTables(const ir::Schema &Schema) {
  const auto &Tables = Schema.Tables;
  std::map<ir::QualifiedName, size_t> IndexOf;
  for (size_t I = 0; I < Tables.size(); ++I)
    IndexOf[Tables[I].Name] = I;

  enum class State { New, Visiting, Done };
  std::vector<State> States(Tables.size(), State::New);
  TableOrder Order;

  struct Frame {
    size_t Table;
    size_t NextConstraint;
  };
  for (size_t Root = 0; Root < Tables.size(); ++Root) {
    if (States[Root] != State::New)
      continue;
    std::vector<Frame> Stack{{Root, 0}};
    States[Root] = State::Visiting;
    while (!Stack.empty()) {
      Frame &F = Stack.back();
      const auto &Constraints = Tables[F.Table].Constraints;
      if (F.NextConstraint == Constraints.size()) {
        States[F.Table] = State::Done;
        Order.Tables.push_back(F.Table);
        Stack.pop_back();
        continue;
      }
      size_t CI = F.NextConstraint++;
      const ir::Constraint &C = Constraints[CI];
      if (C.K != ir::Constraint::Kind::ForeignKey)
        continue;
      auto It = IndexOf.find(C.RefTable);
      if (It == IndexOf.end() || It->second == F.Table)
        continue; // self-references work inside CREATE TABLE
      size_t Target = It->second;
      if (States[Target] == State::Visiting) {
        Order.DeferredForeignKeys.emplace_back(F.Table, CI);
      } else if (States[Target] == State::New) {
        States[Target] = State::Visiting;
        Stack.push_back({Target, 0});
      }
    }
  }
  return Order;
}
