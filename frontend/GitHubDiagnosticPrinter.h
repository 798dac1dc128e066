//===- GitHubDiagnosticPrinter.h - Diagnostics as workflow commands -*- C++
//-*-//
//
// Writes each diagnostic as a GitHub Actions workflow command, which the
// runner turns into an annotation on the pull request's diff:
//
//   ::error
//   file=schema/app.schema,line=7,col=3,endLine=7,endColumn=12,title=fk-type-mismatch::message
//
// `error`, `warning` or `notice` by severity; `title` is the check's name
// (schemac for a diagnostic that is not a named check). A diagnostic without
// a location has the title alone. Its notes follow the message on lines of
// their own (`%0A`), with their positions. Values are escaped as the runner
// expects: `%`, CR and LF everywhere, `:` and `,` in properties too.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_GITHUBDIAGNOSTICPRINTER_H
#define SCHEMAC_FRONTEND_GITHUBDIAGNOSTICPRINTER_H

#include "frontend/Diagnostic.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace schemac {

class GitHubDiagnosticPrinter : public DiagnosticConsumer {
public:
  GitHubDiagnosticPrinter(const llvm::SourceMgr &SM, llvm::raw_ostream &OS);
  void handle(const Diagnostic &D) override;

private:
  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
};

} // namespace schemac

#endif
