//===- Inspect.cpp - A live database's catalog into the IR ----------------===//

#include "runtime/Inspect.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <pqxx/pqxx>

#include <map>

using namespace schemac;

namespace {

/// Which relations and types are the user's: the chosen schemas (or every
/// non-system one), and nothing an extension owns. $1 is the schema list.
constexpr const char *UserNamespace =
    "(cardinality($1::text[]) = 0 OR n.nspname = ANY($1::text[])) "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
    "AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";

std::string notExtensionOwned(const char *Catalog, const char *Oid) {
  return std::string("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
                     "'") +
         Catalog + "'::regclass AND d.objid = " + Oid + " AND d.deptype = 'e')";
}

/// A text[] literal (`{"a","b"}`), passed as a parameter.
std::string arrayLiteral(const std::vector<std::string> &Values) {
  std::string Out = "{";
  for (const std::string &V : Values) {
    if (Out.size() > 1)
      Out += ',';
    Out += '"';
    for (char C : V) {
      if (C == '"' || C == '\\')
        Out += '\\';
      Out += C;
    }
    Out += '"';
  }
  return Out + "}";
}

/// A text[] from libpq's array output.
std::vector<std::string> textArray(const pqxx::field &F) {
  std::vector<std::string> Out;
  pqxx::array_parser Parser = F.as_array();
  for (auto [Kind, Value] = Parser.get_next(); Kind != pqxx::array_parser::done;
       std::tie(Kind, Value) = Parser.get_next())
    if (Kind == pqxx::array_parser::string_value)
      Out.push_back(Value);
  return Out;
}

/// `numeric(10,2)` -> {10, 2}: the modifiers format_type prints.
std::vector<int64_t> typeModifiers(llvm::StringRef Formatted) {
  std::vector<int64_t> Out;
  size_t Open = Formatted.find('(');
  if (Open == llvm::StringRef::npos)
    return Out;
  llvm::StringRef Inside = Formatted.drop_front(Open + 1).take_until(
      [](char C) { return C == ')'; });
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  Inside.split(Parts, ',');
  for (llvm::StringRef P : Parts) {
    int64_t V;
    if (!P.trim().getAsInteger(10, V))
      Out.push_back(V);
  }
  return Out;
}

ir::ReferentialAction action(const std::string &Code) {
  switch (Code.empty() ? 'a' : Code[0]) {
  case 'r':
    return ir::ReferentialAction::Restrict;
  case 'c':
    return ir::ReferentialAction::Cascade;
  case 'n':
    return ir::ReferentialAction::SetNull;
  case 'd':
    return ir::ReferentialAction::SetDefault;
  default:
    return ir::ReferentialAction::NoAction;
  }
}

/// The column names of an attnum array, in its order, as a SQL expression.
std::string columnNames(const char *Relation, const char *Keys) {
  return std::string("ARRAY(SELECT a.attname FROM unnest(") + Keys +
         ") WITH ORDINALITY key(num, ord) JOIN pg_attribute a ON a.attrelid "
         "= " +
         Relation + " AND a.attnum = key.num ORDER BY key.ord)::text[]";
}

class Inspector {
public:
  Inspector(pqxx::work &W, const InspectOptions &Options)
      : W(W), SchemaList(arrayLiteral(Options.Schemas)) {}

  ir::Schema run() {
    readNamespaces();
    readExtensions();
    readEnums();
    readColumns();
    readConstraints();
    return std::move(Result);
  }

private:
  pqxx::result query(const std::string &SQL) {
    return W.exec_params(SQL, SchemaList);
  }

  void readNamespaces() {
    for (const auto &Row :
         query(std::string("SELECT n.nspname FROM pg_namespace n WHERE ") +
               UserNamespace + " AND " +
               notExtensionOwned("pg_namespace", "n.oid") +
               " ORDER BY n.nspname"))
      Result.Namespaces.push_back(Row[0].as<std::string>());
  }

  void readExtensions() {
    for (const auto &Row :
         W.exec("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' "
                "ORDER BY extname"))
      Result.Extensions.push_back(Row[0].as<std::string>());
  }

  void readEnums() {
    for (const auto &Row :
         query(std::string(
                   "SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel FROM "
                   "pg_enum e WHERE e.enumtypid = t.oid ORDER BY "
                   "e.enumsortorder)::text[] FROM pg_type t JOIN pg_namespace "
                   "n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND ") +
               UserNamespace + " AND " + notExtensionOwned("pg_type", "t.oid") +
               " ORDER BY n.nspname, t.typname")) {
      ir::Enum E;
      E.Name = {Row[0].as<std::string>(), Row[1].as<std::string>()};
      E.Labels = textArray(Row[2]);
      Result.Enums.push_back(std::move(E));
    }
  }

  ir::Table &table(const std::string &Schema, const std::string &Name) {
    auto [It, New] =
        TableIndex.try_emplace(Schema + "." + Name, Result.Tables.size());
    if (New) {
      Result.Tables.emplace_back();
      Result.Tables.back().Name = {Schema, Name};
    }
    return Result.Tables[It->second];
  }

  void readColumns() {
    // Arrays are described by their element type and a dimension count;
    // attndims is 0 for arrays made by some tools, so at least 1.
    std::string SQL =
        std::string(
            "SELECT n.nspname, c.relname, coalesce(obj_description(c.oid, "
            "'pg_class'), ''), a.attname, a.attnotnull, a.attidentity, "
            "et.typtype, en.nspname, et.typname, format_type(et.oid, NULL), "
            "format_type(a.atttypid, a.atttypmod), CASE WHEN t.typcategory "
            "= 'A' THEN greatest(a.attndims, 1) ELSE 0 END, "
            "coalesce(co.collname, ''), coalesce(col_description(c.oid, "
            "a.attnum), '') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND "
            "NOT a.attisdropped "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND "
            "t.typelem <> 0 THEN t.typelem ELSE t.oid END "
            "JOIN pg_namespace en ON en.oid = et.typnamespace "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND "
            "a.attcollation <> et.typcollation "
            "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ") +
        UserNamespace + " AND " + notExtensionOwned("pg_class", "c.oid") +
        " ORDER BY n.nspname, c.relname, a.attnum";
    for (const auto &Row : query(SQL)) {
      ir::Table &T = table(Row[0].as<std::string>(), Row[1].as<std::string>());
      T.Comment = Row[2].as<std::string>();
      ir::Column Col;
      Col.Name = Row[3].as<std::string>();
      Col.NotNull = Row[4].as<bool>();
      std::string Identity = Row[5].as<std::string>();
      Col.Ident = Identity == "a"   ? ir::Identity::Always
                  : Identity == "d" ? ir::Identity::ByDefault
                                    : ir::Identity::None;
      std::string TypeKind = Row[6].as<std::string>();
      std::string TypeSchema = Row[7].as<std::string>();
      if (TypeKind == "e") {
        Col.Ty.K = ir::Type::Kind::Enum;
        Col.Ty.Schema = TypeSchema;
        Col.Ty.Name = Row[8].as<std::string>();
      } else if (TypeSchema != "pg_catalog") {
        Col.Ty.K = ir::Type::Kind::Extension;
        Col.Ty.Name = Row[8].as<std::string>();
      } else {
        Col.Ty.Name = Row[9].as<std::string>();
      }
      Col.Ty.Modifiers = typeModifiers(Row[10].as<std::string>());
      Col.Ty.ArrayDims = Row[11].as<unsigned>();
      Col.Collation = Row[12].as<std::string>();
      Col.Comment = Row[13].as<std::string>();
      T.Columns.push_back(std::move(Col));
    }
  }

  void readConstraints() {
    std::string SQL =
        std::string("SELECT n.nspname, c.relname, k.conname, k.contype, ") +
        columnNames("k.conrelid", "k.conkey") +
        ", coalesce(rn.nspname, ''), coalesce(r.relname, ''), " +
        columnNames("k.confrelid", "k.confkey") +
        ", k.confdeltype, k.confupdtype, k.condeferrable, k.condeferred, "
        "coalesce(i.indnullsnotdistinct, false) "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_class r ON r.oid = k.confrelid "
        "LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace "
        "LEFT JOIN pg_index i ON i.indexrelid = k.conindid AND k.contype = "
        "'u' "
        "WHERE k.contype IN ('p', 'u', 'f') AND c.relkind IN ('r', 'p') AND " +
        std::string(UserNamespace) + " AND " +
        notExtensionOwned("pg_class", "c.oid") +
        " ORDER BY n.nspname, c.relname, k.conname";
    for (const auto &Row : query(SQL)) {
      auto It = TableIndex.find(Row[0].as<std::string>() + "." +
                                Row[1].as<std::string>());
      if (It == TableIndex.end())
        continue;
      ir::Constraint C;
      C.Name = Row[2].as<std::string>();
      char Kind = Row[3].as<std::string>()[0];
      C.K = Kind == 'p'   ? ir::Constraint::Kind::PrimaryKey
            : Kind == 'u' ? ir::Constraint::Kind::Unique
                          : ir::Constraint::Kind::ForeignKey;
      C.Columns = textArray(Row[4]);
      if (C.K == ir::Constraint::Kind::ForeignKey) {
        C.RefTable = {Row[5].as<std::string>(), Row[6].as<std::string>()};
        C.RefColumns = textArray(Row[7]);
        C.OnDelete = action(Row[8].as<std::string>());
        C.OnUpdate = action(Row[9].as<std::string>());
      }
      C.Deferrable = Row[10].as<bool>();
      C.InitiallyDeferred = Row[11].as<bool>();
      C.NullsNotDistinct = Row[12].as<bool>();
      Result.Tables[It->second].Constraints.push_back(std::move(C));
    }
  }

  pqxx::work &W;
  std::string SchemaList;
  ir::Schema Result;
  llvm::StringMap<size_t> TableIndex;
};

} // namespace

llvm::Expected<ir::Schema>
schemac::inspectDatabase(pqxx::connection_base &Connection,
                         const InspectOptions &Options) {
  try {
    pqxx::work W(Connection, "schemac-inspect");
    W.exec("SET TRANSACTION READ ONLY");
    // Names come back qualified alike whatever the connection's search_path.
    W.exec("SET LOCAL search_path = pg_catalog");
    return Inspector(W, Options).run();
  } catch (const std::exception &E) {
    return llvm::createStringError(
        std::errc::io_error, "cannot read the database catalog: %s", E.what());
  }
}
