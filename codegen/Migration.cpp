//===- Migration.cpp - The steps from one schema to another ---------------===//
//
// Objects are matched by fully qualified name, after renames: an object of
// To that says @renamed_from(old) matches `old` in From (and the other way
// round for down migrations, where From carries the annotation). Constraints
// and indexes left unmatched by name are matched by definition, so a change
// of naming convention renames them rather than dropping and re-creating.
//===----------------------------------------------------------------------===//

#include "codegen/Migration.h"
#include "codegen/SQLFormat.h"
#include "codegen/SQLStatements.h"
#include "codegen/TableOrder.h"
#include "codegen/TypeChange.h"
#include "sema/ExprEquivalence.h"
#include "sema/PostgresNames.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>

#include <map>
#include <set>

using namespace schemac;
using namespace schemac::sql;

std::string MigrationStep::line() const {
  std::string Change = std::string(1, Sign) + " " + Summary;
  if (llvm::StringRef(Summary).startswith(Subject))
    return Change;
  return Subject + ": " + Change;
}

bool MigrationPlan::hasDestructiveSteps() const {
  return llvm::any_of(Steps,
                      [](const MigrationStep &S) { return S.Destructive; });
}

namespace {

using Phase = MigrationStep::Phase;

std::string subject(const ir::QualifiedName &Table) {
  return "table " + Table.str();
}

/// The step that sets (or, with an empty comment, removes) a column's
/// comment; Sign is '+' for a column made by the migration, '~' otherwise.
MigrationStep columnComment(const ir::Table &T, const ir::Column &C,
                            char Sign) {
  return {Phase::Comment,
          0,
          subject(T.Name),
          Sign,
          "comment on column " + C.Name,
          {fmt::format("COMMENT ON COLUMN {}.{} IS {};", quoteQualified(T.Name),
                       quoteIdentifier(C.Name),
                       C.Comment.empty() ? "NULL" : quoteString(C.Comment))}};
}

/// Calls F on every column reference inside E.
template <typename ExprT, typename Fn> void forEachColumnRef(ExprT &E, Fn &F) {
  if (E.K == ir::Expr::Kind::Column)
    F(E);
  for (auto &Arg : E.Args)
    forEachColumnRef(Arg, F);
}

bool mentionsAny(const ir::Expr &E, const std::set<std::string> &Columns) {
  bool Found = false;
  auto Test = [&](const ir::Expr &Ref) {
    Found |= Columns.count(Ref.Text) != 0;
  };
  forEachColumnRef(E, Test);
  return Found;
}

/// Appends the columns E names to Columns.
void collectColumns(const ir::Expr &E, std::vector<std::string> &Columns) {
  auto Add = [&](const ir::Expr &Ref) { Columns.push_back(Ref.Text); };
  forEachColumnRef(E, Add);
}

bool anyIn(const std::vector<std::string> &Columns,
           const std::set<std::string> &Set) {
  return llvm::any_of(Columns,
                      [&](const std::string &C) { return Set.count(C) != 0; });
}

/// Finds, for each element of To, the element of From it continues: same
/// name, or renamed. Returns To index -> From index.
template <typename T, typename NameFn>
std::map<size_t, size_t>
matchByName(const std::vector<T> &From, const std::vector<T> &To, NameFn Name,
            llvm::StringRef What, std::vector<std::string> &Errors) {
  std::map<std::string, size_t> FromIndex, ToIndex;
  for (size_t I = 0; I < From.size(); ++I)
    FromIndex[Name(From[I])] = I;
  for (size_t I = 0; I < To.size(); ++I)
    ToIndex[Name(To[I])] = I;
  std::map<size_t, size_t> Match;
  std::set<size_t> TakenFrom;
  for (size_t I = 0; I < To.size(); ++I) {
    auto It = FromIndex.find(Name(To[I]));
    if (It != FromIndex.end()) {
      Match[I] = It->second;
      TakenFrom.insert(It->second);
    }
  }
  // Renames written on the new side (up migrations).
  std::vector<size_t> NotFound;
  for (size_t I = 0; I < To.size(); ++I) {
    if (Match.count(I) || To[I].RenamedFrom.empty())
      continue;
    bool Found = false;
    for (const std::string &Old : To[I].RenamedFrom) {
      T Probe = To[I];
      Probe.Name = Old;
      auto It = FromIndex.find(Name(Probe));
      if (It != FromIndex.end() && !TakenFrom.count(It->second)) {
        Match[I] = It->second;
        TakenFrom.insert(It->second);
        Found = true;
        break;
      }
    }
    if (!Found)
      NotFound.push_back(I);
  }
  // Renames written on the old side (down migrations run the plan backwards).
  for (size_t I = 0; I < From.size(); ++I) {
    if (TakenFrom.count(I))
      continue;
    for (const std::string &Old : From[I].RenamedFrom) {
      T Probe = From[I];
      Probe.Name = Old;
      auto It = ToIndex.find(Name(Probe));
      if (It != ToIndex.end() && !Match.count(It->second)) {
        Match[It->second] = I;
        TakenFrom.insert(I);
        break;
      }
    }
  }
  // A stale @renamed_from on the new side is no error when the old side's
  // own @renamed_from pairs the object: a down migration after a second
  // rename (old side `@renamed_from("b") c`, new side `@renamed_from("a")
  // b`) reads both.
  for (size_t I : NotFound)
    if (!Match.count(I))
      Errors.push_back(fmt::format(
          "{} '{}' is @renamed_from('{}'), but neither name is in the old "
          "schema: write it without @renamed_from to create it",
          What, Name(To[I]), llvm::join(To[I].RenamedFrom, "', '")));
  return Match;
}

// Tables and enums match by their qualified name; the renamed-from probe
// replaces only the object name.
template <typename T> struct QualifiedAdapter {
  const T *Object;
  std::string Name;
  std::vector<std::string> RenamedFrom;
};

template <typename T>
std::vector<QualifiedAdapter<T>> adapt(const std::vector<T> &Objects) {
  std::vector<QualifiedAdapter<T>> Out;
  for (const T &O : Objects)
    Out.push_back({&O, O.Name.Name, O.RenamedFrom});
  return Out;
}

class Planner {
public:
  Planner(const ir::Schema &From, const ir::Schema &To) : From(From), To(To) {}

  MigrationPlan run();

private:
  void add(MigrationStep S) {
    S.Sequence = Plan.Steps.size();
    Plan.Steps.push_back(std::move(S));
  }
  /// The last two steps, a drop and its re-creation, as one report line.
  void summarizePair(std::string Summary) {
    Plan.Steps[Plan.Steps.size() - 2].Summary = std::move(Summary);
    Plan.Steps.back().Summary.clear();
  }

  void planNamespaces();
  void planEnums();
  void planTables();
  void planTable(const ir::Table &Old, const ir::Table &New);
  void createTable(const ir::Table &New, unsigned Order);
  /// How a matched column's type moves, decided once for the table.
  struct ColumnChange {
    ir::Type OldTy; // with enum renames applied
    bool TypeChanged = false;
    bool GeneratedChanged = false;
    bool SwappedByEnum = false;
    TypeChange Change{TypeChange::Kind::Safe, false, {}};
    bool recreated() const {
      return GeneratedChanged || (TypeChanged && !SwappedByEnum &&
                                  Change.K == TypeChange::Kind::Impossible);
    }
  };
  ColumnChange classifyColumn(const ir::Table &New, const ir::Column &Old,
                              const ir::Column &Col) const;
  void noteRetypedColumns(const ir::Table &Old, const ir::Table &New);
  void planColumn(const ir::Table &New, const ir::Column &Old,
                  const ir::Column &Col);
  void planConstraints(const ir::Table &Old, const ir::Table &New);
  void planIndexes(const ir::Table &Old, const ir::Table &New);

  void matchObjects();
  ir::Type renamedType(const ir::Type &Old) const;
  ir::Constraint renamed(const ir::Table &OldTable, ir::Constraint C) const;
  ir::Index renamed(const ir::Table &OldTable, ir::Index I) const;
  std::string renamedColumn(const ir::QualifiedName &OldTable,
                            const std::string &Column) const;
  void recreateForeignKeysOfChangedKeys();
  void moveInto(const std::string &Schema, std::vector<std::string> &SQL) const;

  const ir::Schema &From;
  const ir::Schema &To;
  MigrationPlan Plan;
  /// Enums whose labels are swapped through a new type: their columns are
  /// converted by the swap.
  std::set<ir::QualifiedName> SwappedEnums;

  // What continues what, computed before any step (To index -> From index),
  // and the renames it implies, old name -> new name.
  std::map<size_t, size_t> EnumMatch, TableMatch;
  std::map<ir::QualifiedName, ir::QualifiedName> EnumRenames, TableRenames;
  /// Per old table: old column name -> new column name.
  std::map<ir::QualifiedName, std::map<std::string, std::string>> ColumnRenames;
  /// Per new table: new column index -> old column index.
  std::map<ir::QualifiedName, std::map<size_t, size_t>> ColumnMatch;
  /// Keys (new table, new columns) that are dropped or re-created, and the
  /// unchanged foreign keys (new table, constraint) that may point at them.
  std::set<std::pair<ir::QualifiedName, std::vector<std::string>>> ChangedKeys;
  std::vector<std::pair<const ir::Table *, const ir::Constraint *>>
      UnchangedForeignKeys;
  /// Foreign keys that go with their column when it is made again (and come
  /// back with it): (new table, constraint name, referenced key).
  struct ForeignKeyOnRecreated {
    ir::QualifiedName Table;
    std::string Name;
    ir::QualifiedName RefTable;
    std::vector<std::string> RefColumns;
  };
  std::vector<ForeignKeyOnRecreated> ForeignKeysOnRecreated;
  /// Per new table: columns whose type ALTER COLUMN .. TYPE changes in place
  /// (enum swaps included). PostgreSQL refuses that under a generated column
  /// computed from them, so those are made again around it.
  std::map<ir::QualifiedName, std::set<std::string>> RetypedColumns;
  /// The retyped columns converted by a cast or an enum swap: PostgreSQL
  /// re-parses expressions over them against the new type, where constants
  /// of the old one no longer compare (`s__new = s`), so checks, index
  /// expressions and predicates over them are dropped before and added after.
  std::map<ir::QualifiedName, std::set<std::string>> CastColumns;
  static const std::set<std::string> &
  columnsOf(const std::map<ir::QualifiedName, std::set<std::string>> &Map,
            const ir::QualifiedName &Table) {
    static const std::set<std::string> None;
    auto It = Map.find(Table);
    return It == Map.end() ? None : It->second;
  }
  /// Per new table: columns dropped and added again (their constraints and
  /// indexes went with them).
  std::map<ir::QualifiedName, std::set<std::string>> RecreatedColumns;
  bool usesRecreated(const ir::QualifiedName &Table,
                     const std::vector<std::string> &Columns) const {
    auto It = RecreatedColumns.find(Table);
    return It != RecreatedColumns.end() &&
           llvm::any_of(Columns, [&](const std::string &C) {
             return It->second.count(C) != 0;
           });
  }
};

void Planner::matchObjects() {
  SchemaMatch Match = matchSchemas(From, To);
  llvm::append_range(Plan.Errors, Match.Errors);
  EnumMatch = std::move(Match.Enums);
  TableMatch = std::move(Match.Tables);
  for (auto [New, Old] : EnumMatch)
    EnumRenames[From.Enums[Old].Name] = To.Enums[New].Name;
  for (auto [NewIndex, OldIndex] : TableMatch) {
    const ir::Table &Old = From.Tables[OldIndex];
    const ir::Table &New = To.Tables[NewIndex];
    TableRenames[Old.Name] = New.Name;
    const std::map<size_t, size_t> &Columns = Match.Columns[NewIndex];
    ColumnMatch[New.Name] = Columns;
    for (auto [N, O] : Columns)
      ColumnRenames[Old.Name][Old.Columns[O].Name] = New.Columns[N].Name;
  }
}

ir::Type Planner::renamedType(const ir::Type &Old) const {
  if (Old.K != ir::Type::Kind::Enum)
    return Old;
  auto It = EnumRenames.find({Old.Schema, Old.Name});
  if (It == EnumRenames.end())
    return Old;
  ir::Type T = Old;
  T.Schema = It->second.Schema;
  T.Name = It->second.Name;
  return T;
}

std::string Planner::renamedColumn(const ir::QualifiedName &OldTable,
                                   const std::string &Column) const {
  auto Table = ColumnRenames.find(OldTable);
  if (Table == ColumnRenames.end())
    return Column;
  auto It = Table->second.find(Column);
  return It == Table->second.end() ? Column : It->second;
}

/// A constraint of the old schema in the new schema's names, so renamed
/// columns and tables do not read as changed definitions.
ir::Constraint Planner::renamed(const ir::Table &OldTable,
                                ir::Constraint C) const {
  for (std::string &Column : C.Columns)
    Column = renamedColumn(OldTable.Name, Column);
  if (C.K == ir::Constraint::Kind::ForeignKey) {
    for (std::string &Column : C.RefColumns)
      Column = renamedColumn(C.RefTable, Column);
    auto It = TableRenames.find(C.RefTable);
    if (It != TableRenames.end())
      C.RefTable = It->second;
  }
  if (C.Check) {
    auto Rename = [&](ir::Expr &E) {
      E.Text = renamedColumn(OldTable.Name, E.Text);
    };
    forEachColumnRef(*C.Check, Rename);
  }
  return C;
}

ir::Index Planner::renamed(const ir::Table &OldTable, ir::Index I) const {
  auto Rename = [&](ir::Expr &E) {
    E.Text = renamedColumn(OldTable.Name, E.Text);
  };
  for (ir::IndexElement &E : I.Elements) {
    E.Column = renamedColumn(OldTable.Name, E.Column);
    if (E.Expression)
      forEachColumnRef(*E.Expression, Rename);
  }
  for (std::string &Column : I.Include)
    Column = renamedColumn(OldTable.Name, Column);
  if (I.Where)
    forEachColumnRef(*I.Where, Rename);
  return I;
}

void Planner::moveInto(const std::string &Schema,
                       std::vector<std::string> &SQL) const {
  // Moves are renames, which run before the schemas are created: a schema
  // the migration creates is created here first (IF NOT EXISTS, so its own
  // step later does nothing).
  if (Schema != "public" && !llvm::is_contained(From.Namespaces, Schema))
    SQL.push_back(fmt::format("CREATE SCHEMA IF NOT EXISTS {};",
                              quoteIdentifier(Schema)));
}

void Planner::planNamespaces() {
  std::set<std::string> Old(From.Namespaces.begin(), From.Namespaces.end());
  std::set<std::string> New(To.Namespaces.begin(), To.Namespaces.end());
  for (const std::string &N : New)
    if (!Old.count(N) && N != "public")
      add({Phase::CreateSchema,
           0,
           "schema " + N,
           '+',
           "schema " + N,
           {fmt::format("CREATE SCHEMA IF NOT EXISTS {};",
                        quoteIdentifier(N))}});
  for (const std::string &N : Old)
    if (!New.count(N) && N != "public")
      add({Phase::DropSchema,
           0,
           "schema " + N,
           '-',
           "schema " + N,
           {fmt::format("DROP SCHEMA {};", quoteIdentifier(N))},
           true});
  std::set<std::string> OldExt(From.Extensions.begin(), From.Extensions.end());
  std::set<std::string> NewExt(To.Extensions.begin(), To.Extensions.end());
  for (const std::string &E : NewExt)
    if (!OldExt.count(E))
      add({Phase::CreateExtension,
           0,
           "extension " + E,
           '+',
           "extension " + E,
           {fmt::format("CREATE EXTENSION IF NOT EXISTS {};",
                        quoteIdentifier(E))}});
  for (const std::string &E : OldExt)
    if (!NewExt.count(E))
      add({Phase::DropExtension,
           0,
           "extension " + E,
           '-',
           "extension " + E,
           {fmt::format("DROP EXTENSION {};", quoteIdentifier(E))},
           true});
}

/// Whether Old is New with labels only added (then ADD VALUE does it).
bool onlyAdded(const std::vector<std::string> &Old,
               const std::vector<std::string> &New) {
  size_t J = 0;
  for (const std::string &L : New)
    if (J < Old.size() && Old[J] == L)
      ++J;
  return J == Old.size();
}

std::string labelList(const std::vector<std::string> &Labels) {
  std::vector<std::string> Quoted;
  for (const std::string &L : Labels)
    Quoted.push_back(quoteString(L));
  return llvm::join(Quoted, ", ");
}

void Planner::planEnums() {
  const auto &Match = EnumMatch;
  std::set<size_t> Matched;
  for (size_t I = 0; I < To.Enums.size(); ++I) {
    const ir::Enum &New = To.Enums[I];
    std::string Name = quoteQualified(New.Name);
    auto It = Match.find(I);
    if (It == Match.end()) {
      add({Phase::CreateEnum,
           0,
           "enum " + New.Name.str(),
           '+',
           "enum " + New.Name.str(),
           {fmt::format("CREATE TYPE {} AS ENUM ({});", Name,
                        labelList(New.Labels))}});
      continue;
    }
    Matched.insert(It->second);
    const ir::Enum &Old = From.Enums[It->second];
    if (Old.Name != New.Name) {
      std::vector<std::string> SQL;
      if (Old.Name.Schema != New.Name.Schema) {
        moveInto(New.Name.Schema, SQL);
        SQL.push_back(fmt::format("ALTER TYPE {} SET SCHEMA {};",
                                  quoteQualified(Old.Name),
                                  quoteIdentifier(New.Name.Schema)));
      }
      if (Old.Name.Name != New.Name.Name)
        SQL.push_back(
            fmt::format("ALTER TYPE {} RENAME TO {};",
                        quoteQualified({New.Name.Schema, Old.Name.Name}),
                        quoteIdentifier(New.Name.Name)));
      add({Phase::Rename, 0, "enum " + New.Name.str(), '>',
           fmt::format("enum {} renamed from {}", New.Name.str(),
                       Old.Name.str()),
           SQL});
    }
    if (Old.Labels == New.Labels)
      continue;
    if (onlyAdded(Old.Labels, New.Labels)) {
      // Each new label goes after the label before it in the new list (new
      // ones are added in order, so it exists by then); labels before the
      // first old one go before that one.
      for (size_t L = 0; L < New.Labels.size(); ++L) {
        if (llvm::is_contained(Old.Labels, New.Labels[L]))
          continue;
        std::string Position;
        if (L > 0)
          Position = " AFTER " + quoteString(New.Labels[L - 1]);
        else if (!Old.Labels.empty())
          Position = " BEFORE " + quoteString(Old.Labels.front());
        add({Phase::AlterEnum,
             0,
             "enum " + New.Name.str(),
             '+',
             fmt::format("enum {}: label '{}'", New.Name.str(), New.Labels[L]),
             // IF NOT EXISTS: the step commits on its own, so a migration
             // that failed after it can be run again as it is.
             {fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{};", Name,
                          quoteString(New.Labels[L]), Position)},
             false,
             true});
      }
      continue;
    }
    // Removed or reordered labels: a new type replaces the old one.
    SwappedEnums.insert(New.Name);
    // Short enough that PostgreSQL keeps it whole: cut to 63 bytes, the
    // name of a 63-byte enum would be the enum's own.
    ir::QualifiedName Temp{
        New.Name.Schema,
        clipIdentifier(New.Name.Name, MaxIdentifierBytes - 5) + "__new"};
    MigrationStep S{Phase::AlterEnum,
                    0,
                    "enum " + New.Name.str(),
                    '~',
                    fmt::format("enum {}: labels ({}) -> ({}) (type swap)",
                                New.Name.str(), llvm::join(Old.Labels, ", "),
                                llvm::join(New.Labels, ", ")),
                    {},
                    true};
    S.SQL.push_back(fmt::format("CREATE TYPE {} AS ENUM ({});",
                                quoteQualified(Temp), labelList(New.Labels)));
    // Only columns that exist before this migration: new ones are created
    // with the new type afterwards.
    auto Existing = [&](const ir::Table &T, size_t Column) {
      auto It = ColumnMatch.find(T.Name);
      return It != ColumnMatch.end() && It->second.count(Column);
    };
    // The old default, of the old type, cannot be cast: it goes first.
    auto OldColumn = [&](const ir::Table &T,
                         size_t Column) -> const ir::Column * {
      for (auto [NewIndex, OldIndex] : TableMatch)
        if (&To.Tables[NewIndex] == &T)
          return &From.Tables[OldIndex]
                      .Columns[ColumnMatch.at(T.Name).at(Column)];
      return nullptr;
    };
    // Only columns of the enum before as after: a column whose type
    // changes to the enum gets its own step (a cast, or a drop and an add
    // that a conversion here would come after).
    auto Swapped = [&](const ir::Table &T, size_t CI) {
      const ir::Column &C = T.Columns[CI];
      if (!Existing(T, CI) || C.Ty.K != ir::Type::Kind::Enum ||
          C.Ty.Schema != New.Name.Schema || C.Ty.Name != New.Name.Name)
        return false;
      const ir::Column *Before = OldColumn(T, CI);
      return Before && renamedType(Before->Ty) == C.Ty;
    };
    for (const ir::Table &T : To.Tables)
      for (size_t CI = 0; CI < T.Columns.size(); ++CI)
        if (const ir::Column &C = T.Columns[CI]; Swapped(T, CI)) {
          const ir::Column *Before = OldColumn(T, CI);
          if (C.Default || (Before && Before->Default))
            S.SQL.push_back(
                fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;",
                            quoteQualified(T.Name), quoteIdentifier(C.Name)));
          // Arrays of the enum convert element by element through text[].
          std::string Dims;
          for (unsigned D = 0; D < C.Ty.ArrayDims; ++D)
            Dims += "[]";
          S.SQL.push_back(
              fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {}{} USING "
                          "{}::text{}::{}{};",
                          quoteQualified(T.Name), quoteIdentifier(C.Name),
                          quoteQualified(Temp), Dims, quoteIdentifier(C.Name),
                          Dims, quoteQualified(Temp), Dims));
        }
    S.SQL.push_back(fmt::format("DROP TYPE {};", Name));
    S.SQL.push_back(fmt::format("ALTER TYPE {} RENAME TO {};",
                                quoteQualified(Temp),
                                quoteIdentifier(New.Name.Name)));
    for (const ir::Table &T : To.Tables)
      for (size_t CI = 0; CI < T.Columns.size(); ++CI)
        if (const ir::Column &C = T.Columns[CI]; Swapped(T, CI) && C.Default)
          S.SQL.push_back(
              fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};",
                          quoteQualified(T.Name), quoteIdentifier(C.Name),
                          formatDefault(*C.Default)));
    add(std::move(S));
  }
  for (size_t I = 0; I < From.Enums.size(); ++I) {
    if (Matched.count(I))
      continue;
    const ir::Enum &Old = From.Enums[I];
    // The enum is dropped once no column uses it, after the tables are
    // created; a new table of its name (whose row type takes the name)
    // needs it gone sooner, so it steps aside first.
    ir::QualifiedName DropName = Old.Name;
    if (llvm::any_of(To.Tables,
                     [&](const ir::Table &T) { return T.Name == Old.Name; })) {
      DropName.Name += "__dropped";
      add({Phase::Rename,
           0,
           "enum " + Old.Name.str(),
           '>',
           fmt::format("enum {} renamed to {} (its name is taken by a table)",
                       Old.Name.str(), DropName.str()),
           {fmt::format("ALTER TYPE {} RENAME TO {};", quoteQualified(Old.Name),
                        quoteIdentifier(DropName.Name))}});
    }
    add({Phase::DropEnum,
         0,
         "enum " + Old.Name.str(),
         '-',
         "enum " + Old.Name.str(),
         {fmt::format("DROP TYPE {};", quoteQualified(DropName))},
         true});
  }
}

void Planner::createTable(const ir::Table &New, unsigned Order) {
  std::vector<std::string> Items;
  for (const ir::Column &C : New.Columns)
    Items.push_back(formatColumnDefinition(New, C));
  for (const ir::Constraint &C : New.Constraints)
    if (C.K != ir::Constraint::Kind::ForeignKey)
      Items.push_back(formatConstraintDefinition(C));
  MigrationStep S{Phase::CreateTable,        Order, subject(New.Name), '+',
                  "table " + New.Name.str(), {}};
  for (const ir::Column &C : New.Columns)
    if (!serialNamesItself(New, C))
      S.SQL.push_back(fmt::format("CREATE SEQUENCE {} AS {};",
                                  formatSequenceName(New, C),
                                  formatType(C.Ty)));
  S.SQL.push_back(fmt::format("CREATE TABLE {} (\n    {}\n);",
                              quoteQualified(New.Name),
                              llvm::join(Items, ",\n    ")));
  for (const ir::Column &C : New.Columns)
    if (!serialNamesItself(New, C))
      S.SQL.push_back(fmt::format(
          "ALTER SEQUENCE {} OWNED BY {}.{};", formatSequenceName(New, C),
          quoteQualified(New.Name), quoteIdentifier(C.Name)));
  add(std::move(S));
  // Foreign keys once every table exists: that also closes cycles.
  for (const ir::Constraint &C : New.Constraints)
    if (C.K == ir::Constraint::Kind::ForeignKey)
      add({Phase::AddForeignKey,
           0,
           subject(New.Name),
           '+',
           "foreign key " + C.Name,
           {fmt::format("ALTER TABLE {} ADD {};", quoteQualified(New.Name),
                        formatConstraintDefinition(C))}});
  for (const ir::Index &I : New.Indexes)
    add({Phase::CreateIndex,
         0,
         subject(New.Name),
         '+',
         "index " + I.Name,
         {formatCreateIndex(New, I)}});
  if (!New.Comment.empty())
    add({Phase::Comment,
         0,
         subject(New.Name),
         '+',
         "comment",
         {fmt::format("COMMENT ON TABLE {} IS {};", quoteQualified(New.Name),
                      quoteString(New.Comment))}});
  for (const ir::Column &C : New.Columns)
    if (!C.Comment.empty())
      add(columnComment(New, C, '+'));
}

void Planner::planTables() {
  const auto &Match = TableMatch;

  // New tables in foreign key order, dropped ones in the reverse.
  TableOrder NewOrder = orderTables(To);
  std::vector<unsigned> Position(To.Tables.size());
  for (size_t I = 0; I < NewOrder.Tables.size(); ++I)
    Position[NewOrder.Tables[I]] = static_cast<unsigned>(I);
  TableOrder OldOrder = orderTables(From);
  std::vector<unsigned> OldPosition(From.Tables.size());
  for (size_t I = 0; I < OldOrder.Tables.size(); ++I)
    OldPosition[OldOrder.Tables[I]] = static_cast<unsigned>(I);

  std::set<size_t> Matched;
  for (size_t I = 0; I < To.Tables.size(); ++I) {
    auto It = Match.find(I);
    if (It == Match.end()) {
      createTable(To.Tables[I], Position[I]);
      continue;
    }
    Matched.insert(It->second);
    planTable(From.Tables[It->second], To.Tables[I]);
  }
  for (size_t I = 0; I < From.Tables.size(); ++I) {
    if (Matched.count(I))
      continue;
    const ir::Table &Old = From.Tables[I];
    unsigned Reverse =
        static_cast<unsigned>(From.Tables.size()) - OldPosition[I];
    // Its foreign keys go first, so tables can go in any order.
    for (const ir::Constraint &C : Old.Constraints)
      if (C.K == ir::Constraint::Kind::ForeignKey)
        add({Phase::DropForeignKey,
             0,
             subject(Old.Name),
             '-',
             "foreign key " + C.Name,
             {fmt::format("ALTER TABLE {} DROP CONSTRAINT {};",
                          quoteQualified(Old.Name), quoteIdentifier(C.Name))}});
    add({Phase::DropTable,
         Reverse,
         subject(Old.Name),
         '-',
         "table " + Old.Name.str(),
         {fmt::format("DROP TABLE {};", quoteQualified(Old.Name))},
         true});
  }
}

void Planner::planTable(const ir::Table &Old, const ir::Table &New) {
  std::string Table = quoteQualified(New.Name);
  if (Old.Name != New.Name) {
    std::vector<std::string> SQL;
    if (Old.Name.Schema != New.Name.Schema) {
      moveInto(New.Name.Schema, SQL);
      SQL.push_back(fmt::format("ALTER TABLE {} SET SCHEMA {};",
                                quoteQualified(Old.Name),
                                quoteIdentifier(New.Name.Schema)));
    }
    if (Old.Name.Name != New.Name.Name)
      SQL.push_back(
          fmt::format("ALTER TABLE {} RENAME TO {};",
                      quoteQualified({New.Name.Schema, Old.Name.Name}),
                      quoteIdentifier(New.Name.Name)));
    // Owned sequences keep their names through a rename; the new schema
    // names them after the new table.
    for (size_t CI = 0; CI < New.Columns.size(); ++CI) {
      const ir::Column &C = New.Columns[CI];
      auto Match = ColumnMatch[New.Name].find(CI);
      if (C.SerialSequence.empty() || Match == ColumnMatch[New.Name].end())
        continue;
      const ir::Column &OldCol = Old.Columns[Match->second];
      if (!OldCol.SerialSequence.empty() &&
          OldCol.SerialSequence != C.SerialSequence)
        SQL.push_back(fmt::format(
            "ALTER SEQUENCE {} RENAME TO {};",
            quoteQualified({New.Name.Schema, OldCol.SerialSequence}),
            quoteIdentifier(C.SerialSequence)));
    }
    add({Phase::Rename, 0, subject(New.Name), '>',
         fmt::format("table {} renamed from {}", New.Name.str(),
                     Old.Name.str()),
         SQL});
  }

  // Columns, renames included.
  noteRetypedColumns(Old, New);
  const auto &Match = ColumnMatch[New.Name];
  std::set<size_t> Matched;
  for (size_t I = 0; I < New.Columns.size(); ++I) {
    const ir::Column &Col = New.Columns[I];
    auto It = Match.find(I);
    if (It == Match.end()) {
      bool NeedsValue = Col.NotNull && !Col.Default &&
                        Col.Ident == ir::Identity::None && !Col.Generated &&
                        Col.SerialSequence.empty();
      // Generated columns after the ones they may be computed from, and
      // after the type changes of those (an expression over the old type
      // may not load: text * 2).
      bool OverRetyped =
          Col.Generated &&
          mentionsAny(*Col.Generated, columnsOf(RetypedColumns, New.Name));
      MigrationStep S{OverRetyped ? Phase::AlterColumn : Phase::AddColumn,
                      OverRetyped     ? 3u
                      : Col.Generated ? 1u
                                      : 0u,
                      subject(New.Name),
                      '+',
                      "column " + Col.Name +
                          (NeedsValue ? " (not null, no default: fails on a "
                                        "table with rows)"
                                      : ""),
                      {fmt::format("ALTER TABLE {} ADD COLUMN {};", Table,
                                   formatColumnDefinition(New, Col))}};
      add(std::move(S));
      if (!Col.Comment.empty())
        add(columnComment(New, Col, '+'));
      continue;
    }
    Matched.insert(It->second);
    const ir::Column &OldCol = Old.Columns[It->second];
    if (OldCol.Name != Col.Name)
      add({Phase::Rename,
           1,
           subject(New.Name),
           '>',
           fmt::format("column {} renamed from {}", Col.Name, OldCol.Name),
           {fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};", Table,
                        quoteIdentifier(OldCol.Name),
                        quoteIdentifier(Col.Name))}});
    planColumn(New, OldCol, Col);
  }
  // A generated column goes before the columns it is computed from, which
  // PostgreSQL does not drop while it depends on them.
  for (size_t I = 0; I < Old.Columns.size(); ++I)
    if (!Matched.count(I))
      add({Phase::DropColumn,
           Old.Columns[I].Generated ? 0u : 1u,
           subject(New.Name),
           '-',
           "column " + Old.Columns[I].Name,
           {fmt::format("ALTER TABLE {} DROP COLUMN {};", Table,
                        quoteIdentifier(Old.Columns[I].Name))},
           true});

  planConstraints(Old, New);
  planIndexes(Old, New);

  if (Old.Comment != New.Comment)
    add({Phase::Comment,
         0,
         subject(New.Name),
         '~',
         "comment",
         {fmt::format("COMMENT ON TABLE {} IS {};", Table,
                      New.Comment.empty() ? "NULL"
                                          : quoteString(New.Comment))}});
}

std::string exprText(const ir::Expr *E) { return E ? formatExpr(*E) : "none"; }

Planner::ColumnChange Planner::classifyColumn(const ir::Table &New,
                                              const ir::Column &Old,
                                              const ir::Column &Col) const {
  ColumnChange CC;
  // A renamed enum is the same type under its new name.
  CC.OldTy = renamedType(Old.Ty);
  CC.TypeChanged = CC.OldTy != Col.Ty || Old.Collation != Col.Collation;
  // Expressions compare as PostgreSQL stores them (sema/ExprEquivalence.h),
  // so an inspected database's spelling is no change.
  CC.GeneratedChanged =
      !equivalentExprs(Old.Generated.get(), Col.Generated.get(), &New);
  CC.Change = classifyTypeChange(CC.OldTy, Col.Ty);
  CC.SwappedByEnum = CC.OldTy == Col.Ty && Col.Ty.K == ir::Type::Kind::Enum &&
                     SwappedEnums.count({Col.Ty.Schema, Col.Ty.Name});
  return CC;
}

void Planner::noteRetypedColumns(const ir::Table &Old, const ir::Table &New) {
  for (auto [NewIndex, OldIndex] : ColumnMatch[New.Name]) {
    const ir::Column &Col = New.Columns[NewIndex];
    ColumnChange CC = classifyColumn(New, Old.Columns[OldIndex], Col);
    if (CC.recreated() || (!CC.TypeChanged && !CC.SwappedByEnum))
      continue;
    RetypedColumns[New.Name].insert(Col.Name);
    if (CC.SwappedByEnum || CC.Change.K == TypeChange::Kind::Cast)
      CastColumns[New.Name].insert(Col.Name);
  }
}

void Planner::planColumn(const ir::Table &New, const ir::Column &Old,
                         const ir::Column &Col) {
  std::string Table = quoteQualified(New.Name);
  std::string Name = quoteIdentifier(Col.Name);
  std::string Alter =
      fmt::format("ALTER TABLE {} ALTER COLUMN {}", Table, Name);
  std::string What = "column " + Col.Name;

  ColumnChange CC = classifyColumn(New, Old, Col);
  const ir::Type &OldTy = CC.OldTy;
  bool TypeChanged = CC.TypeChanged, SwappedByEnum = CC.SwappedByEnum;
  const TypeChange &Change = CC.Change;
  bool OverRetyped =
      Col.Generated &&
      mentionsAny(*Col.Generated, columnsOf(RetypedColumns, New.Name));
  if (CC.recreated() || OverRetyped) {
    // No ALTER reaches these: the column is made again, its data lost,
    // and the constraints and indexes on it with it.
    RecreatedColumns[New.Name].insert(Col.Name);
    std::string Why =
        CC.GeneratedChanged ? " (generation expression changed)"
        : CC.recreated()
            ? fmt::format(": {} -> {} (impossible: dropped and added)",
                          formatType(Old.Ty), formatType(Col.Ty))
            : " (generated from a column whose type changes: dropped and "
              "added around it)";
    // A column only generated from a retyped one loses nothing: it is
    // computed again. Generated columns are dropped first, as below.
    add({Phase::DropColumn,
         Old.Generated ? 0u : 1u,
         subject(New.Name),
         '-',
         What + Why,
         {fmt::format("ALTER TABLE {} DROP COLUMN {};", Table, Name)},
         CC.recreated()});
    // Computed from a retyped column: back once that column has its type.
    add({OverRetyped ? Phase::AlterColumn : Phase::AddColumn,
         OverRetyped ? 3u : 0u,
         subject(New.Name),
         '+',
         What,
         {fmt::format("ALTER TABLE {} ADD COLUMN {};", Table,
                      formatColumnDefinition(New, Col))}});
    // The comment went with the dropped column.
    if (!Col.Comment.empty())
      add(columnComment(New, Col, '+'));
    return;
  }

  // A type swap drops the default and sets the new one itself.
  bool DefaultChanged =
      !equivalentDefaults(Old.Default.get(), Col.Default.get(), Col.Ty) &&
      !SwappedByEnum;
  if (TypeChanged && !SwappedByEnum) {
    std::string Summary =
        OldTy == Col.Ty
            ? fmt::format("{}: collation {} -> {}", What,
                          Old.Collation.empty() ? "default" : Old.Collation,
                          Col.Collation.empty() ? "default" : Col.Collation)
            : fmt::format("{}: {} -> {} ({}{})", What, formatType(OldTy),
                          formatType(Col.Ty), Change.className(),
                          Change.Using.empty() ? "" : " with USING");
    MigrationStep S{
        Phase::AlterColumn,    0, subject(New.Name), '~', Summary, {},
        Change.isDestructive()};
    // A default of the old type may not cast: off during the change.
    if (Old.Default)
      S.SQL.push_back(Alter + " DROP DEFAULT;");
    std::string Type = formatType(Col.Ty);
    if (!Col.Collation.empty())
      Type += " COLLATE " + quoteIdentifier(Col.Collation);
    std::string Using;
    if (!Change.Using.empty())
      Using = " USING " + fmt::format(fmt::runtime(Change.Using), Name);
    S.SQL.push_back(fmt::format("{} TYPE {}{};", Alter, Type, Using));
    if (Col.Default)
      S.SQL.push_back(fmt::format("{} SET DEFAULT {};", Alter,
                                  formatDefault(*Col.Default)));
    add(std::move(S));
    DefaultChanged = false;
  }
  if (DefaultChanged)
    add({Phase::AlterColumn,
         1,
         subject(New.Name),
         '~',
         fmt::format("{}: default {} -> {}", What, exprText(Old.Default.get()),
                     exprText(Col.Default.get())),
         {Col.Default ? fmt::format("{} SET DEFAULT {};", Alter,
                                    formatDefault(*Col.Default))
                      : Alter + " DROP DEFAULT;"}});
  if (Old.NotNull != Col.NotNull)
    add({Phase::AlterColumn,
         1,
         subject(New.Name),
         '~',
         fmt::format("{}: {}", What, Col.NotNull ? "not null" : "null"),
         {fmt::format("{} {} NOT NULL;", Alter,
                      Col.NotNull ? "SET" : "DROP")}});
  if (Old.Ident != Col.Ident) {
    const char *Kind =
        Col.Ident == ir::Identity::Always ? "ALWAYS" : "BY DEFAULT";
    std::string SQL =
        Col.Ident == ir::Identity::None ? Alter + " DROP IDENTITY;"
        : Old.Ident == ir::Identity::None
            ? fmt::format("{} ADD GENERATED {} AS IDENTITY;", Alter, Kind)
            : fmt::format("{} SET GENERATED {};", Alter, Kind);
    auto Spell = [](ir::Identity I) {
      return I == ir::Identity::None     ? "none"
             : I == ir::Identity::Always ? "always"
                                         : "by default";
    };
    // An identity goes before a default takes its place (and comes after
    // the default it replaces is gone).
    unsigned Order = Col.Ident == ir::Identity::None ? 0 : 2;
    add({Phase::AlterColumn,
         Order,
         subject(New.Name),
         '~',
         fmt::format("{}: identity {} -> {}", What, Spell(Old.Ident),
                     Spell(Col.Ident)),
         {SQL}});
  }
  if (Old.Comment != Col.Comment)
    add(columnComment(New, Col, '~'));
}

/// Pairs of (old, new) that continue each other: same name and definition
/// (nothing to do), same name (re-created), or same definition (renamed).
template <typename T>
void pairUp(const std::vector<T> &Old, const std::vector<T> &New,
            const ir::Table &Context,
            std::vector<std::pair<const T *, const T *>> &Same,
            std::vector<std::pair<const T *, const T *>> &Changed,
            std::vector<std::pair<const T *, const T *>> &Renamed,
            std::vector<const T *> &Dropped, std::vector<const T *> &Added) {
  std::vector<bool> OldUsed(Old.size()), NewUsed(New.size());
  for (size_t J = 0; J < New.size(); ++J)
    for (size_t I = 0; I < Old.size(); ++I)
      if (!OldUsed[I] && Old[I].Name == New[J].Name) {
        OldUsed[I] = NewUsed[J] = true;
        (sameDefinition(Old[I], New[J], Context) ? Same : Changed)
            .emplace_back(&Old[I], &New[J]);
        break;
      }
  for (size_t J = 0; J < New.size(); ++J)
    for (size_t I = 0; I < Old.size() && !NewUsed[J]; ++I)
      if (!OldUsed[I] && sameDefinition(Old[I], New[J], Context)) {
        OldUsed[I] = NewUsed[J] = true;
        Renamed.emplace_back(&Old[I], &New[J]);
      }
  for (size_t I = 0; I < Old.size(); ++I)
    if (!OldUsed[I])
      Dropped.push_back(&Old[I]);
  for (size_t J = 0; J < New.size(); ++J)
    if (!NewUsed[J])
      Added.push_back(&New[J]);
}

/// Items on a column that was dropped and added again went with it: the
/// unchanged ones are added back, the changed ones only added (their old
/// form is gone already).
template <typename T, typename Pred>
void addBackOnRecreated(std::vector<std::pair<const T *, const T *>> &Same,
                        std::vector<std::pair<const T *, const T *>> &Changed,
                        std::vector<std::pair<const T *, const T *>> &Renamed,
                        std::vector<const T *> &Added, Pred OnRecreated) {
  for (auto &Pair : Same)
    if (OnRecreated(Pair.second))
      Added.push_back(Pair.second);
  // A rename would reach an object that is gone by then: made under its new
  // name instead.
  for (auto It = Renamed.begin(); It != Renamed.end();)
    if (OnRecreated(It->second)) {
      Added.push_back(It->second);
      It = Renamed.erase(It);
    } else {
      ++It;
    }
  for (auto It = Changed.begin(); It != Changed.end();)
    if (OnRecreated(It->first)) {
      Added.push_back(It->second);
      It = Changed.erase(It);
    } else {
      ++It;
    }
}

/// Items over a column cast to a new type cannot stay through the cast:
/// unchanged ones are dropped and added as they are (moved to Changed),
/// renamed ones dropped under the old name and added under the new.
template <typename T, typename Pred>
void moveOverCast(std::vector<std::pair<const T *, const T *>> &Same,
                  std::vector<std::pair<const T *, const T *>> &Renamed,
                  std::vector<std::pair<const T *, const T *>> &Changed,
                  std::vector<const T *> &Dropped,
                  std::vector<const T *> &Added, Pred OverCast) {
  for (auto It = Same.begin(); It != Same.end();)
    if (OverCast(It->second)) {
      Changed.push_back(*It);
      It = Same.erase(It);
    } else {
      ++It;
    }
  for (auto It = Renamed.begin(); It != Renamed.end();)
    if (OverCast(It->second)) {
      Dropped.push_back(It->first);
      Added.push_back(It->second);
      It = Renamed.erase(It);
    } else {
      ++It;
    }
}

void Planner::planConstraints(const ir::Table &OldTable, const ir::Table &New) {
  std::string Table = quoteQualified(New.Name);
  std::vector<ir::Constraint> OldConstraints;
  for (const ir::Constraint &C : OldTable.Constraints)
    OldConstraints.push_back(renamed(OldTable, C));
  std::vector<std::pair<const ir::Constraint *, const ir::Constraint *>> Same,
      Changed, Renamed;
  std::vector<const ir::Constraint *> Dropped, Added;
  pairUp(OldConstraints, New.Constraints, New, Same, Changed, Renamed, Dropped,
         Added);
  auto IsKey = [](const ir::Constraint *C) {
    return C->K == ir::Constraint::Kind::PrimaryKey ||
           C->K == ir::Constraint::Kind::Unique;
  };
  for (auto [O, N] : Changed)
    if (IsKey(O))
      ChangedKeys.insert({New.Name, O->Columns});
  for (const ir::Constraint *C : Dropped)
    if (IsKey(C))
      ChangedKeys.insert({New.Name, C->Columns});
  auto IsFK = [](const ir::Constraint *C) {
    return C->K == ir::Constraint::Kind::ForeignKey;
  };
  // PostgreSQL drops with a column every constraint that names it, in a
  // check expression too.
  auto OnRecreated = [&](const ir::Constraint *C) {
    std::vector<std::string> Columns(C->Columns);
    if (C->Check)
      collectColumns(*C->Check, Columns);
    return usesRecreated(New.Name, Columns);
  };
  for (auto [O, N] : Same) {
    if (!OnRecreated(N)) {
      if (IsFK(N))
        UnchangedForeignKeys.emplace_back(&New, N);
      continue;
    }
    // A key made again is a changed key to the foreign keys pointing at it.
    if (IsKey(N))
      ChangedKeys.insert({New.Name, N->Columns});
  }
  for (auto [O, N] : Renamed)
    if (IsKey(N) && OnRecreated(N))
      ChangedKeys.insert({New.Name, N->Columns});
  for (auto [O, N] : Same)
    if (IsFK(O) && OnRecreated(O))
      ForeignKeysOnRecreated.push_back(
          {New.Name, O->Name, O->RefTable, O->RefColumns});
  for (auto [O, N] : Changed)
    if (IsFK(O) && OnRecreated(O))
      ForeignKeysOnRecreated.push_back(
          {New.Name, O->Name, O->RefTable, O->RefColumns});
  for (auto [O, N] : Renamed)
    if (IsFK(O) && OnRecreated(O))
      ForeignKeysOnRecreated.push_back(
          {New.Name, O->Name, O->RefTable, O->RefColumns});
  // Constraints on a column made again went with it: add them back.
  addBackOnRecreated(Same, Changed, Renamed, Added, OnRecreated);
  // Checks over a column cast to a new type: around the cast.
  const std::set<std::string> &Cast = columnsOf(CastColumns, New.Name);
  auto OverCast = [&](const ir::Constraint *C) {
    return C->Check && mentionsAny(*C->Check, Cast);
  };
  moveOverCast(Same, Renamed, Changed, Dropped, Added, OverCast);
  auto Drop = [&](const ir::Constraint *C, char Sign) {
    add({IsFK(C) ? Phase::DropForeignKey : Phase::DropConstraint,
         0,
         subject(New.Name),
         Sign,
         "constraint " + C->Name,
         {fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", Table,
                      quoteIdentifier(C->Name))}});
  };
  auto Add = [&](const ir::Constraint *C, char Sign) {
    add({IsFK(C) ? Phase::AddForeignKey : Phase::AddConstraint,
         0,
         subject(New.Name),
         Sign,
         "constraint " + C->Name,
         {fmt::format("ALTER TABLE {} ADD {};", Table,
                      formatConstraintDefinition(*C))}});
  };
  for (auto [O, N] : Changed) {
    Drop(O, '~');
    Add(N, '~');
    summarizePair("constraint " + N->Name +
                  (sameDefinition(*O, *N, New)
                       ? " (dropped and added around a type change)"
                       : " changed (dropped and added again)"));
  }
  for (auto [O, N] : Renamed)
    add({Phase::Rename,
         2,
         subject(New.Name),
         '>',
         fmt::format("constraint {} renamed from {}", N->Name, O->Name),
         {fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {};", Table,
                      quoteIdentifier(O->Name), quoteIdentifier(N->Name))}});
  for (const ir::Constraint *C : Dropped)
    Drop(C, '-');
  for (const ir::Constraint *C : Added)
    Add(C, '+');
}

void Planner::planIndexes(const ir::Table &OldTable, const ir::Table &New) {
  std::vector<ir::Index> OldIndexes;
  for (const ir::Index &I : OldTable.Indexes)
    OldIndexes.push_back(renamed(OldTable, I));
  std::vector<std::pair<const ir::Index *, const ir::Index *>> Same, Changed,
      Renamed;
  std::vector<const ir::Index *> Dropped, Added;
  pairUp(OldIndexes, New.Indexes, New, Same, Changed, Renamed, Dropped, Added);
  // Indexes on a column made again went with it (also those whose
  // expressions or predicate name it): create them again.
  auto OnRecreated = [&](const ir::Index *I) {
    std::vector<std::string> Columns(I->Include);
    for (const ir::IndexElement &E : I->Elements)
      if (E.Expression)
        collectColumns(*E.Expression, Columns);
      else
        Columns.push_back(E.Column);
    if (I->Where)
      collectColumns(*I->Where, Columns);
    return usesRecreated(New.Name, Columns);
  };
  addBackOnRecreated(Same, Changed, Renamed, Added, OnRecreated);
  // Expressions and predicates over a column cast to a new type: around
  // the cast.
  const std::set<std::string> &Cast = columnsOf(CastColumns, New.Name);
  auto OverCast = [&](const ir::Index *I) {
    return (I->Where && mentionsAny(*I->Where, Cast)) ||
           llvm::any_of(I->Elements, [&](const ir::IndexElement &E) {
             return E.Expression && mentionsAny(*E.Expression, Cast);
           });
  };
  moveOverCast(Same, Renamed, Changed, Dropped, Added, OverCast);
  auto Drop = [&](const ir::Index *I, char Sign) {
    add({Phase::DropIndex,
         0,
         subject(New.Name),
         Sign,
         "index " + I->Name,
         {fmt::format("DROP INDEX {};",
                      quoteQualified({New.Name.Schema, I->Name}))}});
  };
  auto Create = [&](const ir::Index *I, char Sign) {
    add({Phase::CreateIndex,
         0,
         subject(New.Name),
         Sign,
         "index " + I->Name,
         {formatCreateIndex(New, *I)}});
  };
  for (auto [O, N] : Changed) {
    Drop(O, '~');
    Create(N, '~');
    summarizePair("index " + N->Name +
                  (sameDefinition(*O, *N, New)
                       ? " (dropped and created around a type change)"
                       : " changed (dropped and created again)"));
  }
  for (auto [O, N] : Renamed)
    add({Phase::Rename,
         3,
         subject(New.Name),
         '>',
         fmt::format("index {} renamed from {}", N->Name, O->Name),
         {fmt::format("ALTER INDEX {} RENAME TO {};",
                      quoteQualified({New.Name.Schema, O->Name}),
                      quoteIdentifier(N->Name))}});
  for (const ir::Index *I : Dropped)
    Drop(I, '-');
  for (const ir::Index *I : Added)
    Create(I, '+');
}

void Planner::recreateForeignKeysOfChangedKeys() {
  // A key another table's foreign key points at cannot be dropped under
  // it: the foreign key goes first and comes back after the new key.
  // Foreign keys that go with their column are dropped with it, which may
  // come after their key is: they go explicitly, first.
  for (const ForeignKeyOnRecreated &F : ForeignKeysOnRecreated)
    if (ChangedKeys.count({F.RefTable, F.RefColumns}))
      add({Phase::DropForeignKey,
           0,
           subject(F.Table),
           '~',
           "constraint " + F.Name + " (its key is made again)",
           {fmt::format("ALTER TABLE {} DROP CONSTRAINT {};",
                        quoteQualified(F.Table), quoteIdentifier(F.Name))}});
  // A cast on either side of a foreign key leaves it between types that
  // may not compare until the other side is cast too.
  for (auto [Table, C] : UnchangedForeignKeys) {
    bool KeyChanges = ChangedKeys.count({C->RefTable, C->RefColumns}) != 0;
    if (!KeyChanges &&
        !anyIn(C->RefColumns, columnsOf(CastColumns, C->RefTable)) &&
        !anyIn(C->Columns, columnsOf(CastColumns, Table->Name)))
      continue;
    std::string Why = KeyChanges ? " (its key changes)"
                                 : " (its columns are cast to a new type)";
    add({Phase::DropForeignKey,
         0,
         subject(Table->Name),
         '~',
         "constraint " + C->Name + Why,
         {fmt::format("ALTER TABLE {} DROP CONSTRAINT {};",
                      quoteQualified(Table->Name), quoteIdentifier(C->Name))}});
    add({Phase::AddForeignKey,
         0,
         subject(Table->Name),
         '~',
         "constraint " + C->Name + Why,
         {fmt::format("ALTER TABLE {} ADD {};", quoteQualified(Table->Name),
                      formatConstraintDefinition(*C))}});
  }
}

MigrationPlan Planner::run() {
  matchObjects();
  planNamespaces();
  planEnums();
  planTables();
  recreateForeignKeysOfChangedKeys();
  llvm::stable_sort(
      Plan.Steps, [](const MigrationStep &A, const MigrationStep &B) {
        if (A.P != B.P)
          return A.P < B.P;
        return A.Order != B.Order ? A.Order < B.Order : A.Sequence < B.Sequence;
      });
  return std::move(Plan);
}

} // namespace

bool schemac::sameDefinition(const ir::Constraint &X, const ir::Constraint &Y,
                             const ir::Table &Context) {
  return X.K == Y.K && X.Columns == Y.Columns && X.RefTable == Y.RefTable &&
         X.RefColumns == Y.RefColumns && X.OnDelete == Y.OnDelete &&
         X.OnUpdate == Y.OnUpdate && X.Deferrable == Y.Deferrable &&
         X.InitiallyDeferred == Y.InitiallyDeferred &&
         equivalentExprs(X.Check ? &*X.Check : nullptr,
                         Y.Check ? &*Y.Check : nullptr, &Context) &&
         X.NullsNotDistinct == Y.NullsNotDistinct;
}

bool schemac::sameDefinition(const ir::Index &A, const ir::Index &B,
                             const ir::Table &Context) {
  auto Elements = [&](const ir::Index &I) {
    std::vector<std::string> Out;
    for (const ir::IndexElement &E : I.Elements)
      Out.push_back((E.Expression ? formatExpr(canonicalForComparison(
                                        *E.Expression, &Context))
                                  : E.Column) +
                    "|" + E.Opclass + "|" + (E.Descending ? "d" : "a") + "|" +
                    std::to_string(static_cast<int>(E.NullsOrder)));
    return Out;
  };
  return A.Unique == B.Unique && A.Method == B.Method &&
         Elements(A) == Elements(B) && A.Include == B.Include &&
         A.Options == B.Options &&
         equivalentExprs(A.Where ? &*A.Where : nullptr,
                         B.Where ? &*B.Where : nullptr, &Context) &&
         A.NullsNotDistinct == B.NullsNotDistinct;
}

SchemaMatch schemac::matchSchemas(const ir::Schema &From,
                                  const ir::Schema &To) {
  SchemaMatch Match;
  // A renamed_from name may carry its schema ("public.posts"): the object
  // moved to another schema.
  auto Key = [](const auto &A) {
    return A.Name.find('.') != std::string::npos
               ? A.Name
               : A.Object->Name.Schema + "." + A.Name;
  };
  Match.Enums = matchByName(adapt(From.Enums), adapt(To.Enums), Key, "enum",
                            Match.Errors);
  Match.Tables = matchByName(adapt(From.Tables), adapt(To.Tables), Key, "table",
                             Match.Errors);
  for (auto [NewIndex, OldIndex] : Match.Tables) {
    const ir::Table &Old = From.Tables[OldIndex];
    const ir::Table &New = To.Tables[NewIndex];
    std::vector<std::string> Errors;
    Match.Columns[NewIndex] = matchByName(
        Old.Columns, New.Columns, [](const ir::Column &C) { return C.Name; },
        "column", Errors);
    for (std::string &E : Errors)
      Match.Errors.push_back(New.Name.str() + ": " + E);
  }
  return Match;
}

MigrationPlan schemac::planMigration(const ir::Schema &From,
                                     const ir::Schema &To) {
  return Planner(From, To).run();
}
