//===- MigrationDirectory.cpp - A directory of migrations -----------------===//

#include "codegen/MigrationDirectory.h"

#include "codegen/MigrationWriter.h"
#include "codegen/SchemaSourceEmitter.h"
#include "frontend/Parser.h"
#include "sema/ExprEquivalence.h"
#include "sema/Sema.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <cstring>
#include <set>

using namespace schemac;
namespace fs = llvm::sys::fs;

//===----------------------------------------------------------------------===//
// Schema hashes
//===----------------------------------------------------------------------===//

std::string schemac::sha256Text(llvm::StringRef Bytes) {
  return "sha256:" +
         llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Bytes)),
                     /*LowerCase=*/true);
}

static ir::Expr canonical(const ir::Expr &E, const ir::Table *Context,
                          const ir::Type *ValueType = nullptr) {
  return canonicalForComparison(E, Context, ValueType);
}

/// S in the form canonicalSchemaText documents.
static ir::Schema hashForm(const ir::Schema &S) {
  ir::Schema Out = S;
  Out.SearchPath = {"public"};
  Out.Exclude.clear();
  for (ir::Enum &E : Out.Enums)
    E.RenamedFrom.clear();
  for (size_t I = 0; I < Out.Tables.size(); ++I) {
    // Canonical forms read the columns' types: from the table as it was.
    const ir::Table &Original = S.Tables[I];
    ir::Table &T = Out.Tables[I];
    T.RenamedFrom.clear();
    for (ir::Column &C : T.Columns) {
      C.RenamedFrom.clear();
      if (C.Default)
        C.Default = std::make_shared<const ir::Expr>(
            canonical(*C.Default, nullptr, &C.Ty));
      if (C.Generated)
        C.Generated = std::make_shared<const ir::Expr>(
            canonical(*C.Generated, &Original));
    }
    for (ir::Constraint &K : T.Constraints)
      if (K.Check)
        K.Check = canonical(*K.Check, &Original);
    for (ir::Index &X : T.Indexes) {
      for (ir::IndexElement &E : X.Elements)
        if (E.Expression)
          E.Expression = canonical(*E.Expression, &Original);
      if (X.Where)
        X.Where = canonical(*X.Where, &Original);
    }
    auto ByName = [](const auto &A, const auto &B) { return A.Name < B.Name; };
    llvm::stable_sort(T.Columns, ByName);
    llvm::stable_sort(T.Constraints, ByName);
    llvm::stable_sort(T.Indexes, ByName);
  }
  auto ByName = [](const auto &A, const auto &B) { return A.Name < B.Name; };
  llvm::stable_sort(Out.Tables, ByName);
  llvm::stable_sort(Out.Enums, ByName);
  return Out;
}

std::string schemac::canonicalSchemaText(const ir::Schema &S) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  emitSchemaSource(hashForm(S), OS);
  return OS.str();
}

std::string schemac::schemaHash(const ir::Schema &S) {
  return sha256Text(canonicalSchemaText(S));
}

ir::Schema schemac::emptySchema() {
  ir::Schema S;
  S.Namespaces = {"public"};
  S.SearchPath = {"public"};
  return S;
}

std::string schemac::emptySchemaHash() { return sha256Text(""); }

std::string schemac::snapshotSource(const ir::Schema &S) {
  ir::Schema Copy = S;
  for (ir::Enum &E : Copy.Enums)
    E.RenamedFrom.clear();
  for (ir::Table &T : Copy.Tables) {
    T.RenamedFrom.clear();
    for (ir::Column &C : T.Columns)
      C.RenamedFrom.clear();
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  emitSchemaSource(Copy, OS);
  return OS.str();
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

static constexpr llvm::StringLiteral NoTransactionMarker =
    "-- schemac:no-transaction";

std::vector<MigrationStatement>
schemac::splitMigrationSQL(llvm::StringRef SQL) {
  std::vector<MigrationStatement> Out;
  size_t Start = llvm::StringRef::npos; // of the statement being read
  bool Marked = false;                  // in a marked paragraph
  bool StartMarked = false;
  size_t I = 0, N = SQL.size();
  auto Begin = [&] {
    if (Start == llvm::StringRef::npos) {
      Start = I;
      StartMarked = Marked;
    }
  };
  auto End = [&](size_t Stop) {
    Out.push_back({SQL.slice(Start, Stop), StartMarked});
    Start = llvm::StringRef::npos;
  };
  while (I < N) {
    char C = SQL[I];
    if (C == '\n') {
      // An empty line outside a statement ends a marked paragraph.
      size_t J = I + 1;
      while (J < N && (SQL[J] == ' ' || SQL[J] == '\t' || SQL[J] == '\r'))
        ++J;
      if (Start == llvm::StringRef::npos && (J == N || SQL[J] == '\n'))
        Marked = false;
      ++I;
      continue;
    }
    if (llvm::isSpace(C)) {
      ++I;
      continue;
    }
    if (SQL.substr(I).startswith("--")) {
      size_t Eol = SQL.find('\n', I);
      if (Eol == llvm::StringRef::npos)
        Eol = N;
      if (Start == llvm::StringRef::npos &&
          SQL.slice(I, Eol).rtrim() == NoTransactionMarker)
        Marked = true;
      I = Eol;
      continue;
    }
    if (SQL.substr(I).startswith("/*")) {
      // PostgreSQL's block comments nest.
      unsigned Depth = 0;
      do {
        if (SQL.substr(I).startswith("/*")) {
          ++Depth;
          I += 2;
        } else if (SQL.substr(I).startswith("*/")) {
          --Depth;
          I += 2;
        } else {
          ++I;
        }
      } while (Depth && I < N);
      continue;
    }
    Begin();
    if (C == ';') {
      End(I + 1);
      ++I;
      continue;
    }
    if (C == '\'' || C == '"') {
      // E'...' strings escape with a backslash as well.
      bool Backslash =
          C == '\'' && I > 0 && (SQL[I - 1] == 'E' || SQL[I - 1] == 'e');
      for (++I; I < N; ++I) {
        if (Backslash && SQL[I] == '\\') {
          ++I;
          continue;
        }
        if (SQL[I] == C) {
          if (I + 1 < N && SQL[I + 1] == C) {
            ++I; // a doubled quote
            continue;
          }
          break;
        }
      }
      ++I;
      continue;
    }
    if (C == '$') {
      // $tag$ ... $tag$, with an empty or identifier-like tag.
      size_t J = I + 1;
      while (J < N && (llvm::isAlnum(SQL[J]) || SQL[J] == '_'))
        ++J;
      if (J < N && SQL[J] == '$' && !(J > I + 1 && llvm::isDigit(SQL[I + 1]))) {
        llvm::StringRef Tag = SQL.slice(I, J + 1);
        size_t Close = SQL.find(Tag, J + 1);
        I = Close == llvm::StringRef::npos ? N : Close + Tag.size();
        continue;
      }
    }
    ++I;
  }
  if (Start != llvm::StringRef::npos)
    End(SQL.rtrim().size());
  return Out;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

std::vector<MigrationStatement> MigrationFile::statements() const {
  std::vector<MigrationStatement> Out =
      splitMigrationSQL(Text.substr(BodyOffset));
  return Out;
}

llvm::SMLoc MigrationFile::versionLoc() const {
  return Header ? Header->VersionRange.Start : start();
}

std::string Migration::schemaHash() const {
  return Up && Up->Header ? Up->Header->SchemaHash : std::string();
}

llvm::SMLoc Migration::loc() const {
  return Up ? Up->versionLoc() : Down->versionLoc();
}

/// A version as file names and headers write it: at least four digits.
static std::optional<uint64_t> parseVersion(llvm::StringRef Text) {
  uint64_t Number;
  if (Text.size() < 4 || Text.size() > 18 ||
      !llvm::all_of(Text, llvm::isDigit) || Text.getAsInteger(10, Number))
    return std::nullopt;
  return Number;
}

static bool isMigrationName(llvm::StringRef Name) {
  return !Name.empty() && llvm::all_of(Name, [](char C) {
    return llvm::isDigit(C) || (C >= 'a' && C <= 'z') || C == '_';
  });
}

/// `NNNN_name.up.sql`, `NNNN_name.down.sql`.
static bool parseFileName(llvm::StringRef FileName, MigrationFile &F) {
  llvm::StringRef Stem = FileName;
  if (Stem.consume_back(".up.sql"))
    F.Direction = MigrationDirection::Up;
  else if (Stem.consume_back(".down.sql"))
    F.Direction = MigrationDirection::Down;
  else
    return false;
  auto [Version, Name] = Stem.split('_');
  auto Number = parseVersion(Version);
  if (!Number || !isMigrationName(Name))
    return false;
  F.Version = Version.str();
  F.Number = *Number;
  F.Name = Name.str();
  return true;
}

namespace {
/// Reads the header lines, reporting the first thing that is not as
/// expected where it is.
class HeaderParser {
public:
  HeaderParser(const DirectoryFile &F, DiagnosticEngine &Diags)
      : Text(F.Text), F(F), Diags(Diags) {}

  std::optional<MigrationHeader> parse(size_t &BodyOffset);

private:
  bool literal(llvm::StringRef Expected, llvm::StringRef What) {
    if (Text.substr(Pos).startswith(Expected)) {
      Pos += Expected.size();
      return true;
    }
    return fail(What);
  }
  /// The characters from Pos that satisfy Pred.
  template <typename Pred> llvm::SMRange token(Pred P, std::string &Out) {
    size_t Start = Pos;
    while (Pos < Text.size() && P(Text[Pos]))
      ++Pos;
    Out = Text.slice(Start, Pos).str();
    return {F.at(Start), F.at(Pos)};
  }
  bool version(std::string &Out, llvm::SMRange &Range) {
    size_t Start = Pos;
    Range = token(llvm::isDigit, Out);
    if (parseVersion(Out))
      return true;
    Pos = Start;
    return fail("a version of at least four digits");
  }
  bool endOfLine() {
    while (Pos < Text.size() && (Text[Pos] == ' ' || Text[Pos] == '\r'))
      ++Pos;
    if (Pos < Text.size() && Text[Pos] != '\n')
      return fail("the end of the line");
    if (Pos < Text.size())
      ++Pos;
    return true;
  }
  bool fail(llvm::StringRef What) {
    size_t End = std::min(Text.find_first_of("\r\n", Pos), Text.size());
    Diags.report(DiagID::err_migration_header,
                 llvm::SMRange(F.at(Pos), F.at(std::max(End, Pos))), What);
    return false;
  }

  llvm::StringRef Text;
  const DirectoryFile &F;
  DiagnosticEngine &Diags;
  size_t Pos = 0;
};
} // namespace

std::optional<MigrationHeader> HeaderParser::parse(size_t &BodyOffset) {
  MigrationHeader H;
  if (!literal("-- schemac migration ",
               "'-- schemac migration VERSION NAME (up)' or '(down)' on the "
               "first line") ||
      !version(H.Version, H.VersionRange) ||
      !literal(" ", "a space and the migration's name"))
    return std::nullopt;
  size_t NameStart = Pos;
  H.NameRange = token(
      [](char C) {
        return llvm::isDigit(C) || (C >= 'a' && C <= 'z') || C == '_';
      },
      H.Name);
  if (H.Name.empty()) {
    Pos = NameStart;
    fail("a migration name of a-z, 0-9 and '_'");
    return std::nullopt;
  }
  size_t DirStart = Pos;
  if (Text.substr(Pos).startswith(" (up)")) {
    H.Direction = MigrationDirection::Up;
    Pos += 5;
  } else if (Text.substr(Pos).startswith(" (down)")) {
    H.Direction = MigrationDirection::Down;
    Pos += 7;
  } else {
    fail("' (up)' or ' (down)' after the name");
    return std::nullopt;
  }
  H.DirectionRange = {F.at(DirStart + 1), F.at(Pos)};
  if (!endOfLine())
    return std::nullopt;

  if (!literal("-- parent: ",
               "'-- parent: VERSION' or '-- parent: none' on the second line"))
    return std::nullopt;
  if (Text.substr(Pos).startswith("none")) {
    H.ParentRange = {F.at(Pos), F.at(Pos + 4)};
    Pos += 4;
  } else {
    std::string Parent;
    if (!version(Parent, H.ParentRange))
      return std::nullopt;
    H.Parent = Parent;
  }
  if (!endOfLine())
    return std::nullopt;

  if (!literal("-- schema: sha256:", "'-- schema: sha256:' and 64 hexadecimal "
                                     "digits on the third line"))
    return std::nullopt;
  size_t HashStart = Pos - strlen("sha256:");
  std::string Hex;
  token([](char C) { return llvm::isDigit(C) || (C >= 'a' && C <= 'f'); }, Hex);
  if (Hex.size() != 64) {
    Pos = HashStart + strlen("sha256:");
    fail("64 lowercase hexadecimal digits after 'sha256:'");
    return std::nullopt;
  }
  H.SchemaHash = "sha256:" + Hex;
  H.SchemaHashRange = {F.at(HashStart), F.at(Pos)};
  if (!endOfLine())
    return std::nullopt;
  BodyOffset = Pos;
  return H;
}

bool MigrationDirectory::looksLikeMigrationDirectory(llvm::StringRef Path) {
  if (!fs::is_directory(Path))
    return false;
  llvm::SmallString<256> File(Path);
  for (llvm::StringRef Name : {SumFileName, SnapshotFileName}) {
    File = Path;
    llvm::sys::path::append(File, Name);
    if (fs::exists(File))
      return true;
  }
  std::error_code EC;
  for (fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(llvm::sys::path::filename(It->path()))
            .endswith(".up.sql"))
      return true;
  return false;
}

bool MigrationDirectory::readFile(llvm::StringRef FileName,
                                  DiagnosticEngine &Diags,
                                  std::optional<DirectoryFile> &Out) {
  llvm::SmallString<256> FilePath(Path);
  llvm::sys::path::append(FilePath, FileName);
  auto Buffer = llvm::MemoryBuffer::getFile(FilePath, /*IsText=*/false);
  if (!Buffer) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), FilePath,
                 Buffer.getError().message());
    return false;
  }
  DirectoryFile F;
  F.FileName = FileName.str();
  F.Checksum = sha256Text((*Buffer)->getBuffer());
  F.BufferID = SM->AddNewSourceBuffer(std::move(*Buffer), llvm::SMLoc());
  F.Text = SM->getMemoryBuffer(F.BufferID)->getBuffer();
  Out = std::move(F);
  return true;
}

void MigrationDirectory::readSum(const DirectoryFile &File,
                                 DiagnosticEngine &Diags) {
  std::map<std::string, llvm::SMRange> First;
  llvm::StringRef Text = File.Text;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t Eol = Text.find('\n', Pos);
    if (Eol == llvm::StringRef::npos)
      Eol = Text.size();
    llvm::StringRef Line = Text.slice(Pos, Eol).rtrim("\r");
    size_t LineStart = Pos;
    Pos = Eol + 1;
    if (Line.trim().empty())
      continue;
    llvm::StringRef Hex = Line;
    llvm::StringRef Name;
    bool Ok = Hex.consume_front("sha256:");
    if (Ok) {
      std::tie(Hex, Name) = Hex.split("  ");
      Ok = Hex.size() == 64 && llvm::all_of(Hex, [](char C) {
             return llvm::isDigit(C) || (C >= 'a' && C <= 'f');
           });
      Ok &= !Name.empty() && !Name.contains('/');
    }
    if (!Ok) {
      Diags.report(
          DiagID::err_sum_line,
          llvm::SMRange(File.at(LineStart), File.at(LineStart + Line.size())));
      continue;
    }
    SumEntry E;
    E.Checksum = "sha256:" + Hex.str();
    E.ChecksumRange = {File.at(LineStart),
                       File.at(LineStart + strlen("sha256:") + 64)};
    size_t NameStart = Name.data() - Text.data();
    E.FileName = Name.str();
    E.FileNameRange = {File.at(NameStart), File.at(NameStart + Name.size())};
    auto [It, New] = First.try_emplace(E.FileName, E.FileNameRange);
    if (!New) {
      Diags.report(DiagID::err_sum_duplicate, E.FileNameRange, E.FileName)
          .note(DiagID::note_previous_declaration, It->second);
      continue;
    }
    Sum.push_back(std::move(E));
  }
}

std::unique_ptr<MigrationDirectory>
MigrationDirectory::read(llvm::StringRef Path, llvm::SourceMgr &SM,
                         DiagnosticEngine &Diags, bool MayBeAbsent) {
  std::unique_ptr<MigrationDirectory> Dir(new MigrationDirectory);
  Dir->Path = Path.str();
  Dir->SM = &SM;
  unsigned ErrorsBefore = Diags.getErrorCount();

  fs::file_status Status;
  if (std::error_code EC = fs::status(Path, Status)) {
    if (MayBeAbsent && EC == std::errc::no_such_file_or_directory)
      return Dir;
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path, EC.message());
    return nullptr;
  }
  if (!fs::is_directory(Status)) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path,
                 "not a directory");
    return nullptr;
  }
  Dir->Exists = true;

  std::vector<std::string> Names;
  std::error_code EC;
  for (fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    // Hidden files are not schemac's (and addMigration's temporary files
    // are hidden).
    if (Name.startswith(".") || fs::is_directory(It->path()))
      continue;
    if (Name.endswith(".sql") || Name == SumFileName ||
        Name == SnapshotFileName)
      Names.push_back(Name.str());
  }
  if (EC) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path, EC.message());
    return nullptr;
  }
  llvm::sort(Names);

  for (const std::string &Name : Names) {
    std::optional<DirectoryFile> F;
    if (!Dir->readFile(Name, Diags, F))
      return nullptr;
    if (Name == SumFileName) {
      Dir->SumFile = std::move(F);
      Dir->readSum(*Dir->SumFile, Diags);
      continue;
    }
    if (Name == SnapshotFileName) {
      Dir->Snapshot = std::move(F);
      continue;
    }
    MigrationFile M;
    static_cast<DirectoryFile &>(M) = std::move(*F);
    if (!parseFileName(Name, M)) {
      Diags.report(DiagID::err_migration_file_name, M.start(), Name);
      Dir->OtherSQL.push_back(std::move(M));
      continue;
    }
    M.Header = HeaderParser(M, Diags).parse(M.BodyOffset);
    Dir->Files.push_back(std::move(M));
  }
  Dir->ReadProblems = Diags.getErrorCount() - ErrorsBefore;
  Dir->groupMigrations();
  return Dir;
}

void MigrationDirectory::groupMigrations() {
  std::map<std::pair<uint64_t, std::pair<std::string, std::string>>, Migration>
      Groups;
  for (const MigrationFile &F : Files) {
    Migration &M = Groups[{F.Number, {F.Version, F.Name}}];
    M.Version = F.Version;
    M.Number = F.Number;
    M.Name = F.Name;
    (F.Direction == MigrationDirection::Up ? M.Up : M.Down) = &F;
  }
  for (auto &[Key, M] : Groups) {
    for (const MigrationFile *F : {M.Up, M.Down})
      if (F && F->Header && !M.ParentKnown) {
        M.ParentKnown = true;
        M.Parent = F->Header->Parent;
      }
    Migrations.push_back(std::move(M));
  }
}

bool MigrationDirectory::empty() const {
  return Files.empty() && OtherSQL.empty() && !SumFile && !Snapshot;
}

//===----------------------------------------------------------------------===//
// Verifying
//===----------------------------------------------------------------------===//

std::vector<const Migration *>
MigrationDirectory::withVersion(llvm::StringRef Version) const {
  std::vector<const Migration *> Out;
  for (const Migration &M : Migrations)
    if (M.Version == Version)
      Out.push_back(&M);
  return Out;
}

static const char *directionName(MigrationDirection D) {
  return D == MigrationDirection::Up ? "up" : "down";
}

void MigrationDirectory::verifyNames(DiagnosticEngine &Diags) {
  for (const MigrationFile &F : Files) {
    if (!F.Header)
      continue;
    const MigrationHeader &H = *F.Header;
    if (H.Version != F.Version)
      Diags.report(DiagID::err_migration_version_mismatch, H.VersionRange,
                   F.FileName, F.Version, H.Version);
    std::string Named =
        fmt::format("{} ({})", F.Name, directionName(F.Direction));
    std::string Declared =
        fmt::format("{} ({})", H.Name, directionName(H.Direction));
    if (Named != Declared)
      Diags.report(DiagID::err_migration_name_mismatch,
                   llvm::SMRange(H.NameRange.Start, H.DirectionRange.End),
                   F.FileName, Named, Declared);
  }
  for (const Migration &M : Migrations) {
    if (!M.Up || !M.Down) {
      const MigrationFile &Has = M.Up ? *M.Up : *M.Down;
      const char *Missing = M.Up ? "down" : "up";
      Diags.report(DiagID::err_migration_missing_pair, Has.start(),
                   Has.FileName, Missing,
                   fmt::format("{}.{}.sql", M.label(), Missing));
    }
    if (M.Up && M.Down && M.Up->Header && M.Down->Header &&
        M.Up->Header->Parent != M.Down->Header->Parent)
      Diags
          .report(DiagID::err_migration_parent_mismatch,
                  M.Down->Header->ParentRange, M.label(),
                  M.Down->Header->Parent.value_or("none"),
                  M.Up->Header->Parent.value_or("none"))
          .note(DiagID::note_up_parent, M.Up->Header->ParentRange,
                M.Up->Header->Parent.value_or("none"));
  }
  // Migrations are sorted by number: a repeated number follows its first.
  for (size_t I = 1; I < Migrations.size(); ++I) {
    const Migration &First =
        *llvm::find_if(Migrations, [&](const Migration &M) {
          return M.Number == Migrations[I].Number;
        });
    if (&First == &Migrations[I])
      continue;
    DuplicateVersion = true;
    Diags
        .report(DiagID::err_migration_duplicate_version, Migrations[I].loc(),
                Migrations[I].Version, First.label(), Migrations[I].label())
        .note(DiagID::note_previous_declaration,
              llvm::SMRange(First.loc(), First.loc()));
  }
}

void MigrationDirectory::verifyChain(DiagnosticEngine &Diags) {
  std::set<std::string> Parents;
  bool MissingParent = false;
  for (const Migration &M : Migrations) {
    if (!M.ParentKnown || !M.Parent)
      continue;
    Parents.insert(*M.Parent);
    if (withVersion(*M.Parent).empty()) {
      const MigrationFile &F = M.Up && M.Up->Header ? *M.Up : *M.Down;
      Diags.report(DiagID::err_migration_missing_parent, F.Header->ParentRange,
                   *M.Parent, M.label());
      MissingParent = ChainBroken = true;
    }
  }

  // A missing parent splits the chain in two, a version declared twice
  // forks it: those are the problems to report, not the second head they
  // make. Nor is a head certain where a parent could not be read.
  bool HeadsKnown = !MissingParent && !DuplicateVersion &&
                    llvm::all_of(Migrations, [](const Migration &M) {
                      return M.ParentKnown;
                    });
  if (!HeadsKnown)
    ChainBroken = true;
  std::vector<const Migration *> Heads;
  for (const Migration &M : Migrations)
    if (!Parents.count(M.Version))
      Heads.push_back(&M);
  for (size_t I = 1; I < Heads.size() && HeadsKnown; ++I) {
    ChainBroken = true;
    Diags
        .report(DiagID::err_migration_two_heads, Heads[I]->loc(),
                Heads[0]->label(), Heads[I]->label())
        .note(DiagID::note_migration_here,
              llvm::SMRange(Heads[0]->loc(), Heads[0]->loc()),
              Heads[0]->label());
  }

  // A migration whose parents never reach the first one (or a missing or
  // unreadable parent, reported already) is in a cycle.
  std::set<const Migration *> Reported;
  for (const Migration &M : Migrations) {
    std::vector<const Migration *> Path;
    const Migration *At = &M;
    while (At && !Reported.count(At)) {
      auto Seen = llvm::find(Path, At);
      if (Seen != Path.end()) {
        std::vector<const Migration *> Cycle(Seen, Path.end());
        // Named from its lowest version, whichever member was met first.
        auto Lowest =
            std::min_element(Cycle.begin(), Cycle.end(),
                             [](const Migration *A, const Migration *B) {
                               return A->Number < B->Number;
                             });
        std::rotate(Cycle.begin(), Lowest, Cycle.end());
        std::string Shown;
        for (const Migration *C : Cycle)
          Shown += C->label() + " -> ";
        Shown += Cycle.front()->label();
        Diags.report(DiagID::err_migration_cycle, Cycle.front()->loc(), Shown);
        ChainBroken = true;
        Reported.insert(Cycle.begin(), Cycle.end());
        break;
      }
      Path.push_back(At);
      if (!At->ParentKnown || !At->Parent)
        break;
      std::vector<const Migration *> Next = withVersion(*At->Parent);
      At = Next.empty() ? nullptr : Next.front();
    }
  }

  // The down file leads back to the schema its parent's up file made.
  for (const Migration &M : Migrations) {
    if (!M.Down || !M.Down->Header || !M.ParentKnown)
      continue;
    const MigrationHeader &H = *M.Down->Header;
    if (!M.Parent) {
      if (H.SchemaHash != emptySchemaHash())
        Diags.report(DiagID::err_migration_down_hash, H.SchemaHashRange,
                     M.label(), H.SchemaHash, "the empty schema",
                     emptySchemaHash());
      continue;
    }
    std::vector<const Migration *> Parent = withVersion(*M.Parent);
    if (Parent.size() != 1 || Parent[0]->schemaHash().empty())
      continue;
    if (H.SchemaHash != Parent[0]->schemaHash())
      Diags
          .report(
              DiagID::err_migration_down_hash, H.SchemaHashRange, M.label(),
              H.SchemaHash,
              fmt::format("the schema of its parent '{}'", Parent[0]->label()),
              Parent[0]->schemaHash())
          .note(DiagID::note_migration_schema,
                Parent[0]->Up->Header->SchemaHashRange, Parent[0]->label());
  }
}

void MigrationDirectory::verifySum(DiagnosticEngine &Diags) {
  std::vector<const DirectoryFile *> Covered;
  for (const MigrationFile &F : Files)
    Covered.push_back(&F);
  for (const DirectoryFile &F : OtherSQL)
    Covered.push_back(&F);
  if (Snapshot)
    Covered.push_back(&*Snapshot);
  llvm::sort(Covered, [](const DirectoryFile *A, const DirectoryFile *B) {
    return A->FileName < B->FileName;
  });
  if (!SumFile) {
    if (!Covered.empty())
      Diags.report(DiagID::err_sum_missing, llvm::SMLoc(), Path);
    return;
  }
  for (const DirectoryFile *F : Covered) {
    const SumEntry *E = nullptr;
    for (const SumEntry &S : Sum)
      if (S.FileName == F->FileName)
        E = &S;
    if (!E)
      Diags.report(DiagID::err_sum_not_listed, F->start(), F->FileName);
    else if (E->Checksum != F->Checksum)
      Diags.report(DiagID::err_sum_mismatch, F->start(), F->FileName)
          .note(DiagID::note_sum_recorded, E->ChecksumRange, E->Checksum);
  }
  for (const SumEntry &S : Sum)
    if (!llvm::any_of(Covered, [&](const DirectoryFile *F) {
          return F->FileName == S.FileName;
        }))
      Diags.report(DiagID::err_sum_missing_file, S.FileNameRange, S.FileName);
}

void MigrationDirectory::verifySnapshot(DiagnosticEngine &Diags) {
  if (!Snapshot) {
    if (!Migrations.empty())
      Diags.report(DiagID::err_snapshot_missing, llvm::SMLoc(), Path);
    return;
  }
  // Not linted: the checks were for the schema files it was made from.
  SnapshotModule = parseBuffer(Snapshot->BufferID, Diags);
  if (!SnapshotModule)
    return;
  const ast::Module *M = SnapshotModule.get();
  std::optional<SemaResult> Result = buildIR(llvm::makeArrayRef(&M, 1), Diags);
  if (!Result)
    return;
  SnapshotIR = std::move(Result->IR);

  std::string Hash = schemaHash(SnapshotIR);
  if (Migrations.empty()) {
    if (Hash != emptySchemaHash())
      Diags.report(DiagID::err_snapshot_mismatch, Snapshot->start(), Hash,
                   "the directory has no migration (the empty schema is '" +
                       emptySchemaHash() + "')");
    return;
  }
  // Only a whole chain with one head leads to one schema.
  if (ChainBroken)
    return;
  const Migration *Head = nullptr;
  std::set<std::string> Parents;
  for (const Migration &Mig : Migrations)
    if (Mig.ParentKnown && Mig.Parent)
      Parents.insert(*Mig.Parent);
  for (const Migration &Mig : Migrations)
    if (!Parents.count(Mig.Version)) {
      if (Head)
        return;
      Head = &Mig;
    }
  if (!Head || Head->schemaHash().empty())
    return;
  if (Hash != Head->schemaHash())
    Diags
        .report(DiagID::err_snapshot_mismatch, Snapshot->start(), Hash,
                fmt::format("the head '{}' leads to '{}'", Head->label(),
                            Head->schemaHash()))
        .note(DiagID::note_migration_schema, Head->Up->Header->SchemaHashRange,
              Head->label());
}

bool MigrationDirectory::verify(DiagnosticEngine &Diags) {
  unsigned ErrorsBefore = Diags.getErrorCount();
  Chain.clear();
  ChainBroken = DuplicateVersion = false;
  verifyNames(Diags);
  verifyChain(Diags);
  verifySum(Diags);
  verifySnapshot(Diags);
  if (ReadProblems || Diags.getErrorCount() != ErrorsBefore)
    return false;
  // No problem: one linear chain from the first migration to the one head.
  std::set<std::string> Parents;
  for (const Migration &M : Migrations)
    if (M.Parent)
      Parents.insert(*M.Parent);
  for (const Migration &M : Migrations)
    if (!Parents.count(M.Version))
      for (const Migration *At = &M; At;) {
        Chain.push_back(At);
        At = At->Parent ? withVersion(*At->Parent).front() : nullptr;
      }
  std::reverse(Chain.begin(), Chain.end());
  return true;
}

std::string MigrationDirectory::nextVersion() const {
  uint64_t Highest = 0;
  for (const Migration &M : Migrations)
    Highest = std::max(Highest, M.Number);
  size_t Width = head() ? head()->Version.size() : 4;
  return fmt::format("{:0{}}", Highest + 1, Width);
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

static std::string migrationText(llvm::StringRef Version, llvm::StringRef Name,
                                 MigrationDirection Direction,
                                 const std::optional<std::string> &Parent,
                                 llvm::StringRef Hash,
                                 const MigrationPlan &Plan) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "-- schemac migration " << Version << " " << Name << " ("
     << directionName(Direction) << ")\n"
     << "-- parent: " << Parent.value_or("none") << "\n"
     << "-- schema: " << Hash << "\n";
  writeMigrationSQL(Plan, OS);
  return OS.str();
}

/// Whether Source compiles to a schema of hash Hash: the snapshot must read
/// back as what it was written from, or the next verify would fail.
static llvm::Error checkSnapshotSource(llvm::StringRef Source,
                                       llvm::StringRef Hash) {
  struct FirstError : DiagnosticConsumer {
    void handle(const Diagnostic &D) override {
      if (D.Level == Severity::Error && Message.empty())
        Message = D.Message;
    }
    std::string Message;
  } Consumer;
  llvm::SourceMgr SM;
  DiagnosticEngine Diags(SM, Consumer);
  unsigned ID = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Source, "schema.snapshot"),
      llvm::SMLoc());
  auto Module = parseBuffer(ID, Diags);
  std::optional<SemaResult> Result;
  if (Module) {
    const ast::Module *M = Module.get();
    Result = buildIR(llvm::makeArrayRef(&M, 1), Diags);
  }
  if (Result && !Diags.hasErrors() && schemaHash(Result->IR) == Hash)
    return llvm::Error::success();
  return llvm::createStringError(
      std::errc::invalid_argument,
      "internal error: the schema source written as schema.snapshot does not "
      "compile back to the same schema%s%s; nothing was written",
      Consumer.Message.empty() ? "" : ": ", Consumer.Message.c_str());
}

namespace {
/// Files written next to their targets, then renamed over them; undone as
/// a whole on failure.
class Transaction {
public:
  explicit Transaction(std::string Dir) : Dir(std::move(Dir)) {}
  ~Transaction() {
    for (const Pending &P : Files)
      if (!P.Temp.empty())
        fs::remove(P.Temp);
  }

  llvm::Error stage(llvm::StringRef FileName, llvm::StringRef Text) {
    Pending P;
    P.Target = target(FileName);
    llvm::SmallString<256> Model(Dir);
    llvm::sys::path::append(Model, ".schemac-%%%%%%%%.tmp");
    int FD;
    llvm::SmallString<256> Temp;
    if (std::error_code EC = fs::createUniqueFile(Model, FD, Temp))
      return error("cannot create a file in", Dir, EC);
    P.Temp = std::string(Temp);
    Files.push_back(P);
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      return error("cannot write", P.Temp, EC);
    }
    // Kept to put back if a later rename fails.
    if (auto Old = llvm::MemoryBuffer::getFile(P.Target, /*IsText=*/false))
      Files.back().Old = (*Old)->getBuffer().str();
    return llvm::Error::success();
  }

  /// Renames every staged file into place, in the order staged.
  llvm::Error commit() {
    for (size_t I = 0; I < Files.size(); ++I) {
      if (std::error_code EC = fs::rename(Files[I].Temp, Files[I].Target)) {
        llvm::Error E = error("cannot write", Files[I].Target, EC);
        rollBack(I);
        return E;
      }
      Files[I].Temp.clear();
    }
    return llvm::Error::success();
  }

private:
  struct Pending {
    std::string Target;
    std::string Temp;
    std::optional<std::string> Old;
  };

  std::string target(llvm::StringRef FileName) const {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, FileName);
    return std::string(Path);
  }
  static llvm::Error error(llvm::StringRef What, llvm::StringRef Path,
                           std::error_code EC) {
    return llvm::createStringError(EC, "%s '%s': %s", What.str().c_str(),
                                   Path.str().c_str(), EC.message().c_str());
  }
  /// Puts back what the first Count renames replaced.
  void rollBack(size_t Count) {
    for (size_t I = 0; I < Count; ++I) {
      if (!Files[I].Old) {
        fs::remove(Files[I].Target);
        continue;
      }
      // Best effort: the error already being reported is the one to see.
      llvm::consumeError(llvm::writeFileAtomically(
          Files[I].Target + ".tmp%%%%%%", Files[I].Target, *Files[I].Old));
    }
  }

  std::string Dir;
  std::vector<Pending> Files;
};
} // namespace

llvm::Expected<AddedMigration>
MigrationDirectory::addMigration(llvm::StringRef Name, const MigrationPlan &Up,
                                 const MigrationPlan &Down,
                                 const ir::Schema &New) {
  if (!isMigrationName(Name))
    return llvm::createStringError(
        std::errc::invalid_argument,
        "invalid migration name '%s': use a-z, 0-9 and '_'",
        Name.str().c_str());
  AddedMigration Added;
  Added.Version = nextVersion();
  std::string Base = fmt::format("{}_{}", Added.Version, Name.str());
  Added.UpFile = Base + ".up.sql";
  Added.DownFile = Base + ".down.sql";

  std::optional<std::string> Parent;
  std::string OldHash = emptySchemaHash();
  if (const Migration *Head = head()) {
    Parent = Head->Version;
    OldHash = Head->schemaHash();
  }
  std::string NewHash = schemaHash(New);
  std::string Snapshot = snapshotSource(New);
  if (llvm::Error E = checkSnapshotSource(Snapshot, NewHash))
    return E;
  std::string UpText = migrationText(
      Added.Version, Name, MigrationDirection::Up, Parent, NewHash, Up);
  std::string DownText = migrationText(
      Added.Version, Name, MigrationDirection::Down, Parent, OldHash, Down);

  std::map<std::string, std::string> Checksums;
  for (const MigrationFile &F : Files)
    Checksums[F.FileName] = F.Checksum;
  for (const DirectoryFile &F : OtherSQL)
    Checksums[F.FileName] = F.Checksum;
  Checksums[Added.UpFile] = sha256Text(UpText);
  Checksums[Added.DownFile] = sha256Text(DownText);
  Checksums[std::string(SnapshotFileName)] = sha256Text(Snapshot);
  std::string SumText;
  for (const auto &[File, Checksum] : Checksums)
    SumText += Checksum + "  " + File + "\n";

  bool Created = false;
  if (!fs::is_directory(Path)) {
    if (std::error_code EC =
            fs::create_directories(Path, /*IgnoreExisting=*/true, fs::all_all))
      return llvm::createStringError(EC, "cannot create directory '%s': %s",
                                     Path.c_str(), EC.message().c_str());
    Created = true;
  }
  llvm::Error Result = [&]() -> llvm::Error {
    Transaction T(Path);
    // The sum last: until it is in place, nothing new is recorded.
    for (auto [File, Text] :
         {std::pair<llvm::StringRef, llvm::StringRef>{Added.UpFile, UpText},
          {Added.DownFile, DownText},
          {SnapshotFileName, Snapshot},
          {SumFileName, SumText}})
      if (llvm::Error E = T.stage(File, Text))
        return E;
    return T.commit();
  }();
  if (Result) {
    if (Created)
      fs::remove(Path); // only removes it while empty
    return Result;
  }
  return Added;
}
