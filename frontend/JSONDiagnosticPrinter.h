//===- JSONDiagnosticPrinter.h - Diagnostics as JSON Lines ------*- C++ -*-===//
//
// Writes each diagnostic as one line of JSON, for editors and CI tools:
//
//   {"file":"a.schema","line":3,"column":7,"end_line":3,"end_column":12,
//    "severity":"error","check":"unresolved-name","message":"...",
//    "notes":[{"file":"a.schema","line":1,"column":7,"message":"..."}]}
//
// (all on one line). Keys always come in this order. A diagnostic without a
// location has null file/line/column/end_line/end_column; "check" is null for
// diagnostics that are not a named check. end_line/end_column point one past
// the end of the range, like SMRange::End; for a range that is a single point
// they equal line/column. Lines and columns are 1-based, columns count bytes.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_JSONDIAGNOSTICPRINTER_H
#define SCHEMAC_FRONTEND_JSONDIAGNOSTICPRINTER_H

#include "frontend/Diagnostic.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace schemac {

class JSONDiagnosticPrinter : public DiagnosticConsumer {
public:
  JSONDiagnosticPrinter(const llvm::SourceMgr &SM, llvm::raw_ostream &OS);

  void handle(const Diagnostic &D) override;

private:
  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
};

} // namespace schemac

#endif
