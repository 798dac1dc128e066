//===- Inspect.cpp - A live database's catalog into the IR ----------------===//

#include "runtime/Inspect.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

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

/// The numbers of an int2vector/oidvector (`1 2 0`) or array (`{1,2}`) as
/// text. Attribute numbers are mapped to names on this side, not with a
/// subquery per row: that halves the time of the larger queries.
std::vector<int64_t> numbers(llvm::StringRef Text) {
  std::vector<int64_t> Out;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.trim("{} ").split(Parts, Text.contains(',') ? ',' : ' ', -1, false);
  for (llvm::StringRef P : Parts) {
    int64_t V = 0;
    if (!P.trim().getAsInteger(10, V))
      Out.push_back(V);
  }
  return Out;
}

class Inspector {
public:
  Inspector(pqxx::work &W, const InspectOptions &Options)
      : W(W), SchemaList(arrayLiteral(Options.Schemas)) {}

  InspectedDatabase run() {
    addReferencedSchemas();
    readNamespaces();
    readExtensions();
    readEnums();
    readColumns();
    readConstraints();
    readIndexes();
    readUnrepresented();
    return {std::move(Result), std::move(Unrepresented)};
  }

private:
  /// With chosen schemas, also the schemas their foreign keys lead to,
  /// transitively: a table cannot be compiled without the tables it
  /// references. Callers filter the result to what they were asked for.
  void addReferencedSchemas() {
    if (SchemaList == "{}")
      return;
    // Foreign keys and column types (enums, arrays of them) lead on.
    SchemaList =
        query("WITH RECURSIVE s(name) AS (SELECT unnest($1::text[]) UNION "
              "SELECT u.name COLLATE \"default\" FROM s JOIN pg_namespace n ON "
              "n.nspname = s.name "
              "JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN "
              "('r', 'p') CROSS JOIN LATERAL (SELECT rn.nspname::text FROM "
              "pg_constraint k JOIN pg_class r ON r.oid = k.confrelid JOIN "
              "pg_namespace rn ON rn.oid = r.relnamespace WHERE k.conrelid = "
              "c.oid AND k.contype = 'f' UNION SELECT tn.nspname::text FROM "
              "pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN "
              "pg_type et ON et.oid = CASE WHEN t.typelem <> 0 AND "
              "t.typcategory = 'A' THEN t.typelem ELSE t.oid END JOIN "
              "pg_namespace tn ON tn.oid = et.typnamespace WHERE a.attrelid = "
              "c.oid AND a.attnum > 0 AND tn.nspname NOT IN ('pg_catalog', "
              "'information_schema')) u(name)) SELECT array_agg(name ORDER BY "
              "name)::text FROM s")[0][0]
            .as<std::string>();
  }

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

  ir::Table &table(const std::string &Schema, const std::string &Name,
                   uint32_t Oid) {
    auto [It, New] = TableByOid.try_emplace(Oid, Result.Tables.size());
    if (New) {
      Result.Tables.emplace_back();
      Result.Tables.back().Name = {Schema, Name};
    }
    return Result.Tables[It->second];
  }

  void nameAttribute(uint32_t Relation, int64_t Number, std::string Name) {
    std::vector<std::string> &Names = AttributeNames[Relation];
    if (Number >= static_cast<int64_t>(Names.size()))
      Names.resize(Number + 1);
    Names[Number] = std::move(Name);
  }

  /// Names for attribute numbers of Relation; empty for 0 (an expression)
  /// and for numbers not read.
  std::vector<std::string> attributeNames(uint32_t Relation,
                                          const std::vector<int64_t> &Keys) {
    std::vector<std::string> Out;
    auto It = AttributeNames.find(Relation);
    for (int64_t Key : Keys)
      Out.push_back(It != AttributeNames.end() && Key > 0 &&
                            Key < static_cast<int64_t>(It->second.size())
                        ? It->second[Key]
                        : std::string());
    return Out;
  }

  /// Reads the attribute names of tables the chosen ones refer to but that
  /// were not read themselves (in another schema, owned by an extension):
  /// one more query, only when there are such references.
  void readReferencedAttributes(const std::vector<uint32_t> &Relations) {
    if (Relations.empty())
      return;
    std::string List = "{";
    for (uint32_t Oid : Relations)
      List += (List.size() > 1 ? "," : "") + std::to_string(Oid);
    List += "}";
    for (const auto &Row : W.exec_params(
             "SELECT attrelid, attnum, attname FROM pg_attribute WHERE "
             "attrelid = ANY($1::oid[]) AND attnum > 0 AND NOT attisdropped",
             List))
      nameAttribute(Row[0].as<uint32_t>(), Row[1].as<int64_t>(),
                    Row[2].as<std::string>());
  }

  void readColumns() {
    // Left joins: a table without columns is a table too. Arrays are
    // described by their element type and a dimension count;
    // attndims is 0 for arrays made by some tools, so at least 1. A domain
    // column reads as the domain's base type (the domain itself is listed
    // as unrepresented). A column owning the sequence its default takes
    // nextval of is a serial column, as `serial` makes it.
    std::string SQL =
        std::string(
            "SELECT n.nspname, c.relname, coalesce(td.description, ''), "
            "a.attname, a.attnotnull, a.attidentity, et.typtype, en.nspname, "
            "et.typname, format_type(et.oid, NULL), format_type(t.oid, CASE "
            "WHEN dt.typtype = 'd' THEN dt.typtypmod ELSE a.atttypmod END), "
            "CASE WHEN t.typcategory = 'A' THEN greatest(a.attndims, 1) ELSE "
            "0 END, coalesce(co.collname, ''), coalesce(cd.description, ''), "
            "a.attgenerated, coalesce(ad.expr, ''), coalesce(sq.relname, ''), "
            "coalesce(sq.nextval = ad.expr, false), c.oid, a.attnum "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
            "AND "
            "NOT a.attisdropped "
            "LEFT JOIN pg_type dt ON dt.oid = a.atttypid "
            "LEFT JOIN pg_type t ON t.oid = CASE WHEN dt.typtype = 'd' THEN "
            "dt.typbasetype ELSE dt.oid END "
            "LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' "
            "AND "
            "t.typelem <> 0 THEN t.typelem ELSE t.oid END "
            "LEFT JOIN pg_namespace en ON en.oid = et.typnamespace "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND "
            "a.attcollation <> et.typcollation "
            // Joins, not obj_description() per row: one scan each.
            "LEFT JOIN pg_description td ON td.objoid = c.oid AND "
            "td.classoid = 'pg_class'::regclass AND td.objsubid = 0 "
            "LEFT JOIN pg_description cd ON cd.objoid = c.oid AND "
            "cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum "
            "LEFT JOIN (SELECT adrelid, adnum, pg_get_expr(adbin, adrelid) AS "
            "expr FROM pg_attrdef) ad ON ad.adrelid = c.oid AND ad.adnum = "
            "a.attnum "
            "LEFT JOIN (SELECT DISTINCT ON (dp.refobjid, dp.refobjsubid) "
            "dp.refobjid, dp.refobjsubid, s.relname, 'nextval(' || "
            "quote_literal(s.oid::regclass::text) || '::regclass)' AS nextval "
            "FROM pg_depend dp JOIN pg_class s ON s.oid = dp.objid AND "
            "s.relkind = 'S' WHERE dp.classid = 'pg_class'::regclass AND "
            "dp.refclassid = 'pg_class'::regclass AND dp.deptype = 'a') sq "
            "ON sq.refobjid = c.oid AND sq.refobjsubid = a.attnum AND "
            "a.attidentity = '' "
            "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ") +
        UserNamespace + " AND " + notExtensionOwned("pg_class", "c.oid") +
        " ORDER BY n.nspname, c.relname, a.attnum";
    for (const auto &Row : query(SQL)) {
      ir::Table &T = table(Row[0].as<std::string>(), Row[1].as<std::string>(),
                           Row[18].as<uint32_t>());
      T.Comment = Row[2].as<std::string>();
      // A table without columns comes as one row without a column.
      if (Row[3].is_null())
        continue;
      nameAttribute(Row[18].as<uint32_t>(), Row[19].as<int64_t>(),
                    Row[3].as<std::string>());
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
      std::string Expression = Row[15].as<std::string>();
      bool IsSerial = Row[17].as<bool>() && Col.NotNull;
      if (IsSerial)
        Col.SerialSequence = Row[16].as<std::string>();
      else if (!Expression.empty() && Row[14].as<std::string>() == "s")
        Col.Generated = serverExpr(std::move(Expression));
      else if (!Expression.empty())
        Col.Default = serverExpr(std::move(Expression));
      T.Columns.push_back(std::move(Col));
    }
  }

  void readConstraints() {
    std::string SQL =
        std::string(
            "SELECT k.conrelid, k.conname, k.contype, k.conkey::text, "
            "coalesce(rn.nspname, ''), coalesce(r.relname, ''), k.confrelid, "
            "coalesce(k.confkey::text, ''), k.confdeltype, k.confupdtype, "
            "k.condeferrable, k.condeferred, coalesce(i.indnullsnotdistinct, "
            "false), CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, "
            "k.conrelid) ELSE '' END "
            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_class r ON r.oid = k.confrelid "
            "LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace "
            "LEFT JOIN pg_index i ON i.indexrelid = k.conindid AND k.contype "
            "= 'u' "
            "WHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', "
            "'p') AND ") +
        UserNamespace + " AND " + notExtensionOwned("pg_class", "c.oid") +
        " ORDER BY n.nspname, c.relname, k.conname";
    struct Reference {
      ir::Table *T;
      size_t Constraint;
      uint32_t Relation;
      std::vector<int64_t> Keys;
    };
    std::vector<Reference> References;
    std::vector<uint32_t> Unread;
    for (const auto &Row : query(SQL)) {
      ir::Table *T = findTable(Row[0].as<uint32_t>());
      if (!T)
        continue;
      ir::Constraint C;
      C.Name = Row[1].as<std::string>();
      switch (Row[2].as<std::string>()[0]) {
      case 'p':
        C.K = ir::Constraint::Kind::PrimaryKey;
        break;
      case 'u':
        C.K = ir::Constraint::Kind::Unique;
        break;
      case 'f':
        C.K = ir::Constraint::Kind::ForeignKey;
        break;
      default:
        C.K = ir::Constraint::Kind::Check;
        C.Check = *serverExpr(Row[13].as<std::string>());
        break;
      }
      C.Columns = attributeNames(Row[0].as<uint32_t>(),
                                 numbers(Row[3].as<std::string>()));
      if (C.K == ir::Constraint::Kind::ForeignKey) {
        C.RefTable = {Row[4].as<std::string>(), Row[5].as<std::string>()};
        uint32_t Referenced = Row[6].as<uint32_t>();
        References.push_back({T, T->Constraints.size(), Referenced,
                              numbers(Row[7].as<std::string>())});
        if (!AttributeNames.count(Referenced))
          Unread.push_back(Referenced);
        C.OnDelete = action(Row[8].as<std::string>());
        C.OnUpdate = action(Row[9].as<std::string>());
      }
      C.Deferrable = Row[10].as<bool>();
      C.InitiallyDeferred = Row[11].as<bool>();
      C.NullsNotDistinct = Row[12].as<bool>();
      T->Constraints.push_back(std::move(C));
    }
    llvm::sort(Unread);
    Unread.erase(std::unique(Unread.begin(), Unread.end()), Unread.end());
    readReferencedAttributes(Unread);
    for (const Reference &R : References)
      R.T->Constraints[R.Constraint].RefColumns =
          attributeNames(R.Relation, R.Keys);
  }

  /// Operator classes that are not their type's default, by oid: the only
  /// ones an index definition names.
  void readOperatorClasses() {
    for (const auto &Row :
         W.exec("SELECT oid, opcname FROM pg_opclass WHERE NOT opcdefault"))
      NonDefaultOpclasses[Row[0].as<uint32_t>()] = Row[1].as<std::string>();
  }

  /// Indexes a constraint does not own (those come with their constraint).
  void readIndexes() {
    readOperatorClasses();
    std::string SQL =
        std::string(
            "SELECT i.indrelid, ic.relname, i.indisunique, am.amname, "
            "i.indnullsnotdistinct, i.indnkeyatts, i.indkey::text, "
            "i.indclass::text, i.indoption::text, coalesce(ic.reloptions, "
            "'{}'), coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''), "
            // Only expression elements need the server's text.
            "ARRAY(SELECT pg_get_indexdef(i.indexrelid, k + 1, true) FROM "
            "generate_series(0, i.indnatts - 1) k WHERE i.indkey[k] = 0 "
            "ORDER BY k)::text[] "
            "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
            "JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_am am ON am.oid = ic.relam "
            "WHERE c.relkind IN ('r', 'p') AND i.indisvalid AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
            "AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
            "AND ") +
        UserNamespace + " AND " + notExtensionOwned("pg_class", "c.oid") +
        " ORDER BY n.nspname, c.relname, ic.relname";
    for (const auto &Row : query(SQL)) {
      uint32_t Relation = Row[0].as<uint32_t>();
      ir::Table *T = findTable(Relation);
      if (!T)
        continue;
      ir::Index I;
      I.Name = Row[1].as<std::string>();
      I.Unique = Row[2].as<bool>();
      I.Method = Row[3].as<std::string>();
      I.NullsNotDistinct = Row[4].as<bool>();
      size_t KeyCount = Row[5].as<size_t>();
      std::vector<int64_t> Keys = numbers(Row[6].as<std::string>());
      std::vector<std::string> Columns = attributeNames(Relation, Keys);
      std::vector<int64_t> Opclasses = numbers(Row[7].as<std::string>());
      std::vector<int64_t> Options = numbers(Row[8].as<std::string>());
      std::vector<std::string> Expressions = textArray(Row[11]);
      size_t NextExpression = 0;
      for (size_t K = 0; K < Keys.size(); ++K) {
        if (K >= KeyCount) {
          I.Include.push_back(Columns[K]);
          continue;
        }
        ir::IndexElement E;
        if (Keys[K] != 0)
          E.Column = Columns[K];
        else if (NextExpression < Expressions.size())
          E.Expression = *serverExpr(Expressions[NextExpression++]);
        if (K < Opclasses.size())
          E.Opclass = NonDefaultOpclasses.lookup(Opclasses[K]);
        // pg_index.indoption: bit 0 DESC, bit 1 NULLS FIRST; each order has
        // a default placement of nulls (last for ASC, first for DESC).
        int64_t Option = K < Options.size() ? Options[K] : 0;
        E.Descending = Option & 1;
        bool NullsFirst = Option & 2;
        if (NullsFirst != E.Descending)
          E.NullsOrder = NullsFirst ? ir::IndexElement::Nulls::First
                                    : ir::IndexElement::Nulls::Last;
        I.Elements.push_back(std::move(E));
      }
      for (const std::string &Option : textArray(Row[9])) {
        auto [Name, Value] = llvm::StringRef(Option).split('=');
        I.Options.emplace_back(Name.str(), Value.str());
      }
      std::string Predicate = Row[10].as<std::string>();
      if (!Predicate.empty())
        I.Where = *serverExpr(std::move(Predicate));
      T->Indexes.push_back(std::move(I));
    }
  }

  /// Everything in the chosen schemas the IR has no place for yet.
  void readUnrepresented() {
    std::string Where = std::string(UserNamespace);
    std::string SQL =
        "SELECT d FROM ("
        // Relations other than plain tables, and sequences no column owns.
        "SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN "
        "'materialized view' WHEN 'f' THEN 'foreign table' WHEN 'S' THEN "
        "'sequence' ELSE 'partition' END || ' ' || c.oid::regclass::text AS d "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE (c.relkind IN ('v', 'm', 'f') OR (c.relkind IN ('r', 'p') AND "
        "c.relispartition) OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM "
        "pg_depend dp WHERE dp.classid = 'pg_class'::regclass AND dp.objid = "
        "c.oid AND dp.deptype IN ('a', 'i')))) AND " +
        Where + " AND " + notExtensionOwned("pg_class", "c.oid") +
        " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' "
        "THEN 'aggregate' ELSE 'function' END || ' ' || "
        "p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON "
        "n.oid = p.pronamespace WHERE " +
        Where + " AND " + notExtensionOwned("pg_proc", "p.oid") +
        " UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' "
        "THEN 'range type' ELSE 'composite type' END || ' ' || "
        "t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = "
        "t.typnamespace WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' "
        "AND EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND "
        "r.relkind = 'c'))) AND " +
        Where + " AND " + notExtensionOwned("pg_type", "t.oid") +
        " UNION ALL SELECT 'trigger ' || quote_ident(g.tgname) || ' on ' || "
        "g.tgrelid::regclass::text FROM pg_trigger g JOIN pg_class c ON "
        "c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE NOT g.tgisinternal AND " +
        Where +
        " UNION ALL SELECT 'policy ' || quote_ident(y.polname) || ' on ' || "
        "y.polrelid::regclass::text FROM pg_policy y JOIN pg_class c ON "
        "c.oid = y.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE " +
        Where +
        " UNION ALL SELECT CASE WHEN k.contype = 'x' THEN 'exclusion "
        "constraint ' ELSE 'NOT VALID constraint ' END || "
        "quote_ident(k.conname) "
        "|| ' on ' || k.conrelid::regclass::text FROM pg_constraint k JOIN "
        "pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE (k.contype = 'x' OR NOT k.convalidated) AND " +
        Where +
        " UNION ALL SELECT 'invalid index ' || i.indexrelid::regclass::text "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN "
        "pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND " +
        Where + ") u ORDER BY d";
    for (const auto &Row : query(SQL))
      Unrepresented.push_back(Row[0].as<std::string>());
  }

  static ir::Shared<ir::Expr> serverExpr(std::string Text) {
    auto E = std::make_shared<ir::Expr>();
    E->K = ir::Expr::Kind::Sql;
    E->Text = std::move(Text);
    return E;
  }

  ir::Table *findTable(uint32_t Oid) {
    auto It = TableByOid.find(Oid);
    return It == TableByOid.end() ? nullptr : &Result.Tables[It->second];
  }

  pqxx::work &W;
  std::string SchemaList;
  ir::Schema Result;
  std::vector<std::string> Unrepresented;
  llvm::DenseMap<uint32_t, size_t> TableByOid;
  llvm::DenseMap<uint32_t, std::vector<std::string>> AttributeNames;
  llvm::DenseMap<uint32_t, std::string> NonDefaultOpclasses;
};

} // namespace

llvm::Expected<InspectedDatabase>
schemac::inspectDatabase(pqxx::connection_base &Connection,
                         const InspectOptions &Options) {
  try {
    pqxx::work W(Connection, "schemac-inspect");
    W.exec("SET TRANSACTION READ ONLY");
    // Names come back qualified alike whatever the connection's search_path.
    W.exec("SET LOCAL search_path = pg_catalog");
    // The larger queries sort and hash tens of thousands of rows: in memory.
    W.exec("SET LOCAL work_mem = '64MB'");
    return Inspector(W, Options).run();
  } catch (const std::exception &E) {
    return llvm::createStringError(
        std::errc::io_error, "cannot read the database catalog: %s", E.what());
  }
}
