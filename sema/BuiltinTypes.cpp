//===- BuiltinTypes.cpp - PostgreSQL's types under all their spellings ----===//

#include "sema/BuiltinTypes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace schemac;

namespace {

struct Spelling {
  const char *Name;
  TypeInfo Info;
};

using M = ModifierKind;

const Spelling Spellings[] = {
    {"smallint", {"smallint", M::None}},
    {"int2", {"smallint", M::None}},
    {"integer", {"integer", M::None}},
    {"int", {"integer", M::None}},
    {"int4", {"integer", M::None}},
    {"bigint", {"bigint", M::None}},
    {"int8", {"bigint", M::None}},
    {"smallserial", {"smallint", M::None, true}},
    {"serial2", {"smallint", M::None, true}},
    {"serial", {"integer", M::None, true}},
    {"serial4", {"integer", M::None, true}},
    {"bigserial", {"bigint", M::None, true}},
    {"serial8", {"bigint", M::None, true}},
    {"real", {"real", M::None}},
    {"float4", {"real", M::None}},
    {"double precision", {"double precision", M::None}},
    {"float8", {"double precision", M::None}},
    {"float", {"double precision", M::Float}},
    {"numeric", {"numeric", M::Numeric}},
    {"decimal", {"numeric", M::Numeric}},
    {"money", {"money", M::None}},
    {"boolean", {"boolean", M::None}},
    {"bool", {"boolean", M::None}},
    {"text", {"text", M::None}},
    {"character varying", {"character varying", M::Length}},
    {"varchar", {"character varying", M::Length}},
    {"character", {"character", M::Length, false, "", 1}},
    {"char", {"character", M::Length, false, "", 1}},
    {"bpchar", {"character", M::Length}},
    {"name", {"name", M::None}},
    {"bytea", {"bytea", M::None}},
    {"date", {"date", M::None}},
    {"time", {"time without time zone", M::Precision}},
    {"timetz", {"time with time zone", M::Precision}},
    {"timestamp", {"timestamp without time zone", M::Precision}},
    {"timestamptz", {"timestamp with time zone", M::Precision}},
    {"interval", {"interval", M::Precision}},
    {"uuid", {"uuid", M::None}},
    {"json", {"json", M::None}},
    {"jsonb", {"jsonb", M::None}},
    {"jsonpath", {"jsonpath", M::None}},
    {"xml", {"xml", M::None}},
    {"inet", {"inet", M::None}},
    {"cidr", {"cidr", M::None}},
    {"macaddr", {"macaddr", M::None}},
    {"macaddr8", {"macaddr8", M::None}},
    {"bit", {"bit", M::BitLength, false, "", 1}},
    {"bit varying", {"bit varying", M::BitLength}},
    {"varbit", {"bit varying", M::BitLength}},
    {"tsvector", {"tsvector", M::None}},
    {"tsquery", {"tsquery", M::None}},
    {"point", {"point", M::None}},
    {"line", {"line", M::None}},
    {"lseg", {"lseg", M::None}},
    {"box", {"box", M::None}},
    {"path", {"path", M::None}},
    {"polygon", {"polygon", M::None}},
    {"circle", {"circle", M::None}},
    {"int4range", {"int4range", M::None}},
    {"int8range", {"int8range", M::None}},
    {"numrange", {"numrange", M::None}},
    {"tsrange", {"tsrange", M::None}},
    {"tstzrange", {"tstzrange", M::None}},
    {"daterange", {"daterange", M::None}},
    {"int4multirange", {"int4multirange", M::None}},
    {"int8multirange", {"int8multirange", M::None}},
    {"nummultirange", {"nummultirange", M::None}},
    {"tsmultirange", {"tsmultirange", M::None}},
    {"tstzmultirange", {"tstzmultirange", M::None}},
    {"datemultirange", {"datemultirange", M::None}},
    {"oid", {"oid", M::None}},
    {"regclass", {"regclass", M::None}},
    {"regtype", {"regtype", M::None}},
    {"regconfig", {"regconfig", M::None}},
    {"regdictionary", {"regdictionary", M::None}},
    {"regnamespace", {"regnamespace", M::None}},
    {"regrole", {"regrole", M::None}},
    {"regproc", {"regproc", M::None}},
    {"regprocedure", {"regprocedure", M::None}},
    {"regoper", {"regoper", M::None}},
    {"regoperator", {"regoperator", M::None}},
    {"regcollation", {"regcollation", M::None}},
    {"pg_lsn", {"pg_lsn", M::None}},
    {"txid_snapshot", {"txid_snapshot", M::None}},
    {"pg_snapshot", {"pg_snapshot", M::None}},
    // Extension types.
    {"vector", {"vector", M::Dimension, false, "vector"}},
    {"halfvec", {"halfvec", M::Dimension, false, "vector"}},
    {"sparsevec", {"sparsevec", M::Dimension, false, "vector"}},
    {"citext", {"citext", M::None, false, "citext"}},
    {"hstore", {"hstore", M::None, false, "hstore"}},
    {"ltree", {"ltree", M::None, false, "ltree"}},
    {"lquery", {"lquery", M::None, false, "ltree"}},
    {"cube", {"cube", M::None, false, "cube"}},
    {"geometry", {"geometry", M::None, false, "postgis"}},
    {"geography", {"geography", M::None, false, "postgis"}},
};

const llvm::StringMap<const TypeInfo *> &spellingMap() {
  static const llvm::StringMap<const TypeInfo *> Map = [] {
    llvm::StringMap<const TypeInfo *> Result;
    for (const Spelling &S : Spellings)
      Result[S.Name] = &S.Info;
    // Multi-word spellings of the time types come out of the grammar as the
    // base word plus a time-zone flag; sema folds them into these.
    return Result;
  }();
  return Map;
}

} // namespace

const TypeInfo *schemac::lookupBuiltinType(llvm::StringRef Spelling) {
  auto It = spellingMap().find(Spelling);
  return It == spellingMap().end() ? nullptr : It->second;
}

const char *schemac::indexMethodExtension(llvm::StringRef Method) {
  return llvm::StringSwitch<const char *>(Method)
      .Cases("btree", "hash", "gist", "spgist", "gin", "brin", "")
      .Cases("ivfflat", "hnsw", "vector")
      .Case("bloom", "bloom")
      .Default(nullptr);
}

llvm::StringRef schemac::typeFamily(const ir::Type &T) {
  if (T.K == ir::Type::Kind::Enum)
    return "enum";
  return llvm::StringSwitch<llvm::StringRef>(T.Name)
      .Cases("smallint", "integer", "bigint", "integer")
      .Cases("numeric", "real", "double precision", "decimal")
      .Cases("text", "character varying", "character", "bpchar", "name",
             "string")
      .Cases("timestamp with time zone", "timestamp without time zone", "date",
             "datetime")
      .Cases("time with time zone", "time without time zone", "time")
      .Cases("json", "jsonb", "json")
      .Default(T.Name);
}

llvm::StringRef schemac::knownIndexMethods() {
  return "'btree', 'hash', 'gist', 'spgist', 'gin', 'brin'";
}
