//===- SQLScript.cpp - Running a migration's statements -------------------===//

#include "runtime/SQLScript.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <pqxx/pqxx>

using namespace schemac;

char StatementError::ID;

void StatementError::log(llvm::raw_ostream &OS) const { OS << Message; }

std::error_code StatementError::convertToErrorCode() const {
  return std::make_error_code(std::errc::invalid_argument);
}

/// The server's message: its first line, without libpq's `ERROR:  `, and
/// its DETAIL (which row broke a constraint); not the lines that quote the
/// statement, which the caller shows better.
static std::string message(const std::exception &E) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(E.what()).split(Lines, '\n');
  llvm::StringRef First = Lines.front().trim();
  First.consume_front("ERROR:");
  std::string Out = First.ltrim().str();
  for (llvm::StringRef Line : llvm::makeArrayRef(Lines).drop_front())
    if (Line.consume_front("DETAIL:"))
      Out += " (" + Line.trim().str() + ")";
  return Out;
}

llvm::Error schemac::runScript(pqxx::connection_base &Connection,
                               llvm::ArrayRef<ScriptStatement> Statements) {
  // The statement a failure is blamed on: the one running, or for a failed
  // commit (a deferred constraint), the last of its transaction.
  size_t Current = 0;
  try {
    size_t I = 0;
    while (I < Statements.size()) {
      if (Statements[I].NoTransaction) {
        Current = I;
        pqxx::nontransaction(Connection).exec(Statements[I].SQL);
        ++I;
        continue;
      }
      pqxx::work Work(Connection);
      for (; I < Statements.size() && !Statements[I].NoTransaction; ++I) {
        Current = I;
        Work.exec(Statements[I].SQL);
      }
      Work.commit();
    }
  } catch (const pqxx::broken_connection &E) {
    return llvm::createStringError(std::errc::connection_aborted,
                                   "the connection was lost: %s",
                                   message(E).c_str());
  } catch (const std::exception &E) {
    return llvm::make_error<StatementError>(Current, message(E));
  }
  return llvm::Error::success();
}

void schemac::writeScript(llvm::raw_ostream &OS,
                          llvm::ArrayRef<ScriptStatement> Statements) {
  size_t I = 0;
  while (I < Statements.size()) {
    if (Statements[I].NoTransaction) {
      OS << "-- schemac:no-transaction\n" << Statements[I].SQL << "\n";
      ++I;
      continue;
    }
    OS << "BEGIN;\n";
    for (; I < Statements.size() && !Statements[I].NoTransaction; ++I)
      OS << Statements[I].SQL << "\n";
    OS << "COMMIT;\n";
  }
}
