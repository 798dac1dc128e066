//===- ConnectionString.cpp - Telling and showing database sources --------===//

#include "runtime/ConnectionString.h"

#include "llvm/ADT/StringExtras.h"

using namespace schemac;

static bool isURL(llvm::StringRef Src) {
  return Src.startswith("postgres://") || Src.startswith("postgresql://");
}

bool schemac::isDatabaseSource(llvm::StringRef Src) {
  if (isURL(Src))
    return true;
  // conninfo: `keyword = value` pairs; a file name would need a '=' right
  // after a bare word, which no schema file is called.
  llvm::StringRef Keyword = Src.ltrim().take_while(
      [](char C) { return llvm::isAlnum(C) || C == '_'; });
  return !Keyword.empty() &&
         Src.ltrim().drop_front(Keyword.size()).ltrim().startswith("=");
}

/// Replaces the value of every `password=` in a conninfo string or URL
/// query, quoted or not.
static std::string redactKeyword(llvm::StringRef Src, char Separator) {
  std::string Out;
  while (!Src.empty()) {
    size_t At = Src.find_insensitive("password");
    if (At == llvm::StringRef::npos) {
      Out += Src.str();
      break;
    }
    // Only a whole keyword: at the start or after a separator.
    bool Whole = At == 0 || Src[At - 1] == Separator || Src[At - 1] == '?' ||
                 llvm::isSpace(Src[At - 1]);
    llvm::StringRef After = Src.drop_front(At + 8).ltrim();
    if (!Whole || !After.startswith("=")) {
      Out += Src.take_front(At + 8).str();
      Src = Src.drop_front(At + 8);
      continue;
    }
    Out += Src.take_front(At).str() + "password=***";
    After = After.drop_front().ltrim();
    if (After.startswith("'")) {
      // A quoted value ends at the first unescaped quote.
      size_t I = 1;
      while (I < After.size() && After[I] != '\'')
        I += After[I] == '\\' ? 2 : 1;
      Src = After.drop_front(std::min(I + 1, After.size()));
    } else {
      Src = After.drop_while([&](char C) {
        return C != Separator && C != '&' && !llvm::isSpace(C);
      });
    }
  }
  return Out;
}

std::string schemac::redactPassword(llvm::StringRef Src) {
  if (!isURL(Src))
    return redactKeyword(Src, ' ');
  // scheme://[user[:password]@]host...: the user info ends at the last '@'
  // before the path.
  size_t Start = Src.find("://") + 3;
  llvm::StringRef Rest = Src.drop_front(Start);
  llvm::StringRef Authority =
      Rest.take_until([](char C) { return C == '/' || C == '?'; });
  std::string Out = Src.take_front(Start).str();
  size_t At = Authority.rfind('@');
  if (At != llvm::StringRef::npos) {
    llvm::StringRef UserInfo = Authority.take_front(At);
    size_t Colon = UserInfo.find(':');
    Out += Colon == llvm::StringRef::npos
               ? UserInfo.str()
               : UserInfo.take_front(Colon).str() + ":***";
    Out += "@";
    Rest = Rest.drop_front(At + 1);
  }
  return Out + redactKeyword(Rest, '&');
}
