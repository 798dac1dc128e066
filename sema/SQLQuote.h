//===- SQLQuote.h - Names and types as SQL text -----------------*- C++ -*-===//
//
// Every identifier and string literal in SQL that schemac writes goes
// through here, so a name such as `user`, `Order Items` or `x"; drop` always
// comes out as one valid token.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_CODEGEN_SQLQUOTE_H
#define SCHEMAC_CODEGEN_SQLQUOTE_H

#include "sema/IR.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace schemac::sql {

/// Whether PostgreSQL's quote_ident would quote Name: anything but a
/// lowercase identifier that is not a non-unreserved keyword.
bool needsQuotes(llvm::StringRef Name);

/// Name as a SQL identifier, quoted (with `"` doubled) when needed.
std::string quoteIdentifier(llvm::StringRef Name);

/// A function name in a call: like quoteIdentifier, but keywords that
/// name functions (`coalesce`, `greatest`, `left`) stay unquoted.
std::string quoteFunctionName(llvm::StringRef Name);

/// `schema.name`, each part quoted as needed.
std::string quoteQualified(const ir::QualifiedName &N);

/// Value as a SQL string literal: `'it''s'`. Backslashes are plain
/// characters with standard_conforming_strings on (the default since 9.1).
std::string quoteString(llvm::StringRef Value);

/// A type as format_type() prints it: `character varying(320)`,
/// `timestamp(3) with time zone`, `quaero.member_role[]`.
std::string formatType(const ir::Type &T);

/// Whether Name is one of PostgreSQL's reserved keywords (`user`, `order`),
/// which can never be used unquoted as a name.
bool isReservedKeyword(llvm::StringRef Name);

/// Whether Name, unquoted, cannot name a table or column: the reserved
/// keywords and the type/function-name ones (`left`, `join`).
bool cannotNameAColumn(llvm::StringRef Name);

} // namespace schemac::sql

#endif
