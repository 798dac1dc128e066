//===- ScratchDatabase.cpp - A database to try schemas in -----------------===//

#include "runtime/ScratchDatabase.h"
#include "runtime/ConnectionString.h"
#include "runtime/DatabaseSource.h"

#include "llvm/Support/Process.h"

#include <pqxx/pqxx>

using namespace schemac;

llvm::Expected<std::unique_ptr<ScratchDatabase>>
ScratchDatabase::create(llvm::StringRef Server) {
  std::unique_ptr<ScratchDatabase> Scratch(new ScratchDatabase);
  if (Server.empty()) {
    auto Started = TempServer::start();
    if (!Started)
      return Started.takeError();
    Scratch->Embedded = std::move(*Started);
    Scratch->Admin = Scratch->Embedded->conninfo();
  } else {
    Scratch->Admin = Server.str();
  }
  return Scratch;
}

ScratchDatabase::~ScratchDatabase() {
  // With the embedded server, its removal takes the databases along.
  if (Embedded)
    return;
  for (const std::string &Name : Created)
    llvm::consumeError(dropDatabase(Name));
}

llvm::Error ScratchDatabase::dropDatabase(const std::string &Name) {
  auto Connection = connectTo(Admin);
  if (!Connection)
    return Connection.takeError();
  try {
    pqxx::nontransaction(**Connection)
        .exec0("DROP DATABASE IF EXISTS " + (*Connection)->quote_name(Name) +
               " WITH (FORCE)");
  } catch (const std::exception &E) {
    return llvm::createStringError(std::errc::io_error, "%s", E.what());
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<FreshDatabase>>
ScratchDatabase::createDatabase() {
  std::string Shown = redactPassword(Admin);
  auto Connection = connectTo(Admin);
  if (!Connection)
    return Connection.takeError();
  std::string Name = "schemac_scratch_" +
                     std::to_string(llvm::sys::Process::getProcessId()) + "_" +
                     std::to_string(Created.size());
  try {
    pqxx::nontransaction(**Connection)
        .exec0("CREATE DATABASE " + (*Connection)->quote_name(Name) +
               " TEMPLATE template0");
  } catch (const std::exception &E) {
    return llvm::createStringError(
        std::errc::permission_denied,
        "cannot create a scratch database on '%s': %s", Shown.c_str(),
        E.what());
  }
  Created.push_back(Name);
  auto Scratch = connectTo(withDatabase(Admin, Name));
  if (!Scratch)
    return Scratch.takeError();
  std::unique_ptr<FreshDatabase> Fresh(new FreshDatabase);
  Fresh->Name = Name;
  Fresh->Connection = std::move(*Scratch);
  // Scripts say `IF NOT EXISTS` and the like; the server's notices about
  // them are nothing to show.
  try {
    Fresh->Connection->set_variable("client_min_messages", "warning");
  } catch (const std::exception &E) {
    return llvm::createStringError(std::errc::io_error, "%s", E.what());
  }
  return Fresh;
}

FreshDatabase::~FreshDatabase() = default;

llvm::Error FreshDatabase::run(llvm::ArrayRef<ScriptStatement> Statements) {
  return runScript(*Connection, Statements);
}

llvm::Expected<InspectedDatabase> FreshDatabase::inspect() {
  return inspectDatabase(*Connection, {});
}

llvm::Expected<InspectedDatabase>
ScratchDatabase::loadAndInspect(llvm::StringRef SQL) {
  auto Fresh = createDatabase();
  if (!Fresh)
    return Fresh.takeError();
  // The whole script in one transaction, as one string: it is schemac's
  // own DDL, and the error names the statement.
  if (llvm::Error E = (*Fresh)->run({ScriptStatement{SQL.str(), false}}))
    return llvm::createStringError(
        std::errc::invalid_argument,
        "PostgreSQL refused the schema's SQL in the scratch database: %s",
        llvm::toString(std::move(E)).c_str());
  return (*Fresh)->inspect();
}
