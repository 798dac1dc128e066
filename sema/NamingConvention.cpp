//===- NamingConvention.cpp - SQLAlchemy-style naming templates -----------===//

#include "sema/NamingConvention.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace schemac;

std::optional<NamedKind> NamingConvention::parseKey(llvm::StringRef Key) {
  return llvm::StringSwitch<std::optional<NamedKind>>(Key)
      .Cases("primary_key", "pk", NamedKind::PrimaryKey)
      .Cases("foreign_key", "fk", NamedKind::ForeignKey)
      .Cases("unique", "uq", NamedKind::Unique)
      .Cases("index", "ix", NamedKind::Index)
      .Cases("check", "ck", NamedKind::Check)
      .Default(std::nullopt);
}

llvm::StringRef NamingConvention::keyName(NamedKind K) {
  static const char *Names[] = {"primary_key", "foreign_key", "unique", "index",
                                "check"};
  return Names[static_cast<size_t>(K)];
}

llvm::StringRef NamingConvention::knownKeys() {
  return "'primary_key', 'foreign_key', 'unique', 'index' or 'check'";
}

static const char *const KnownTokens[] = {"table_name",
                                          "column_0_name",
                                          "column_0N_name",
                                          "column_0_N_name",
                                          "referred_table_name",
                                          "referred_column_0_name",
                                          "referred_column_0N_name",
                                          "referred_column_0_N_name",
                                          "constraint_name"};

llvm::StringRef NamingConvention::knownTokens() {
  return "%(table_name)s, %(column_0_name)s, %(column_0N_name)s, "
         "%(column_0_N_name)s, %(referred_table_name)s, "
         "%(referred_column_0_name)s, %(referred_column_0N_name)s, "
         "%(referred_column_0_N_name)s, %(constraint_name)s";
}

/// Calls F(Token) for each `%(token)s`, and F with the literal text between.
template <typename TokenFn, typename TextFn>
static void scanTemplate(llvm::StringRef T, TokenFn OnToken, TextFn OnText) {
  while (!T.empty()) {
    size_t Start = T.find("%(");
    size_t End = Start == llvm::StringRef::npos ? Start : T.find(")s", Start);
    if (End == llvm::StringRef::npos) {
      OnText(T);
      return;
    }
    OnText(T.take_front(Start));
    OnToken(T.slice(Start + 2, End));
    T = T.drop_front(End + 2);
  }
}

std::string NamingConvention::findUnknownToken(llvm::StringRef Template) {
  std::string Unknown;
  scanTemplate(
      Template,
      [&](llvm::StringRef Token) {
        if (Unknown.empty() && !llvm::is_contained(KnownTokens, Token))
          Unknown = ("%(" + Token + ")s").str();
      },
      [](llvm::StringRef) {});
  return Unknown;
}

bool NamingConvention::usesToken(llvm::StringRef Template,
                                 llvm::StringRef Token) {
  bool Found = false;
  scanTemplate(
      Template, [&](llvm::StringRef T) { Found |= T == Token; },
      [](llvm::StringRef) {});
  return Found;
}

static std::string columnToken(llvm::ArrayRef<std::string> Columns,
                               llvm::StringRef Which) {
  if (Columns.empty())
    return "";
  if (Which == "0")
    return Columns.front();
  // SQLAlchemy: 0N joins all names, 0_N joins them with '_'.
  return llvm::join(Columns, Which == "0N" ? "" : "_");
}

std::string NamingConvention::expand(llvm::StringRef Template,
                                     const NamingInputs &In) {
  std::string Out;
  scanTemplate(
      Template,
      [&](llvm::StringRef Token) {
        if (Token == "table_name")
          Out += In.Table;
        else if (Token == "referred_table_name")
          Out += In.ReferredTable;
        else if (Token == "constraint_name")
          Out += In.ConstraintName.value_or("");
        else if (Token.consume_front("referred_column_") &&
                 Token.consume_back("_name"))
          Out += columnToken(In.ReferredColumns, Token);
        else if (Token.consume_front("column_") && Token.consume_back("_name"))
          Out += columnToken(In.Columns, Token);
      },
      [&](llvm::StringRef Text) { Out += Text; });
  return Out;
}
