//===- ServerNormalization.cpp - PostgreSQL as the judge of equality ------===//

#include "runtime/ServerNormalization.h"

#include "llvm/ADT/StringMap.h"

using namespace schemac;

namespace {

/// Tables by qualified name.
class TableMap {
public:
  explicit TableMap(const ir::Schema &S) {
    for (const ir::Table &T : S.Tables)
      Tables[T.Name.str()] = &T;
  }
  const ir::Table *find(const ir::QualifiedName &Name) const {
    return Tables.lookup(Name.str());
  }

private:
  llvm::StringMap<const ir::Table *> Tables;
};

template <typename T>
const T *byName(const std::vector<T> &Items, const std::string &Name) {
  for (const T &Item : Items)
    if (Item.Name == Name)
      return &Item;
  return nullptr;
}

bool sameStored(const ir::Shared<ir::Expr> &A, const ir::Shared<ir::Expr> &B) {
  return A && B && *A == *B;
}

bool sameStored(const std::optional<ir::Expr> &A,
                const std::optional<ir::Expr> &B) {
  return A && B && *A == *B;
}

} // namespace

unsigned schemac::adoptServerEquality(const ir::Schema &From, ir::Schema &To,
                                      const ir::Schema &ServerFrom,
                                      const ir::Schema &ServerTo) {
  TableMap Old(From), StoredOld(ServerFrom), StoredNew(ServerTo);
  unsigned Copied = 0;
  for (ir::Table &T : To.Tables) {
    const ir::Table *O = Old.find(T.Name), *SO = StoredOld.find(T.Name),
                    *SN = StoredNew.find(T.Name);
    if (!O || !SO || !SN)
      continue;
    for (ir::Column &C : T.Columns) {
      const ir::Column *OC = byName(O->Columns, C.Name),
                       *SOC = byName(SO->Columns, C.Name),
                       *SNC = byName(SN->Columns, C.Name);
      if (!OC || !SOC || !SNC)
        continue;
      if (sameStored(SOC->Default, SNC->Default) && OC->Default) {
        C.Default = OC->Default;
        ++Copied;
      }
      if (sameStored(SOC->Generated, SNC->Generated) && OC->Generated) {
        C.Generated = OC->Generated;
        ++Copied;
      }
    }
    for (ir::Constraint &K : T.Constraints) {
      const ir::Constraint *OK = byName(O->Constraints, K.Name),
                           *SOK = byName(SO->Constraints, K.Name),
                           *SNK = byName(SN->Constraints, K.Name);
      if (OK && SOK && SNK && sameStored(SOK->Check, SNK->Check) && OK->Check) {
        K.Check = OK->Check;
        ++Copied;
      }
    }
    for (ir::Index &I : T.Indexes) {
      const ir::Index *OI = byName(O->Indexes, I.Name),
                      *SOI = byName(SO->Indexes, I.Name),
                      *SNI = byName(SN->Indexes, I.Name);
      if (!OI || !SOI || !SNI)
        continue;
      if (sameStored(SOI->Where, SNI->Where) && OI->Where) {
        I.Where = OI->Where;
        ++Copied;
      }
      size_t N = std::min({I.Elements.size(), OI->Elements.size(),
                           SOI->Elements.size(), SNI->Elements.size()});
      for (size_t E = 0; E < N; ++E)
        if (sameStored(SOI->Elements[E].Expression,
                       SNI->Elements[E].Expression) &&
            OI->Elements[E].Expression) {
          I.Elements[E].Expression = OI->Elements[E].Expression;
          ++Copied;
        }
    }
  }
  return Copied;
}
