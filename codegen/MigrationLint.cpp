//===- MigrationLint.cpp - The change checks on migration SQL -------------===//

#include "codegen/MigrationLint.h"

#include "codegen/TypeChange.h"
#include "sema/BuiltinTypes.h"
#include "sema/SQLQuote.h"

#include "llvm/ADT/StringExtras.h"

#include <map>
#include <optional>
#include <set>

using namespace schemac;

namespace {

/// A token of SQL as schemac writes it.
struct Token {
  enum Kind { Word, Quoted, String, Punct, End } K = End;
  /// A word as written; a quoted name or string with its quotes undone.
  std::string Text;

  bool is(llvm::StringRef Keyword) const {
    return K == Word && llvm::StringRef(Text).equals_insensitive(Keyword);
  }
  bool isPunct(char C) const { return K == Punct && Text[0] == C; }
};

std::vector<Token> tokenize(llvm::StringRef SQL) {
  std::vector<Token> Out;
  size_t I = 0;
  auto Quoted = [&](char Quote) {
    std::string Text;
    for (++I; I < SQL.size(); ++I) {
      if (SQL[I] == Quote) {
        if (I + 1 < SQL.size() && SQL[I + 1] == Quote) {
          Text += Quote;
          ++I;
          continue;
        }
        ++I;
        break;
      }
      Text += SQL[I];
    }
    return Text;
  };
  while (I < SQL.size()) {
    char C = SQL[I];
    if (llvm::isSpace(C)) {
      ++I;
    } else if (SQL.substr(I).startswith("--")) {
      I = SQL.find('\n', I);
      if (I == llvm::StringRef::npos)
        I = SQL.size();
    } else if (C == '"') {
      Out.push_back({Token::Quoted, Quoted('"')});
    } else if (C == '\'') {
      Out.push_back({Token::String, Quoted('\'')});
    } else if (llvm::isAlnum(C) || C == '_') {
      size_t Start = I;
      while (I < SQL.size() &&
             (llvm::isAlnum(SQL[I]) || SQL[I] == '_' || SQL[I] == '$'))
        ++I;
      Out.push_back({Token::Word, SQL.slice(Start, I).str()});
    } else {
      Out.push_back({Token::Punct, std::string(1, C)});
      ++I;
    }
  }
  return Out;
}

/// Reads tokens the way the statements are shaped.
class Reader {
public:
  explicit Reader(std::vector<Token> Tokens) : Tokens(std::move(Tokens)) {}

  const Token &peek(size_t Ahead = 0) const {
    static const Token End;
    return Pos + Ahead < Tokens.size() ? Tokens[Pos + Ahead] : End;
  }
  bool accept(llvm::StringRef Keyword) {
    if (!peek().is(Keyword))
      return false;
    ++Pos;
    return true;
  }
  bool acceptAll(std::initializer_list<llvm::StringRef> Keywords) {
    size_t Saved = Pos;
    for (llvm::StringRef K : Keywords)
      if (!accept(K)) {
        Pos = Saved;
        return false;
      }
    return true;
  }
  /// A name: a word (folded to lower case, as PostgreSQL does) or a quoted
  /// name (as written).
  std::optional<std::string> name() {
    const Token &T = peek();
    if (T.K == Token::Quoted) {
      ++Pos;
      return T.Text;
    }
    if (T.K == Token::Word) {
      ++Pos;
      return llvm::StringRef(T.Text).lower();
    }
    return std::nullopt;
  }
  /// `schema.name` (schemac always qualifies).
  std::optional<ir::QualifiedName> qualifiedName() {
    auto First = name();
    if (!First)
      return std::nullopt;
    if (!peek().isPunct('.'))
      return ir::QualifiedName{"public", *First};
    ++Pos;
    auto Second = name();
    if (!Second)
      return std::nullopt;
    return ir::QualifiedName{*First, *Second};
  }
  /// Whether Keyword appears anywhere after the current position.
  bool containsAhead(llvm::StringRef Keyword) const {
    for (size_t I = Pos; I < Tokens.size(); ++I)
      if (Tokens[I].is(Keyword))
        return true;
    return false;
  }
  /// The text of the tokens up to the first of the Stops (or the end),
  /// joined as format_type() writes a type.
  std::string typeText(std::initializer_list<llvm::StringRef> Stops) {
    std::string Out;
    while (
        peek().K != Token::End && !peek().isPunct(';') &&
        llvm::none_of(Stops, [&](llvm::StringRef S) { return peek().is(S); })) {
      const Token &T = Tokens[Pos++];
      bool Glue = T.K == Token::Punct || Out.empty() || Out.back() == '(' ||
                  Out.back() == '.' || Out.back() == ',';
      if (!Glue)
        Out += ' ';
      Out += T.K == Token::Quoted ? sql::quoteIdentifier(T.Text) : T.Text;
    }
    return Out;
  }

private:
  std::vector<Token> Tokens;
  size_t Pos = 0;
};

/// A type as format_type() prints it (`character varying(200)`,
/// `timestamp(3) with time zone`, `public.status[]`), in the IR's terms;
/// none when it is not a type schemac knows.
std::optional<ir::Type> parseFormattedType(llvm::StringRef Text) {
  ir::Type T;
  while (Text.consume_back("[]"))
    ++T.ArrayDims;
  std::string Name;
  // Modifiers may sit inside the name (`timestamp(3) with time zone`).
  size_t Open = Text.find('(');
  if (Open != llvm::StringRef::npos) {
    size_t Close = Text.find(')', Open);
    if (Close == llvm::StringRef::npos)
      return std::nullopt;
    llvm::SmallVector<llvm::StringRef, 2> Parts;
    Text.slice(Open + 1, Close).split(Parts, ',');
    for (llvm::StringRef P : Parts) {
      int64_t V;
      if (P.trim().getAsInteger(10, V))
        return std::nullopt;
      T.Modifiers.push_back(V);
    }
    Name = (Text.take_front(Open).rtrim() + " " +
            Text.drop_front(Close + 1).ltrim())
               .str();
  } else {
    Name = Text.str();
  }
  llvm::StringRef Trimmed = llvm::StringRef(Name).trim();
  if (const TypeInfo *Info = lookupBuiltinType(Trimmed)) {
    T.Name = Info->Canonical.str();
    T.K = Info->Extension.empty() ? ir::Type::Kind::Builtin
                                  : ir::Type::Kind::Extension;
    return T;
  }
  auto [Schema, Object] = Trimmed.split('.');
  if (Object.empty())
    return std::nullopt;
  T.K = ir::Type::Kind::Enum;
  T.Schema = Schema.trim('"').str();
  T.Name = Object.trim('"').str();
  return T;
}

class MigrationLinter {
public:
  MigrationLinter(const ir::Schema &Before, DiagnosticEngine &Diags)
      : Before(Before), Diags(Diags) {
    for (const ir::Table &T : Before.Tables) {
      Existing.insert(T.Name);
      OriginalName[T.Name] = T.Name;
    }
  }

  void lint(const MigrationFile &File);
  /// What the files so far created is now deployed, and has rows.
  void deployed() {
    Existing.insert(Created.begin(), Created.end());
    Created.clear();
    Added.clear();
  }

private:
  void lintStatement(const MigrationFile &File, llvm::StringRef SQL);
  void alterTable(Reader &R, const ir::QualifiedName &Table);
  /// Whether the table existed before the files (under Name now).
  bool existed(const ir::QualifiedName &Name) const {
    return Existing.count(Name) != 0;
  }
  const ir::Column *columnBefore(const ir::QualifiedName &Table,
                                 const std::string &Column) const;

  const ir::Schema &Before;
  DiagnosticEngine &Diags;
  llvm::SMRange Here;
  /// Tables with rows: those of Before, under their current names.
  std::set<ir::QualifiedName> Existing;
  /// Current name -> name in Before.
  std::map<ir::QualifiedName, ir::QualifiedName> OriginalName;
  /// Tables the files created.
  std::set<ir::QualifiedName> Created;
  /// Columns the files added, per current table name.
  std::map<ir::QualifiedName, std::set<std::string>> Added;
  /// Enum types the files created, with their labels.
  std::map<ir::QualifiedName, std::vector<std::string>> CreatedEnums;
};

const ir::Column *
MigrationLinter::columnBefore(const ir::QualifiedName &Table,
                              const std::string &Column) const {
  auto It = OriginalName.find(Table);
  if (It == OriginalName.end())
    return nullptr;
  for (const ir::Table &T : Before.Tables)
    if (T.Name == It->second)
      return T.findColumn(Column);
  return nullptr;
}

void MigrationLinter::lint(const MigrationFile &File) {
  for (const MigrationStatement &S : File.statements())
    lintStatement(File, S.SQL);
}

void MigrationLinter::lintStatement(const MigrationFile &File,
                                    llvm::StringRef SQL) {
  size_t Offset = SQL.data() - File.Text.data();
  Here = llvm::SMRange(File.at(Offset),
                       File.at(Offset + SQL.split('\n').first.size()));
  Reader R(tokenize(SQL));
  if (R.acceptAll({"DROP", "TABLE"})) {
    R.acceptAll({"IF", "EXISTS"});
    if (auto Table = R.qualifiedName(); Table && existed(*Table)) {
      Diags.report(DiagID::err_lint_drop_table, Here, Table->str());
      Existing.erase(*Table);
    }
    return;
  }
  if (R.acceptAll({"ALTER", "TABLE"})) {
    R.acceptAll({"IF", "EXISTS"});
    R.accept("ONLY");
    if (auto Table = R.qualifiedName())
      alterTable(R, *Table);
    return;
  }
  if (R.accept("CREATE")) {
    R.accept("UNIQUE");
    if (R.accept("INDEX")) {
      bool Concurrently = R.accept("CONCURRENTLY");
      R.acceptAll({"IF", "NOT", "EXISTS"});
      auto Index = R.name();
      if (!Index || !R.accept("ON"))
        return;
      R.accept("ONLY");
      auto Table = R.qualifiedName();
      if (Table && existed(*Table) && !Concurrently)
        Diags.report(DiagID::warn_lint_index, Here, *Index, Table->str());
      return;
    }
    if (R.accept("TABLE")) {
      R.acceptAll({"IF", "NOT", "EXISTS"});
      if (auto Table = R.qualifiedName())
        Created.insert(*Table);
      return;
    }
    if (R.accept("TYPE")) {
      auto Type = R.qualifiedName();
      if (!Type || !R.acceptAll({"AS", "ENUM"}) || !R.peek().isPunct('('))
        return;
      std::vector<std::string> Labels;
      for (size_t I = 1; R.peek(I).K != Token::End; ++I)
        if (R.peek(I).K == Token::String)
          Labels.push_back(R.peek(I).Text);
      CreatedEnums[*Type] = Labels;
    }
    return;
  }
  // The enum swap ends with the new type taking the old one's name.
  if (R.acceptAll({"ALTER", "TYPE"})) {
    auto Type = R.qualifiedName();
    if (!Type || !R.acceptAll({"RENAME", "TO"}))
      return;
    auto NewName = R.name();
    auto Created = CreatedEnums.find(*Type);
    if (!NewName || Created == CreatedEnums.end())
      return;
    for (const ir::Enum &E : Before.Enums)
      if (E.Name == ir::QualifiedName{Type->Schema, *NewName})
        for (const std::string &Label : E.Labels)
          if (!llvm::is_contained(Created->second, Label))
            Diags.report(DiagID::err_lint_label_removed, Here, Label,
                         E.Name.str());
  }
}

void MigrationLinter::alterTable(Reader &R, const ir::QualifiedName &Table) {
  bool Old = existed(Table);
  std::string Name = Table.str();
  if (R.acceptAll({"RENAME", "TO"})) {
    auto NewName = R.name();
    if (!NewName)
      return;
    ir::QualifiedName Renamed{Table.Schema, *NewName};
    if (Old) {
      Diags.report(DiagID::warn_lint_rename_table, Here, Name, Renamed.str());
      Existing.erase(Table);
      Existing.insert(Renamed);
      OriginalName[Renamed] = OriginalName[Table];
    }
    return;
  }
  if (R.acceptAll({"RENAME", "COLUMN"})) {
    auto From = R.name();
    if (From && R.accept("TO"))
      if (auto To = R.name(); To && Old)
        Diags.report(DiagID::warn_lint_rename_column, Here, *From, Name, *To);
    return;
  }
  if (R.acceptAll({"DROP", "COLUMN"})) {
    R.acceptAll({"IF", "EXISTS"});
    if (auto Column = R.name(); Column && Old && !Added[Table].count(*Column))
      Diags.report(DiagID::err_lint_drop_column, Here, *Column, Name);
    return;
  }
  if (R.acceptAll({"ADD", "COLUMN"})) {
    auto Column = R.name();
    if (!Column)
      return;
    Added[Table].insert(*Column);
    bool NotNull = false;
    for (size_t I = 0; R.peek(I + 1).K != Token::End; ++I)
      NotNull |= R.peek(I).is("NOT") && R.peek(I + 1).is("NULL");
    bool HasValue = R.containsAhead("DEFAULT") ||
                    R.containsAhead("GENERATED") || R.containsAhead("IDENTITY");
    if (Old && NotNull && !HasValue)
      Diags.report(DiagID::warn_lint_add_not_null, Here, *Column, Name);
    return;
  }
  if (R.acceptAll({"ALTER", "COLUMN"})) {
    auto Column = R.name();
    if (!Column || !Old || Added[Table].count(*Column))
      return;
    if (R.acceptAll({"SET", "NOT", "NULL"})) {
      Diags.report(DiagID::warn_lint_set_not_null, Here, *Column, Name);
      return;
    }
    R.acceptAll({"SET", "DATA"});
    if (!R.accept("TYPE"))
      return;
    std::string To = R.typeText({"COLLATE", "USING"});
    const ir::Column *Was = columnBefore(Table, *Column);
    auto NewType = parseFormattedType(To);
    // Without the old type, a change of type may rewrite: say so.
    if (!Was || !NewType) {
      Diags.report(DiagID::warn_lint_rewrite_unknown, Here, *Column, To, Name);
      return;
    }
    TypeChange Change = classifyTypeChange(Was->Ty, *NewType);
    std::string From = sql::formatType(Was->Ty);
    if (Change.isDestructive())
      Diags.report(DiagID::err_lint_narrowing, Here, *Column, From, To);
    else if (Change.K == TypeChange::Kind::Cast)
      Diags.report(DiagID::warn_lint_rewrite, Here, *Column, From, To, Name);
    return;
  }
  if (R.accept("ADD")) {
    std::optional<std::string> Constraint;
    if (R.accept("CONSTRAINT"))
      Constraint = R.name();
    if (!R.acceptAll({"FOREIGN", "KEY"}) || !Old || !R.peek().isPunct('('))
      return;
    // The column list, after its '('.
    std::vector<std::string> Columns;
    for (size_t I = 1; R.peek(I).K != Token::End && !R.peek(I).isPunct(')');
         ++I)
      if (R.peek(I).K == Token::Word || R.peek(I).K == Token::Quoted)
        Columns.push_back(R.peek(I).K == Token::Word
                              ? llvm::StringRef(R.peek(I).Text).lower()
                              : R.peek(I).Text);
    bool OnAddedColumns = llvm::all_of(Columns, [&](const std::string &C) {
      return Added[Table].count(C) != 0;
    });
    if (OnAddedColumns || R.containsAhead("VALID"))
      return;
    Diags.report(DiagID::warn_lint_fk, Here, Constraint.value_or("?"), Name);
  }
}

} // namespace

void schemac::lintMigrationFiles(const ir::Schema &Before,
                                 llvm::ArrayRef<const MigrationFile *> Files,
                                 Deployment How, DiagnosticEngine &Diags) {
  MigrationLinter Linter(Before, Diags);
  for (const MigrationFile *F : Files) {
    Linter.lint(*F);
    if (How == Deployment::OneByOne)
      Linter.deployed();
  }
}
