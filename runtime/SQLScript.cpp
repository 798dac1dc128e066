//===- SQLScript.cpp - Running a migration's statements -------------------===//

#include "runtime/SQLScript.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <pqxx/pqxx>

using namespace schemac;

char StatementError::ID;

void StatementError::log(llvm::raw_ostream &OS) const { OS << Message; }

std::error_code StatementError::convertToErrorCode() const {
  return std::make_error_code(std::errc::invalid_argument);
}

/// The server's message: its first line, without libpq's `ERROR:  ` (the
/// lines after it quote the statement, which the caller shows better).
static std::string message(const std::exception &E) {
  llvm::StringRef Text = llvm::StringRef(E.what()).split('\n').first.trim();
  Text.consume_front("ERROR:");
  return Text.ltrim().str();
}

llvm::Error schemac::runScript(pqxx::connection_base &Connection,
                               llvm::ArrayRef<ScriptStatement> Statements) {
  size_t I = 0;
  try {
    while (I < Statements.size()) {
      if (Statements[I].NoTransaction) {
        pqxx::nontransaction(Connection).exec(Statements[I].SQL);
        ++I;
        continue;
      }
      pqxx::work Work(Connection);
      for (; I < Statements.size() && !Statements[I].NoTransaction; ++I)
        Work.exec(Statements[I].SQL);
      Work.commit();
    }
  } catch (const pqxx::broken_connection &E) {
    return llvm::createStringError(std::errc::connection_aborted,
                                   "the connection was lost: %s",
                                   message(E).c_str());
  } catch (const std::exception &E) {
    // A failed commit (a deferred constraint) is the last statement's.
    return llvm::make_error<StatementError>(std::min(I, Statements.size() - 1),
                                            message(E));
  }
  return llvm::Error::success();
}
