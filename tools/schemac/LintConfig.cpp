//===- LintConfig.cpp - The .schemac.yaml file of `schemac lint` ----------===//
//
// The file is read node by node with LLVM's YAML parser rather than mapped
// with yaml::IO: every key and value keeps its source range, so each
// problem is reported where it is, through our diagnostics, and all the
// problems of a file are reported in one run. The parser's own syntax
// errors reach the same diagnostics through a SourceMgr handler.
//===----------------------------------------------------------------------===//

#include "tools/schemac/LintConfig.h"

#include "frontend/CheckRegistry.h"
#include "runtime/ConnectionString.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLParser.h"

using namespace schemac;
using namespace schemac::driver;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace yaml = llvm::yaml;

std::optional<std::string> driver::findLintConfig(llvm::StringRef Explicit,
                                                  llvm::StringRef StartDir) {
  if (!Explicit.empty())
    return Explicit.str();
  llvm::SmallString<256> Dir(StartDir);
  if (Dir.empty() ? fs::current_path(Dir) : fs::make_absolute(Dir))
    return std::nullopt;
  path::remove_dots(Dir, /*remove_dot_dot=*/true);
  // The way back from Dir to StartDir: "", "..", "../..", ...
  llvm::SmallString<64> Up;
  while (true) {
    llvm::SmallString<256> Candidate(Dir);
    path::append(Candidate, LintConfigFileName);
    if (fs::exists(Candidate)) {
      llvm::SmallString<256> Found(StartDir);
      path::append(Found, Up, LintConfigFileName);
      return std::string(Found);
    }
    // .git is a directory, or a file in a worktree or submodule: either
    // way the repository's root, above which no config belongs to it.
    llvm::SmallString<256> Git(Dir);
    path::append(Git, ".git");
    if (fs::exists(Git))
      return std::nullopt;
    llvm::StringRef Parent = path::parent_path(Dir);
    if (Parent.empty() || Parent == Dir)
      return std::nullopt;
    Dir.resize(Parent.size());
    path::append(Up, "..");
  }
}

namespace {

/// S's text as written. A plain scalar at the top of a document keeps the
/// line break after it in LLVM's parser; only quotes make spaces count.
llvm::StringRef rawText(const yaml::ScalarNode &S) {
  llvm::StringRef Raw = S.getRawValue();
  return Raw.startswith("'") || Raw.startswith("\"") ? Raw : Raw.rtrim();
}

/// S's value, unquoted and unescaped (in Storage when it had to be).
llvm::StringRef textOf(yaml::ScalarNode &S,
                       llvm::SmallVectorImpl<char> &Storage) {
  llvm::StringRef Value = S.getValue(Storage);
  return rawText(S) == S.getRawValue() ? Value : Value.rtrim();
}

/// Plain `~` and `null` are YAML's spellings of nothing; LLVM's parser
/// leaves them as scalars.
bool isNull(const yaml::Node *N) {
  if (!N || llvm::isa<yaml::NullNode>(N))
    return true;
  const auto *S = llvm::dyn_cast<yaml::ScalarNode>(N);
  if (!S)
    return false;
  llvm::StringRef Raw = rawText(*S);
  return Raw == "~" || Raw == "null" || Raw == "Null" || Raw == "NULL";
}

/// What N is, as messages say "must be X, not <this>".
std::string describe(yaml::Node *N) {
  if (isNull(N))
    return "an empty value";
  if (auto *S = llvm::dyn_cast<yaml::ScalarNode>(N)) {
    llvm::SmallString<64> Storage;
    llvm::StringRef Text = textOf(*S, Storage);
    return Text.empty() ? "an empty string" : "'" + Text.str() + "'";
  }
  if (llvm::isa<yaml::BlockScalarNode>(N))
    return "a block scalar";
  if (llvm::isa<yaml::SequenceNode>(N))
    return "a list";
  if (llvm::isa<yaml::MappingNode>(N))
    return "a mapping";
  return "an alias";
}

/// The one of Candidates within two edits of Name, for "did you mean";
/// empty when none is that close.
llvm::StringRef nearest(llvm::StringRef Name,
                        llvm::ArrayRef<llvm::StringRef> Candidates) {
  llvm::StringRef Best;
  unsigned BestDistance = 3;
  for (llvm::StringRef C : Candidates) {
    unsigned D = Name.edit_distance(C, /*AllowReplacements=*/true,
                                    /*MaxEditDistance=*/BestDistance);
    if (D < BestDistance && D < Name.size()) {
      Best = C;
      BestDistance = D;
    }
  }
  return Best;
}

const llvm::StringRef Keys[] = {"schema", "base", "migrations", "checks"};

class ConfigReader {
public:
  ConfigReader(DiagnosticEngine &Diags, llvm::StringRef Dir, LintConfig &Out)
      : Diags(Diags), Dir(Dir), Out(Out) {}

  void read(llvm::MemoryBufferRef Buffer);
  bool failed() const { return Failed; }

private:
  template <typename... Ts>
  DiagnosticBuilder error(DiagID ID, llvm::SMRange Range, Ts &&...Args) {
    Failed = true;
    return Diags.report(ID, Range, std::forward<Ts>(Args)...);
  }

  void syntaxError(const llvm::SMDiagnostic &D);
  void readTop(yaml::Node *Root);
  std::optional<std::string> readKey(yaml::KeyValueNode &KV);
  std::optional<std::string> readString(yaml::Node *Value,
                                        llvm::SMRange KeyRange,
                                        const llvm::Twine &What,
                                        llvm::StringRef Expected);
  void readSchemas(yaml::Node *Value, llvm::SMRange KeyRange);
  void readChecks(yaml::Node *Value, llvm::SMRange KeyRange);
  void wrongKind(yaml::Node *Value, llvm::SMRange KeyRange,
                 const llvm::Twine &What, llvm::StringRef Expected);
  std::string resolve(llvm::StringRef Path) const;

  llvm::SMRange rangeOf(yaml::Node *N, llvm::SMRange IfMissing = {}) const;

  DiagnosticEngine &Diags;
  /// The start of the file's text, which no range reaches before.
  const char *BufferStart = nullptr;
  /// The config file's directory, which its paths are relative to.
  llvm::StringRef Dir;
  LintConfig &Out;
  bool Failed = false;
};

} // namespace

void ConfigReader::syntaxError(const llvm::SMDiagnostic &D) {
  // LLVM's messages are capitalized and some end in '!'; ours are not.
  std::string Message = D.getMessage().rtrim(".!").str();
  if (!Message.empty())
    Message[0] = llvm::toLower(Message[0]);
  error(DiagID::err_config_yaml, llvm::SMRange(D.getLoc(), D.getLoc()),
        Message);
}

llvm::SMRange ConfigReader::rangeOf(yaml::Node *N,
                                    llvm::SMRange IfMissing) const {
  // A missing value has only the place of the next token, often on another
  // line: the caller's (its key's) says more. So do an alias and a block
  // scalar, which the parser places after their first token.
  if (!N || llvm::isa<yaml::NullNode>(N))
    return IfMissing;
  if ((llvm::isa<yaml::AliasNode>(N) || llvm::isa<yaml::BlockScalarNode>(N)) &&
      IfMissing.isValid())
    return IfMissing;
  llvm::SMRange R = N->getSourceRange();
  if (auto *S = llvm::dyn_cast<yaml::ScalarNode>(N))
    return {R.Start, llvm::SMLoc::getFromPointer(R.Start.getPointer() +
                                                 rawText(*S).size())};
  // A flow collection starts where its first entry does, after the '[' or
  // '{' the parser consumed to know it is one: point at the bracket.
  if (llvm::isa<yaml::SequenceNode>(N) || llvm::isa<yaml::MappingNode>(N)) {
    const char *P = R.Start.getPointer();
    while (P > BufferStart && llvm::isSpace(P[-1]))
      --P;
    if (P > BufferStart && (P[-1] == '[' || P[-1] == '{'))
      R.Start = llvm::SMLoc::getFromPointer(P - 1);
  }
  return R;
}

void ConfigReader::read(llvm::MemoryBufferRef Buffer) {
  BufferStart = Buffer.getBufferStart();
  // The parser prints its errors through the SourceMgr it is given: a
  // private one here, whose handler turns them into diagnostics. Its
  // buffer is the caller's memory, so their locations resolve in the
  // caller's SourceMgr, which holds the file once.
  llvm::SourceMgr ParserSM;
  ParserSM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Reader) {
        static_cast<ConfigReader *>(Reader)->syntaxError(D);
      },
      this);
  // Syntax first, over the whole file: the nodes of a broken file are what
  // the parser made up while recovering, and would only add noise.
  if (!yaml::Stream(Buffer, ParserSM, /*ShowColors=*/false).validate()) {
    if (!Failed)
      error(DiagID::err_config_yaml, llvm::SMRange(),
            "the file cannot be read");
    return;
  }

  yaml::Stream Stream(Buffer, ParserSM, /*ShowColors=*/false);
  auto Doc = Stream.begin();
  if (Doc == Stream.end())
    return;
  readTop(Doc->getRoot());
  for (++Doc; Doc != Stream.end(); ++Doc) {
    yaml::Node *Root = Doc->getRoot();
    // A trailing `---` with nothing after it is harmless.
    if (isNull(Root))
      continue;
    error(DiagID::err_config_extra_document, rangeOf(Root));
    return;
  }
}

void ConfigReader::readTop(yaml::Node *Root) {
  // An empty file (or one of comments) configures nothing.
  if (isNull(Root))
    return;
  auto *Map = llvm::dyn_cast<yaml::MappingNode>(Root);
  if (!Map) {
    wrongKind(Root, {}, "the configuration",
              "a mapping of schema, base, migrations and checks");
    return;
  }
  llvm::StringMap<llvm::SMRange> Seen;
  for (yaml::KeyValueNode &KV : *Map) {
    std::optional<std::string> Key = readKey(KV);
    if (!Key)
      continue;
    llvm::SMRange KeyRange = rangeOf(KV.getKey());
    if (!llvm::is_contained(Keys, *Key)) {
      auto D = error(DiagID::err_config_unknown_key, KeyRange, *Key);
      llvm::StringRef Near = nearest(*Key, Keys);
      if (!Near.empty())
        D.note(DiagID::note_did_you_mean, KeyRange, Near);
      continue;
    }
    auto [It, New] = Seen.try_emplace(*Key, KeyRange);
    if (!New) {
      error(DiagID::err_config_duplicate_key, KeyRange, *Key)
          .note(DiagID::note_config_first_given, It->second, *Key);
      continue;
    }

    yaml::Node *Value = KV.getValue();
    if (*Key == "schema") {
      readSchemas(Value, KeyRange);
    } else if (*Key == "base") {
      std::optional<std::string> Base =
          readString(Value, KeyRange, "'base'",
                     "a schema file or directory, git:REV or a database URL");
      // git:REV names a revision of the repository, and a database is no
      // path: only files are relative to the config file.
      if (Base)
        Out.Base = llvm::StringRef(*Base).startswith("git:") ||
                           isDatabaseSource(*Base) || *Base == "-"
                       ? *Base
                       : resolve(*Base);
    } else if (*Key == "migrations") {
      if (std::optional<std::string> Migrations =
              readString(Value, KeyRange, "'migrations'", "a directory"))
        Out.Migrations = resolve(*Migrations);
    } else {
      readChecks(Value, KeyRange);
    }
  }
}

std::optional<std::string> ConfigReader::readKey(yaml::KeyValueNode &KV) {
  yaml::Node *Key = KV.getKey();
  auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(Key);
  if (!S || isNull(S)) {
    wrongKind(Key, rangeOf(&KV), "a key", "a name");
    return std::nullopt;
  }
  llvm::SmallString<64> Storage;
  return textOf(*S, Storage).str();
}

std::optional<std::string> ConfigReader::readString(yaml::Node *Value,
                                                    llvm::SMRange KeyRange,
                                                    const llvm::Twine &What,
                                                    llvm::StringRef Expected) {
  auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(Value);
  if (S && !isNull(S)) {
    llvm::SmallString<64> Storage;
    llvm::StringRef Text = textOf(*S, Storage);
    if (!Text.empty())
      return Text.str();
  }
  wrongKind(Value, KeyRange, What, Expected);
  return std::nullopt;
}

void ConfigReader::readSchemas(yaml::Node *Value, llvm::SMRange KeyRange) {
  const char *Expected = "a schema file or directory, or a list of them";
  auto *List = llvm::dyn_cast_or_null<yaml::SequenceNode>(Value);
  if (!List) {
    if (std::optional<std::string> Schema =
            readString(Value, KeyRange, "'schema'", Expected))
      Out.Schemas.push_back(resolve(*Schema));
    return;
  }
  bool Empty = true;
  for (yaml::Node &Item : *List) {
    Empty = false;
    if (std::optional<std::string> Schema =
            readString(&Item, KeyRange, "an entry of 'schema'",
                       "a schema file or directory"))
      Out.Schemas.push_back(resolve(*Schema));
  }
  // No inputs at all is a mistake, not a way to lint nothing.
  if (Empty)
    error(DiagID::err_config_wrong_kind, rangeOf(Value), "'schema'", Expected,
          "an empty list");
}

void ConfigReader::readChecks(yaml::Node *Value, llvm::SMRange KeyRange) {
  auto *Map = llvm::dyn_cast_or_null<yaml::MappingNode>(Value);
  if (!Map) {
    wrongKind(Value, KeyRange, "'checks'",
              "a mapping of check names to error, warning or off");
    return;
  }
  std::vector<llvm::StringRef> Names;
  for (const CheckInfo &C : allChecks())
    Names.push_back(C.Name);
  llvm::StringMap<llvm::SMRange> Seen;
  for (yaml::KeyValueNode &KV : *Map) {
    std::optional<std::string> Name = readKey(KV);
    if (!Name)
      continue;
    llvm::SMRange NameRange = rangeOf(KV.getKey());
    const CheckInfo *Info = findCheck(*Name);
    if (!Info) {
      auto D = error(DiagID::err_config_unknown_check, NameRange, *Name);
      llvm::StringRef Near = nearest(*Name, Names);
      if (!Near.empty())
        D.note(DiagID::note_did_you_mean, NameRange, Near);
      continue;
    }
    auto [It, New] = Seen.try_emplace(*Name, NameRange);
    if (!New) {
      error(DiagID::err_config_duplicate_key, NameRange, *Name)
          .note(DiagID::note_config_first_given, It->second, *Name);
      continue;
    }

    yaml::Node *LevelNode = KV.getValue();
    std::optional<std::string> Level =
        readString(LevelNode, NameRange, "the level of '" + *Name + "'",
                   "error, warning or off");
    if (!Level)
      continue;
    llvm::SMRange LevelRange = rangeOf(LevelNode);
    std::optional<CheckLevel> L =
        llvm::StringSwitch<std::optional<CheckLevel>>(*Level)
            .Case("error", CheckLevel::Error)
            .Case("warning", CheckLevel::Warning)
            .Case("off", CheckLevel::Off)
            .Default(std::nullopt);
    if (!L) {
      error(DiagID::err_config_unknown_level, LevelRange, *Level, *Name);
      continue;
    }
    // As on the command line: without a Required check's result schemac
    // has nothing to go on with.
    if (*L != CheckLevel::Error && Info->Control == CheckControl::Required) {
      error(DiagID::err_config_required_check, LevelRange, *Name, *Level);
      continue;
    }
    Out.Checks.emplace_back(*Name, *L);
  }
}

void ConfigReader::wrongKind(yaml::Node *Value, llvm::SMRange KeyRange,
                             const llvm::Twine &What,
                             llvm::StringRef Expected) {
  error(DiagID::err_config_wrong_kind, rangeOf(Value, KeyRange), What.str(),
        Expected, describe(Value));
}

std::string ConfigReader::resolve(llvm::StringRef Path) const {
  if (Dir.empty() || path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Joined(Dir);
  path::append(Joined, Path);
  path::remove_dots(Joined, /*remove_dot_dot=*/false);
  return std::string(Joined);
}

bool driver::readLintConfig(llvm::StringRef Path, llvm::SourceMgr &SM,
                            DiagnosticEngine &Diags, LintConfig &Out) {
  Out = LintConfig();
  Out.Path = Path.str();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Diags.report(DiagID::err_cannot_read, llvm::SMLoc(), Path,
                 Buffer.getError().message());
    return false;
  }
  llvm::MemoryBufferRef Ref = (*Buffer)->getMemBufferRef();
  SM.AddNewSourceBuffer(std::move(*Buffer), llvm::SMLoc());
  ConfigReader Reader(Diags, path::parent_path(Path), Out);
  Reader.read(Ref);
  return !Reader.failed();
}
