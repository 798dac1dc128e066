//===- SQLScript.h - Running a migration's statements -----------*- C++ -*-===//
//
// A migration runs as transactions of consecutive statements, except the
// statements that cannot share a transaction with what follows (an enum
// label must be committed before it is used): those run on their own,
// outside any transaction block. Statements are sent one by one, so a
// failure names the statement the server refused.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_RUNTIME_SQLSCRIPT_H
#define SCHEMAC_RUNTIME_SQLSCRIPT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace schemac {

struct ScriptStatement {
  std::string SQL;
  /// Runs outside a transaction block, committed on its own.
  bool NoTransaction = false;
};

/// The statement at Index was refused; the ones before it in its
/// transaction were rolled back, earlier transactions stay committed.
class StatementError : public llvm::ErrorInfo<StatementError> {
public:
  static char ID;
  StatementError(size_t Index, std::string Message, std::string Hint = "")
      : Index(Index), Message(std::move(Message)), Hint(std::move(Hint)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  size_t Index;
  /// The server's message, with its DETAIL.
  std::string Message;
  /// The server's HINT (what to do about it); empty when it gave none.
  std::string Hint;
};

/// The connection was lost while the statement at Index ran. The server
/// rolls back the transaction that was open, unless it was committing:
/// InDoubt says the lost statement was a commit (or a no-transaction
/// statement, which commits on its own), whose outcome only the database
/// knows now.
class ConnectionLostError : public llvm::ErrorInfo<ConnectionLostError> {
public:
  static char ID;
  ConnectionLostError(size_t Index, bool InDoubt, std::string Reason)
      : Index(Index), InDoubt(InDoubt), Reason(std::move(Reason)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  size_t Index;
  bool InDoubt;
  /// Why, when the client library knows; often it does not.
  std::string Reason;
};

/// Runs Statements in order: each run of statements without NoTransaction
/// in one transaction, each NoTransaction statement alone. A refused
/// statement is a StatementError; a lost connection a ConnectionLostError.
llvm::Error runScript(pqxx::connection_base &Connection,
                      llvm::ArrayRef<ScriptStatement> Statements);

/// Writes Statements as a script that runs them the way runScript does:
/// each run of transactional statements between BEGIN and COMMIT, each
/// NoTransaction statement alone, after a `-- schemac:no-transaction` line.
void writeScript(llvm::raw_ostream &OS,
                 llvm::ArrayRef<ScriptStatement> Statements);

} // namespace schemac

#endif
