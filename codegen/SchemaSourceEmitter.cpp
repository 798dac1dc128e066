//===- SchemaSourceEmitter.cpp - The IR as schema-language source ---------===//
//
// Two decisions make the printed source compile back to the same IR:
//
// - Names. A name is left out only where the compiler would choose it
//   again. Which name it chooses depends on the names already taken, and
//   those depend on which names are printed, so the choice is simulated with
//   the compiler's own functions (sema/PostgresNames.h) in the order
//   Sema.cpp's assignNames() uses, and repeated until no more names have to
//   be printed.
// - Order. Sema lists a table's constraints as column clauses first (in
//   column order), then table items. A constraint is written on its column
//   only while that keeps the IR's order of the constraints of its kind,
//   which is the order that decides their names and the SQL's order.
//===----------------------------------------------------------------------===//

#include "codegen/SchemaSourceEmitter.h"
#include "codegen/SQLFormat.h"
#include "frontend/Keywords.h"
#include "sema/BuiltinTypes.h"
#include "sema/ExprLowering.h"
#include "sema/PostgresNames.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <set>

using namespace schemac;

namespace {

//===----------------------------------------------------------------------===//
// Spelling
//===----------------------------------------------------------------------===//

std::string quoted(llvm::StringRef Name) {
  std::string Out = "\"";
  for (char C : Name) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

/// Name where the grammar takes an `identifier`: bare unless it is a
/// reserved word or not one word.
std::string ident(llvm::StringRef Name) {
  WordKind K = classifyWord(Name);
  return K == WordKind::Identifier || K == WordKind::SoftKeyword ? Name.str()
                                                                 : quoted(Name);
}

/// A column name at the start of its line, where `check` or `unique` would
/// begin a table item instead.
std::string columnName(llvm::StringRef Name) {
  return beginsTableItem(Name) ? quoted(Name) : ident(Name);
}

/// Text outside expressions (comments, labels, annotation arguments).
std::string text(llvm::StringRef Value) { return sql::quoteString(Value); }

std::string identList(llvm::ArrayRef<std::string> Names) {
  std::string Out = "(";
  for (size_t I = 0; I < Names.size(); ++I)
    Out += (I ? ", " : "") + ident(Names[I]);
  return Out + ")";
}

std::string lower(llvm::StringRef S) { return S.lower(); }

/// The spellings a person writes for the built-in types whose canonical
/// (format_type) names are long; the language accepts both.
llvm::StringRef shortTypeName(llvm::StringRef Canonical) {
  return llvm::StringSwitch<llvm::StringRef>(Canonical)
      .Case("timestamp with time zone", "timestamptz")
      .Case("timestamp without time zone", "timestamp")
      .Case("time with time zone", "timetz")
      .Case("time without time zone", "time")
      .Case("character varying", "varchar")
      .Case("character", "char")
      .Default(Canonical);
}

/// T as written in a column of a table in schema Schema.
std::string typeName(const ir::Type &T, llvm::StringRef Schema) {
  std::string Out;
  if (T.K == ir::Type::Kind::Enum) {
    // An unqualified name is looked up among the built-in types first:
    // case-insensitively when bare, exactly when quoted. A soft keyword
    // might begin a multi-word type (`double precision`), so it is quoted.
    // An enum that a built-in type would hide, or of another schema, is
    // qualified.
    if (T.Schema != Schema || lookupBuiltinType(T.Name))
      Out = ident(T.Schema) + "." + ident(T.Name);
    else if (classifyWord(T.Name) == WordKind::Identifier &&
             !lookupBuiltinType(lower(T.Name)))
      Out = T.Name;
    else
      Out = quoted(T.Name);
  } else {
    Out = shortTypeName(T.Name).str();
    if (!T.Modifiers.empty()) {
      Out += "(";
      for (size_t I = 0; I < T.Modifiers.size(); ++I)
        Out += (I ? ", " : "") + std::to_string(T.Modifiers[I]);
      Out += ")";
    }
  }
  for (unsigned I = 0; I < T.ArrayDims; ++I)
    Out += "[]";
  return Out;
}

/// Server text on one line: pg_get_expr breaks a CASE over several lines,
/// which inside a column or table item reads badly. Runs of white space
/// outside quotes become one space.
std::string oneLine(llvm::StringRef Text) {
  std::string Out;
  char Quote = 0;
  bool Space = false;
  for (char C : Text.trim()) {
    if (!Quote && llvm::isSpace(C)) {
      Space = true;
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    if (Quote ? C == Quote : C == '\'' || C == '"')
      Quote = Quote ? 0 : C;
    Out += C;
  }
  return Out;
}

/// An expression of a table in schema Schema. The language reads SQL's
/// expression syntax, so this is formatExpr in the language's spelling.
std::string expr(const ir::Expr &E, llvm::StringRef Schema,
                 bool Default = false) {
  auto Type = [&](const ir::Type &T) { return typeName(T, Schema); };
  auto Function = [](llvm::StringRef Name) {
    // `like(a, b)` would read as the operator; PostgreSQL's own quoting
    // leaves such names bare.
    return classifyWord(Name) == WordKind::ReservedKeyword
               ? quoted(Name)
               : sql::quoteFunctionName(Name);
  };
  auto Column = [](llvm::StringRef Name) {
    // Bare names fold to lower case, but one written exactly as a column is
    // declared finds it first (`B` is the column "B"). SQL's reserved
    // words, the value keywords (`user`) among them, are quoted.
    return classifyWord(Name) == WordKind::Identifier &&
                   !sql::cannotNameAColumn(lower(Name))
               ? Name.str()
               : quoted(Name);
  };
  sql::ExprStyle Style;
  Style.LowerCaseKeywords = true;
  Style.MinimalParens = true;
  Style.Type = Type;
  Style.Function = Function;
  Style.Column = Column;
  // Server-printed text after `default` stands as printed (on one line):
  // pg_get_expr parenthesises every operator.
  if (E.K == ir::Expr::Kind::Sql)
    return oneLine(E.Text);
  return Default ? sql::formatDefault(E, Style) : sql::formatExpr(E, Style);
}

/// Text without one pair of parentheses around all of it, so that server
/// text such as `(price > 0)` inside `check (...)` is not doubly wrapped.
llvm::StringRef stripParens(llvm::StringRef Text) {
  Text = Text.trim();
  if (!Text.startswith("(") || !Text.endswith(")"))
    return Text;
  int Depth = 0;
  char Quote = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (Quote) {
      // A doubled quote closes and reopens, which comes to the same.
      if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '\'' || C == '"') {
      Quote = C;
    } else if (C == '(') {
      ++Depth;
    } else if (C == ')' && --Depth == 0 && I + 1 != Text.size()) {
      return Text; // `(a) AND (b)`
    }
  }
  return Depth == 0 && !Quote ? Text.drop_front().drop_back() : Text;
}

/// Whether Text is one function call, `f(...)` or `s.f(...)`: how
/// pg_get_indexdef prints an index element that needs no parentheses.
bool isCall(llvm::StringRef Text) {
  size_t Open = Text.find('(');
  if (Open == 0 || Open == llvm::StringRef::npos ||
      !llvm::all_of(Text.take_front(Open), [](char C) {
        return llvm::isAlnum(C) || C == '_' || C == '$' || C == '.' ||
               C == '"' || static_cast<unsigned char>(C) >= 0x80;
      }))
    return false;
  return stripParens(Text.drop_front(Open)).size() + 2 == Text.size() - Open;
}

/// An expression where the grammar puts it in parentheses itself
/// (`check (...)`, `where (...)`, `generated always as (...)`).
std::string parenthesised(const ir::Expr &E, llvm::StringRef Schema) {
  if (E.K == ir::Expr::Kind::Sql)
    return "(" + stripParens(oneLine(E.Text)).str() + ")";
  return "(" + expr(E, Schema) + ")";
}

/// An index `with` value: a number or a name bare, anything else quoted.
std::string optionValue(llvm::StringRef Value) {
  static const llvm::Regex Number(
      "^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$");
  WordKind K = classifyWord(Value);
  if (Number.match(Value) || K == WordKind::Identifier ||
      K == WordKind::SoftKeyword)
    return Value.str();
  return text(Value);
}

/// An operator class, `name` or `schema.name`; the grammar takes no
/// keyword there, soft or not.
std::string opclassName(llvm::StringRef Opclass) {
  auto Part = [](llvm::StringRef P) {
    return classifyWord(P) == WordKind::Identifier ? P.str() : quoted(P);
  };
  auto [Schema, Name] = Opclass.split('.');
  return Name.empty() ? Part(Schema) : Part(Schema) + "." + Part(Name);
}

const char *action(ir::ReferentialAction A) {
  switch (A) {
  case ir::ReferentialAction::NoAction:
    return "no action";
  case ir::ReferentialAction::Restrict:
    return "restrict";
  case ir::ReferentialAction::Cascade:
    return "cascade";
  case ir::ReferentialAction::SetNull:
    return "set null";
  case ir::ReferentialAction::SetDefault:
    return "set default";
  }
  return "no action";
}

//===----------------------------------------------------------------------===//
// What the compiler would derive
//===----------------------------------------------------------------------===//

bool containsSql(const ir::Expr &E) {
  return E.K == ir::Expr::Kind::Sql || llvm::any_of(E.Args, containsSql);
}

/// The distinct columns E uses, in order of first use: what ExprLowering's
/// getColumnsUsed() reports when it lowers E.
void columnsUsed(const ir::Expr &E, std::vector<std::string> &Out) {
  if (E.K == ir::Expr::Kind::Column && !llvm::is_contained(Out, E.Text))
    Out.push_back(E.Text);
  for (const ir::Expr &A : E.Args)
    columnsUsed(A, Out);
}

/// The one column a check uses, if it uses exactly one.
std::optional<std::string> checkColumn(const ir::Constraint &C) {
  if (!C.Check || containsSql(*C.Check))
    return std::nullopt;
  std::vector<std::string> Used;
  columnsUsed(*C.Check, Used);
  if (Used.size() != 1)
    return std::nullopt;
  return Used[0];
}

bool isSerialType(const ir::Type &T) {
  return T.K == ir::Type::Kind::Builtin && T.ArrayDims == 0 &&
         T.Modifiers.empty() &&
         (T.Name == "smallint" || T.Name == "integer" || T.Name == "bigint");
}

/// The parts PostgreSQL builds an unnamed object's name from:
/// `<table>_<Column part>_<Label>`, with a number after the label when the
/// name is taken.
struct DefaultName {
  std::string ColumnPart;
  llvm::StringRef Label;
};

/// The column names PostgreSQL names an index after (Sema's NameColumns).
std::vector<std::string> indexNameColumns(const ir::Index &I) {
  std::vector<std::string> Names;
  for (const ir::IndexElement &E : I.Elements)
    Names.push_back(E.Expression ? indexExpressionName(*E.Expression)
                                 : E.Column);
  llvm::append_range(Names, I.Include);
  return Names;
}

DefaultName defaultName(const ir::Constraint &C) {
  switch (C.K) {
  case ir::Constraint::Kind::PrimaryKey:
    return {"", "pkey"};
  case ir::Constraint::Kind::Unique:
    return {joinNameParts(C.Columns), "key"};
  case ir::Constraint::Kind::ForeignKey:
    return {joinNameParts(C.Columns), "fkey"};
  case ir::Constraint::Kind::Check: {
    // "tab_col_check" when the check uses exactly one column.
    std::optional<std::string> Column = checkColumn(C);
    return {Column ? *Column : "", "check"};
  }
  }
  return {"", ""};
}

DefaultName defaultName(const ir::Index &I) {
  return {joinNameParts(uniqueIndexColumnNames(indexNameColumns(I))), "idx"};
}

/// Whether Name has the form of a generated name for D, with or without a
/// number: if not, no order of naming gives it and it is printed outright.
bool looksGenerated(llvm::StringRef Table, const DefaultName &D,
                    llvm::StringRef Name) {
  if (Name == makeObjectName(Table, D.ColumnPart, D.Label))
    return true;
  llvm::StringRef Number =
      Name.drop_front(Name.find_last_not_of("0123456789") + 1);
  return !Number.empty() && Number.front() != '0' &&
         Name == makeObjectName(Table, D.ColumnPart, (D.Label + Number).str());
}

/// How one table is printed.
struct TablePlan {
  const ir::Table *T = nullptr;
  std::vector<DefaultName> ConstraintDefaults, IndexDefaults;
  /// Per constraint and index: the name is printed.
  std::vector<bool> ConstraintNamed, IndexNamed;
  /// Per constraint: the column it is written on, or -1 for a table item.
  std::vector<int> OnColumn;
  /// Per column: serial, and its sequence gets the IR's name when compiled.
  std::vector<bool> SerialNameKept;

  explicit TablePlan(const ir::Table &Table)
      : T(&Table), OnColumn(Table.Constraints.size(), -1),
        SerialNameKept(Table.Columns.size(), true) {
    llvm::StringRef Name = Table.Name.Name;
    for (const ir::Constraint &C : Table.Constraints) {
      ConstraintDefaults.push_back(defaultName(C));
      // Server text is compiled into a tree that may name itself otherwise
      // (and a check on it may use any columns): keep those names.
      ConstraintNamed.push_back(
          (C.Check && containsSql(*C.Check)) ||
          !looksGenerated(Name, ConstraintDefaults.back(), C.Name));
    }
    for (const ir::Index &I : Table.Indexes) {
      IndexDefaults.push_back(defaultName(I));
      IndexNamed.push_back(llvm::any_of(I.Elements,
                                        [](const ir::IndexElement &E) {
                                          return E.Expression &&
                                                 containsSql(*E.Expression);
                                        }) ||
                           !looksGenerated(Name, IndexDefaults.back(), I.Name));
    }
  }

  int columnIndex(llvm::StringRef Name) const {
    for (size_t I = 0; I < T->Columns.size(); ++I)
      if (T->Columns[I].Name == Name)
        return static_cast<int>(I);
    return -1;
  }
};

/// Compiles the names of one schema's tables as the printed source would
/// have them (printed names reserved first, then each table's unnamed
/// objects in the order assignNames() takes them), and marks every name the
/// compiler would choose differently as printed. Returns whether it marked
/// any; printing one name can change the names chosen after it, so this
/// runs until it marks none.
bool markNamesToPrint(llvm::ArrayRef<TablePlan *> Plans) {
  SchemaNames Names;
  for (TablePlan *P : Plans)
    Names.reserveRelation(P->T->Name.Name);
  for (TablePlan *P : Plans) {
    for (size_t I = 0; I < P->T->Constraints.size(); ++I) {
      const ir::Constraint &C = P->T->Constraints[I];
      if (!P->ConstraintNamed[I])
        continue;
      // The index of a key is a relation; every constraint name is also
      // kept from the constraint names generated later.
      if (C.K == ir::Constraint::Kind::PrimaryKey ||
          C.K == ir::Constraint::Kind::Unique)
        Names.reserveRelation(C.Name);
      Names.reserveConstraint(C.Name);
    }
    for (size_t I = 0; I < P->T->Indexes.size(); ++I)
      if (P->IndexNamed[I])
        Names.reserveRelation(P->T->Indexes[I].Name);
  }

  bool Marked = false;
  auto Compare = [&](const std::string &Chosen, const std::string &Actual,
                     std::vector<bool>::reference Named) {
    if (Chosen != Actual) {
      Named = true;
      Marked = true;
    }
  };
  for (TablePlan *P : Plans) {
    const ir::Table &T = *P->T;
    llvm::StringRef Table = T.Name.Name;
    for (size_t I = 0; I < T.Columns.size(); ++I) {
      const ir::Column &Col = T.Columns[I];
      if (!Col.SerialSequence.empty())
        P->SerialNameKept[I] =
            Names.chooseRelationName(Table, Col.Name, "seq",
                                     /*IsConstraint=*/false) ==
            Col.SerialSequence;
    }
    for (ir::Constraint::Kind K :
         {ir::Constraint::Kind::Check, ir::Constraint::Kind::PrimaryKey,
          ir::Constraint::Kind::Unique, ir::Constraint::Kind::ForeignKey})
      for (size_t I = 0; I < T.Constraints.size(); ++I) {
        const ir::Constraint &C = T.Constraints[I];
        if (C.K != K || P->ConstraintNamed[I])
          continue;
        const DefaultName &D = P->ConstraintDefaults[I];
        Compare(K == ir::Constraint::Kind::PrimaryKey ||
                        K == ir::Constraint::Kind::Unique
                    ? Names.chooseRelationName(Table, D.ColumnPart, D.Label,
                                               /*IsConstraint=*/true)
                    : Names.chooseConstraintName(Table, D.ColumnPart, D.Label),
                C.Name, P->ConstraintNamed[I]);
      }
    for (size_t I = 0; I < T.Indexes.size(); ++I)
      if (!P->IndexNamed[I])
        Compare(Names.chooseRelationName(Table, P->IndexDefaults[I].ColumnPart,
                                         "idx", /*IsConstraint=*/false),
                T.Indexes[I].Name, P->IndexNamed[I]);
  }
  return Marked;
}

/// Puts single-column constraints on their columns while each kind of
/// constraint keeps its order in the IR, which is the order Sema names them
/// in and the SQL lists them in: for each kind, one run of non-decreasing
/// column positions from its first constraint on. (The order between kinds
/// carries no meaning: the SQL groups constraints by kind.)
void placeOnColumns(TablePlan &P) {
  constexpr size_t NumKinds = 4;
  int Cursor[NumKinds] = {};
  bool Open[NumKinds] = {true, true, true, true};
  for (size_t I = 0; I < P.T->Constraints.size(); ++I) {
    const ir::Constraint &C = P.T->Constraints[I];
    int Column = -1;
    switch (C.K) {
    case ir::Constraint::Kind::PrimaryKey:
    case ir::Constraint::Kind::Unique:
      // Column-level keys take no name and no `deferrable`.
      if (C.Columns.size() == 1 && !P.ConstraintNamed[I] && !C.Deferrable)
        Column = P.columnIndex(C.Columns[0]);
      break;
    case ir::Constraint::Kind::ForeignKey:
      if (C.Columns.size() == 1 && !P.ConstraintNamed[I])
        Column = P.columnIndex(C.Columns[0]);
      break;
    case ir::Constraint::Kind::Check:
      // A check with a name of its own reads better as a table item.
      if (std::optional<std::string> Used = checkColumn(C);
          Used && !P.ConstraintNamed[I])
        Column = P.columnIndex(*Used);
      break;
    }
    size_t Kind = static_cast<size_t>(C.K);
    if (Open[Kind] && Column >= Cursor[Kind]) {
      P.OnColumn[I] = Column;
      Cursor[Kind] = Column;
    } else {
      Open[Kind] = false;
    }
  }
}

//===----------------------------------------------------------------------===//
// Writer
//===----------------------------------------------------------------------===//

class Writer {
public:
  Writer(const ir::Schema &S, llvm::raw_ostream &OS) : S(S), OS(OS) {
    for (const ir::Table &T : S.Tables)
      TablesByName[T.Name] = &T;
  }

  void run();

private:
  void section() {
    if (Started)
      OS << "\n";
    Started = true;
  }
  void settings();
  void renamedFrom(llvm::ArrayRef<std::string> Names, llvm::StringRef Indent);
  void enumDecl(const ir::Enum &E, llvm::StringRef Indent);
  void table(const TablePlan &P, llvm::StringRef Indent);
  std::string column(const TablePlan &P, size_t Index);
  std::string references(const ir::Constraint &C, llvm::StringRef Schema);
  std::string constraintClause(const TablePlan &P, size_t Index);
  std::string tableItem(const TablePlan &P, size_t Index);
  std::string index(const TablePlan &P, size_t Index);
  std::string name(const TablePlan &P, size_t Index, bool IsIndex) {
    bool Named = IsIndex ? P.IndexNamed[Index] : P.ConstraintNamed[Index];
    if (!Named)
      return "";
    return ident(IsIndex ? P.T->Indexes[Index].Name
                         : P.T->Constraints[Index].Name) +
           " ";
  }

  const ir::Schema &S;
  llvm::raw_ostream &OS;
  std::map<ir::QualifiedName, const ir::Table *> TablesByName;
  bool Started = false;
};

void Writer::run() {
  settings();

  std::set<std::string> Schemas(S.Namespaces.begin(), S.Namespaces.end());
  for (const ir::Enum &E : S.Enums)
    Schemas.insert(E.Name.Schema);
  for (const ir::Table &T : S.Tables)
    Schemas.insert(T.Name.Schema);

  // Plans hold pointers into this vector: it is not resized after this.
  std::vector<TablePlan> Plans;
  Plans.reserve(S.Tables.size());
  for (const ir::Table &T : S.Tables)
    Plans.emplace_back(T);

  for (const std::string &Schema : Schemas) {
    std::vector<const ir::Enum *> Enums;
    for (const ir::Enum &E : S.Enums)
      if (E.Name.Schema == Schema)
        Enums.push_back(&E);
    std::vector<TablePlan *> Tables;
    for (TablePlan &P : Plans)
      if (P.T->Name.Schema == Schema)
        Tables.push_back(&P);
    // Names taken by one schema's objects never affect another's.
    while (markNamesToPrint(Tables)) {
    }
    for (TablePlan *P : Tables)
      placeOnColumns(*P);

    bool Public = Schema == "public";
    if (Public && Enums.empty() && Tables.empty())
      continue;
    std::string Indent = Public ? "" : "  ";
    section();
    if (!Public) {
      OS << "schema " << ident(Schema) << " {";
      if (Enums.empty() && Tables.empty()) {
        OS << "}\n";
        continue;
      }
      OS << "\n";
    }
    // Enums as one group, tables each set off by an empty line.
    for (const ir::Enum *E : Enums)
      enumDecl(*E, Indent);
    for (size_t I = 0; I < Tables.size(); ++I) {
      if (I || !Enums.empty())
        OS << "\n";
      table(*Tables[I], Indent);
    }
    if (!Public)
      OS << "}\n";
  }
}

void Writer::settings() {
  // search_path defaults to [public]; an empty one cannot be written.
  bool SearchPath = !S.SearchPath.empty() &&
                    S.SearchPath != std::vector<std::string>{"public"};
  if (SearchPath || !S.Exclude.empty()) {
    section();
    OS << "database {\n";
    if (SearchPath) {
      OS << "  search_path = [";
      for (size_t I = 0; I < S.SearchPath.size(); ++I)
        OS << (I ? ", " : "") << ident(S.SearchPath[I]);
      OS << "];\n";
    }
    if (!S.Exclude.empty()) {
      OS << "  exclude = [";
      for (size_t I = 0; I < S.Exclude.size(); ++I)
        OS << (I ? ", " : "") << text(S.Exclude[I]);
      OS << "];\n";
    }
    OS << "}\n";
  }
  if (!S.Extensions.empty()) {
    section();
    for (const std::string &E : S.Extensions)
      OS << "extension " << ident(E) << ";\n";
  }
}

void Writer::renamedFrom(llvm::ArrayRef<std::string> Names,
                         llvm::StringRef Indent) {
  for (const std::string &Old : Names)
    OS << Indent << "@renamed_from(" << text(Old) << ")\n";
}

void Writer::enumDecl(const ir::Enum &E, llvm::StringRef Indent) {
  renamedFrom(E.RenamedFrom, Indent);
  std::vector<std::string> Labels;
  for (const std::string &L : E.Labels) {
    // Bare labels keep their case, like names; reserved words and labels
    // with other characters are text.
    WordKind K = classifyWord(L);
    Labels.push_back(
        K == WordKind::Identifier || K == WordKind::SoftKeyword ? L : text(L));
  }
  std::string Head = Indent.str() + "enum " + ident(E.Name.Name) + " {";
  std::string Line = Head;
  if (!Labels.empty())
    Line += " " + llvm::join(Labels, ", ") + " ";
  Line += "}";
  if (Line.size() <= 80) {
    OS << Line << "\n";
    return;
  }
  OS << Head << "\n";
  for (const std::string &L : Labels)
    OS << Indent << "  " << L << ",\n";
  OS << Indent << "}\n";
}

std::string Writer::references(const ir::Constraint &C,
                               llvm::StringRef Schema) {
  // An unqualified name is looked up in the referring table's schema first.
  std::string Out = "references ";
  if (C.RefTable.Schema != Schema)
    Out += ident(C.RefTable.Schema) + ".";
  Out += ident(C.RefTable.Name);
  // Without columns the reference is to the primary key.
  auto Target = TablesByName.find(C.RefTable);
  const ir::Constraint *Pk =
      Target == TablesByName.end() ? nullptr : Target->second->primaryKey();
  if (!Pk || Pk->Columns != C.RefColumns)
    Out += " " + identList(C.RefColumns);
  if (C.OnDelete != ir::ReferentialAction::NoAction)
    Out += std::string(" on delete ") + action(C.OnDelete);
  if (C.OnUpdate != ir::ReferentialAction::NoAction)
    Out += std::string(" on update ") + action(C.OnUpdate);
  if (C.Deferrable)
    Out +=
        C.InitiallyDeferred ? " deferrable initially deferred" : " deferrable";
  return Out;
}

/// A constraint written as a clause of its column.
std::string Writer::constraintClause(const TablePlan &P, size_t Index) {
  const ir::Constraint &C = P.T->Constraints[Index];
  switch (C.K) {
  case ir::Constraint::Kind::PrimaryKey:
    return "primary key";
  case ir::Constraint::Kind::Unique:
    return C.NullsNotDistinct ? "unique nulls not distinct" : "unique";
  case ir::Constraint::Kind::ForeignKey:
    return references(C, P.T->Name.Schema);
  case ir::Constraint::Kind::Check:
    return "check " + name(P, Index, false) +
           parenthesised(*C.Check, P.T->Name.Schema);
  }
  return "";
}

std::string Writer::column(const TablePlan &P, size_t Index) {
  const ir::Table &T = *P.T;
  const ir::Column &C = T.Columns[Index];
  llvm::StringRef Schema = T.Name.Schema;
  std::vector<std::string> Clauses;

  bool Serial = !C.SerialSequence.empty() && isSerialType(C.Ty);
  if (Serial)
    Clauses.push_back(llvm::StringSwitch<const char *>(C.Ty.Name)
                          .Case("smallint", "smallserial")
                          .Case("bigint", "bigserial")
                          .Default("serial"));
  else
    Clauses.push_back(typeName(C.Ty, Schema));

  // The column's constraints, in the IR's order within each kind.
  auto Constraints = [&](ir::Constraint::Kind K) {
    for (size_t I = 0; I < T.Constraints.size(); ++I)
      if (P.OnColumn[I] == static_cast<int>(Index) && T.Constraints[I].K == K)
        Clauses.push_back(constraintClause(P, I));
  };
  Constraints(ir::Constraint::Kind::PrimaryKey);
  if (C.Ident != ir::Identity::None)
    Clauses.push_back(C.Ident == ir::Identity::Always
                          ? "generated always as identity"
                          : "generated by default as identity");
  const ir::Constraint *Pk = T.primaryKey();
  bool ImpliedNotNull = Serial || C.Ident != ir::Identity::None ||
                        (Pk && llvm::is_contained(Pk->Columns, C.Name));
  if (C.NotNull && !ImpliedNotNull)
    Clauses.push_back("not null");
  // A serial column's nextval default comes with `serial`.
  if (C.Default && !Serial)
    Clauses.push_back("default " + expr(*C.Default, Schema, /*Default=*/true));
  if (C.Generated)
    Clauses.push_back("generated always as " +
                      parenthesised(*C.Generated, Schema) + " stored");
  if (!C.Collation.empty())
    Clauses.push_back("collate " + quoted(C.Collation));
  Constraints(ir::Constraint::Kind::Unique);
  Constraints(ir::Constraint::Kind::ForeignKey);
  Constraints(ir::Constraint::Kind::Check);
  if (!C.Comment.empty())
    Clauses.push_back("comment " + text(C.Comment));
  return llvm::join(Clauses, " ");
}

/// A constraint written as a table item.
std::string Writer::tableItem(const TablePlan &P, size_t Index) {
  const ir::Constraint &C = P.T->Constraints[Index];
  switch (C.K) {
  case ir::Constraint::Kind::PrimaryKey:
    return "primary key " + name(P, Index, false) + identList(C.Columns);
  case ir::Constraint::Kind::Unique: {
    // `unique index (a)` is an index: a constraint named `index` (or any
    // word that begins an item) is quoted.
    std::string Name =
        P.ConstraintNamed[Index]
            ? (beginsTableItem(C.Name) ? quoted(C.Name) : ident(C.Name)) + " "
            : "";
    return "unique " + Name + identList(C.Columns) +
           (C.NullsNotDistinct ? " nulls not distinct" : "");
  }
  case ir::Constraint::Kind::ForeignKey:
    return "foreign key " + name(P, Index, false) + identList(C.Columns) + " " +
           references(C, P.T->Name.Schema);
  case ir::Constraint::Kind::Check:
    return "check " + name(P, Index, false) +
           parenthesised(*C.Check, P.T->Name.Schema);
  }
  return "";
}

std::string Writer::index(const TablePlan &P, size_t Index) {
  const ir::Index &I = P.T->Indexes[Index];
  llvm::StringRef Schema = P.T->Name.Schema;
  std::string Out = I.Unique ? "unique index " : "index ";
  Out += name(P, Index, true) + "(";
  for (size_t N = 0; N < I.Elements.size(); ++N) {
    const ir::IndexElement &E = I.Elements[N];
    if (N)
      Out += ", ";
    // A call needs no parentheses of its own: `index (lower(email))`.
    if (!E.Expression)
      Out += ident(E.Column);
    else if (E.Expression->K == ir::Expr::Kind::Call ||
             (E.Expression->K == ir::Expr::Kind::Sql &&
              isCall(E.Expression->Text)))
      Out += expr(*E.Expression, Schema);
    else
      Out += parenthesised(*E.Expression, Schema);
    if (!E.Opclass.empty())
      Out += " " + opclassName(E.Opclass);
    if (E.Descending)
      Out += " desc";
    if (E.NullsOrder == ir::IndexElement::Nulls::First)
      Out += " nulls first";
    else if (E.NullsOrder == ir::IndexElement::Nulls::Last)
      Out += " nulls last";
  }
  Out += ")";
  if (I.Method != "btree")
    Out += " using " + ident(I.Method);
  if (!I.Include.empty())
    Out += " include " + identList(I.Include);
  if (!I.Options.empty()) {
    Out += " with (";
    for (size_t N = 0; N < I.Options.size(); ++N)
      Out += (N ? ", " : "") + ident(I.Options[N].first) + " = " +
             optionValue(I.Options[N].second);
    Out += ")";
  }
  if (I.NullsNotDistinct)
    Out += " nulls not distinct";
  if (I.Where)
    Out += " where " + parenthesised(*I.Where, Schema);
  return Out;
}

void Writer::table(const TablePlan &P, llvm::StringRef Indent) {
  const ir::Table &T = *P.T;
  std::string Inner = Indent.str() + "  ";
  renamedFrom(T.RenamedFrom, Indent);
  OS << Indent << "table " << ident(T.Name.Name) << " {";

  std::vector<std::string> Items;
  for (ir::Constraint::Kind K :
       {ir::Constraint::Kind::PrimaryKey, ir::Constraint::Kind::Unique,
        ir::Constraint::Kind::ForeignKey, ir::Constraint::Kind::Check})
    for (size_t I = 0; I < T.Constraints.size(); ++I) {
      const ir::Constraint &C = T.Constraints[I];
      if (C.K != K || P.OnColumn[I] >= 0)
        continue;
      if (C.Deferrable && C.K != ir::Constraint::Kind::ForeignKey)
        Items.push_back("// deferrable in the IR; the language has no "
                        "deferrable keys");
      Items.push_back(tableItem(P, I) + ";");
    }
  for (size_t I = 0; I < T.Indexes.size(); ++I)
    Items.push_back(index(P, I) + ";");
  if (!T.Comment.empty())
    Items.push_back("comment " + text(T.Comment) + ";");

  if (T.Columns.empty() && Items.empty()) {
    OS << "}\n";
    return;
  }
  OS << "\n";

  // Types line up after the names, as in hand-written schemas; a name far
  // longer than the others does not push them all out.
  size_t Width = 0;
  std::vector<std::string> Names;
  for (const ir::Column &C : T.Columns) {
    Names.push_back(columnName(C.Name));
    if (Names.back().size() <= 32)
      Width = std::max(Width, Names.back().size());
  }
  for (size_t I = 0; I < T.Columns.size(); ++I) {
    const ir::Column &C = T.Columns[I];
    renamedFrom(C.RenamedFrom, Inner);
    if (!C.SerialSequence.empty() && !isSerialType(C.Ty))
      OS << Inner << "// serial in the IR (sequence " << C.SerialSequence
         << "); only smallint, integer and bigint can be written as serial\n";
    else if (!P.SerialNameKept[I])
      OS << Inner << "// the sequence is " << C.SerialSequence
         << " in the IR; serial names it itself\n";
    std::string Name = Names[I];
    if (Name.size() < Width)
      Name.append(Width - Name.size(), ' ');
    OS << Inner << Name << " " << column(P, I) << ";\n";
  }
  if (!T.Columns.empty() && !Items.empty())
    OS << "\n";
  for (const std::string &Item : Items)
    OS << Inner << Item << "\n";
  OS << Indent << "}\n";
}

} // namespace

void schemac::emitSchemaSource(const ir::Schema &S, llvm::raw_ostream &OS) {
  Writer(S, OS).run();
}

llvm::Error SchemaSourceEmitter::emit(const ir::Schema &Schema,
                                      OutputContext &Out) {
  emitSchemaSource(Schema, Out.stream());
  return llvm::Error::success();
}
