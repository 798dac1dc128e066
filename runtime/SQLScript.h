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
  StatementError(size_t Index, std::string Message)
      : Index(Index), Message(std::move(Message)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

  size_t Index;
  /// The server's message.
  std::string Message;
};

/// Runs Statements in order: each run of statements without NoTransaction
/// in one transaction, each NoTransaction statement alone. A refused
/// statement is a StatementError; a lost connection another error.
llvm::Error runScript(pqxx::connection_base &Connection,
                      llvm::ArrayRef<ScriptStatement> Statements);

/// Writes Statements as a script that runs them the way runScript does:
/// each run of transactional statements between BEGIN and COMMIT, each
/// NoTransaction statement alone, after a `-- schemac:no-transaction` line.
void writeScript(llvm::raw_ostream &OS,
                 llvm::ArrayRef<ScriptStatement> Statements);

} // namespace schemac

#endif
