//===- DatabaseSource.cpp - A database named on the command line ----------===//

#include "runtime/DatabaseSource.h"
#include "runtime/ConnectionString.h"

#include "llvm/ADT/StringExtras.h"

#include <libpq-fe.h>
#include <pqxx/pqxx>

using namespace schemac;

/// The password the source carries, as libpq reads it (a URL's is
/// percent-decoded), or empty.
static std::string passwordIn(llvm::StringRef Source) {
  char *Error = nullptr;
  PQconninfoOption *Options = PQconninfoParse(Source.str().c_str(), &Error);
  PQfreemem(Error);
  std::string Password;
  for (PQconninfoOption *O = Options; O && O->keyword; ++O)
    if (llvm::StringRef(O->keyword) == "password" && O->val)
      Password = O->val;
  PQconninfoFree(Options);
  return Password;
}

static void replaceAll(std::string &Text, llvm::StringRef What,
                       llvm::StringRef With) {
  if (What.empty())
    return;
  for (size_t At = Text.find(What.str()); At != std::string::npos;
       At = Text.find(What.str(), At + With.size()))
    Text.replace(At, What.size(), With.str());
}

/// libpq's message, trimmed, with the source it may quote (a URL it could
/// not parse) shown redacted, and the password replaced wherever it is.
static std::string scrub(llvm::StringRef Message, llvm::StringRef Source) {
  std::string Out = Message.trim().str();
  replaceAll(Out, Source, redactPassword(Source));
  // Server messages come as "FATAL:  ..." on several lines: keep them on one.
  for (char &C : Out)
    if (C == '\n')
      C = ' ';
  // Short ones would replace innocent text; the source itself is redacted.
  std::string Password = passwordIn(Source);
  if (Password.size() >= 4)
    replaceAll(Out, Password, "***");
  return Out;
}

/// A conninfo value, quoted as libpq reads it.
static std::string conninfoValue(llvm::StringRef Value) {
  std::string Out = "'";
  for (char C : Value) {
    if (C == '\\' || C == '\'')
      Out += '\\';
    Out += C;
  }
  return Out + "'";
}

std::string schemac::withDatabase(llvm::StringRef Source,
                                  llvm::StringRef DBName) {
  PQconninfoOption *Options =
      PQconninfoParse(Source.str().c_str(), /*errmsg=*/nullptr);
  std::string Out;
  for (PQconninfoOption *O = Options; O && O->keyword; ++O)
    if (O->val && llvm::StringRef(O->keyword) != "dbname")
      Out += std::string(O->keyword) + "=" + conninfoValue(O->val) + " ";
  PQconninfoFree(Options);
  return Out + "dbname=" + conninfoValue(DBName);
}

llvm::Expected<std::unique_ptr<pqxx::connection>>
schemac::connectTo(llvm::StringRef Source) {
  std::string Shown = redactPassword(Source);
  char *ParseError = nullptr;
  PQconninfoOption *Options =
      PQconninfoParse(Source.str().c_str(), &ParseError);
  if (!Options) {
    std::string Why = ParseError ? scrub(ParseError, Source) : "out of memory";
    PQfreemem(ParseError);
    return llvm::createStringError(std::errc::invalid_argument,
                                   "invalid connection string '%s': %s",
                                   Shown.c_str(), Why.c_str());
  }
  PQconninfoFree(Options);
  try {
    auto Connection = std::make_unique<pqxx::connection>(Source.str());
    // schemac writes its string literals, and reads pg_get_expr's, as
    // standard_conforming_strings = on has them (a backslash is a plain
    // character). A database or role that turns it off would otherwise
    // read the label '\' as an open string that runs into the next one,
    // and print 'a\b' as 'a\\b'.
    pqxx::nontransaction(*Connection)
        .exec("SET standard_conforming_strings = on");
    return Connection;
  } catch (const std::exception &E) {
    return llvm::createStringError(std::errc::connection_refused,
                                   "cannot connect to '%s': %s", Shown.c_str(),
                                   scrub(E.what(), Source).c_str());
  }
}

llvm::Expected<InspectedDatabase>
schemac::inspectSource(llvm::StringRef Source, const InspectOptions &Options) {
  auto Connection = connectTo(Source);
  if (!Connection)
    return Connection.takeError();
  auto Result = inspectDatabase(**Connection, Options);
  if (!Result)
    return llvm::createStringError(
        std::errc::io_error, "'%s': %s", redactPassword(Source).c_str(),
        scrub(llvm::toString(Result.takeError()), Source).c_str());
  return Result;
}
