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

char ConnectionLostError::ID;

void ConnectionLostError::log(llvm::raw_ostream &OS) const {
  OS << "the connection to the server was lost";
  if (InDoubt)
    OS << " while committing";
  if (!Reason.empty())
    OS << ": " << Reason;
}

std::error_code ConnectionLostError::convertToErrorCode() const {
  return std::make_error_code(std::errc::connection_aborted);
}

namespace {

/// A server's error as libpq words it, in parts.
struct ServerMessage {
  /// Its first line, without libpq's `ERROR:  `, and its DETAIL (which row
  /// broke a constraint); not the lines that quote the statement, which
  /// the caller shows better.
  std::string Text;
  std::string Hint;
};

ServerMessage parse(const std::exception &E) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(E.what()).split(Lines, '\n');
  llvm::StringRef First = Lines.front().trim();
  First.consume_front("ERROR:");
  ServerMessage Out{First.ltrim().str(), ""};
  for (llvm::StringRef Line : llvm::makeArrayRef(Lines).drop_front()) {
    if (Line.consume_front("DETAIL:"))
      Out.Text += " (" + Line.trim().str() + ")";
    else if (Line.consume_front("HINT:"))
      Out.Hint = Line.trim().str();
  }
  return Out;
}

/// Why a connection was lost, as far as libpqxx knows. When the server
/// ends a session in the middle of a statement (pg_terminate_backend, a
/// shutdown, a crash), libpqxx 6 fails while reading the result, before
/// it looks at the server's message, and says only that it could not ask
/// for the client encoding: that says nothing to a user, so it is dropped.
std::string lostReason(const std::exception &E) {
  std::string Text = parse(E).Text;
  if (llvm::StringRef(Text).startswith("Could not obtain client encoding"))
    return "";
  return Text;
}

} // namespace

llvm::Error schemac::runScript(pqxx::connection_base &Connection,
                               llvm::ArrayRef<ScriptStatement> Statements) {
  // The statement a failure is blamed on: the one running, or for a failed
  // commit (a deferred constraint), the last of its transaction.
  size_t Current = 0;
  // A commit, or a statement that commits on its own, is in flight: if the
  // connection goes now, whether it committed is unknown.
  bool Committing = false;
  try {
    size_t I = 0;
    while (I < Statements.size()) {
      if (Statements[I].NoTransaction) {
        Current = I;
        Committing = true;
        pqxx::nontransaction(Connection).exec(Statements[I].SQL);
        Committing = false;
        ++I;
        continue;
      }
      pqxx::work Work(Connection);
      for (; I < Statements.size() && !Statements[I].NoTransaction; ++I) {
        Current = I;
        Work.exec(Statements[I].SQL);
      }
      Committing = true;
      Work.commit();
      Committing = false;
    }
  } catch (const pqxx::in_doubt_error &) {
    // libpqxx's own words ("There is no way to tell...") are what the
    // caller's note says better.
    return llvm::make_error<ConnectionLostError>(Current, /*InDoubt=*/true, "");
  } catch (const pqxx::broken_connection &E) {
    return llvm::make_error<ConnectionLostError>(Current, Committing,
                                                 lostReason(E));
  } catch (const std::exception &E) {
    // A session ended with an error (FATAL) may come as any error: only
    // the connection's state tells it from a refused statement.
    if (!Connection.is_open())
      return llvm::make_error<ConnectionLostError>(Current, Committing,
                                                   lostReason(E));
    ServerMessage Refused = parse(E);
    return llvm::make_error<StatementError>(Current, std::move(Refused.Text),
                                            std::move(Refused.Hint));
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
