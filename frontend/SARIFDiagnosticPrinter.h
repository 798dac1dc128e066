//===- SARIFDiagnosticPrinter.h - Diagnostics as SARIF 2.1.0 ----*- C++ -*-===//
//
// Collects every diagnostic and, in finish(), writes one SARIF 2.1.0 log for
// code-scanning tools (GitHub code scanning, the VS Code SARIF viewer):
//
//   {"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
//    "version": "2.1.0",
//    "runs": [{
//      "tool": {"driver": {"name": "schemac", "version": ...,
//                          "informationUri": ..., "rules": [...]}},
//      "results": [...]}]}
//
// "rules" holds one reportingDescriptor per check of Checks.def, in its
// order: id and name are the check's name, shortDescription its summary,
// fullDescription and help its help text, defaultConfiguration.level its
// default level.
//
// "results" holds one result per diagnostic, in the order reported. A
// diagnostic of a named check has "ruleId" and "ruleIndex" (the index into
// "rules"); other diagnostics, such as syntax errors, have neither. "level"
// is the diagnostic's level as reported (after -Werror and the like), not the
// rule's default. "locations" is left out for a diagnostic without a
// location. Notes become "relatedLocations", numbered by "id" from 0; a note
// without a location is left out.
//
// Regions count lines and columns from 1; columns count bytes (the log sets
// no "columnKind"). endLine/endColumn point one past the end of the range,
// as SARIF's exclusive end does; for a range that is a single point they
// equal startLine/startColumn. Artifact URIs are the SourceMgr buffer
// identifiers, as given on the command line.
//===----------------------------------------------------------------------===//

#ifndef SCHEMAC_FRONTEND_SARIFDIAGNOSTICPRINTER_H
#define SCHEMAC_FRONTEND_SARIFDIAGNOSTICPRINTER_H

#include "frontend/Diagnostic.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace schemac {

class SARIFDiagnosticPrinter : public DiagnosticConsumer {
public:
  /// \p ToolVersion is written as tool.driver.version.
  SARIFDiagnosticPrinter(const llvm::SourceMgr &SM, llvm::raw_ostream &OS,
                         llvm::StringRef ToolVersion);

  /// Keeps \p D until finish().
  void handle(const Diagnostic &D) override;
  /// Writes the log (indented by 2, ending in a newline). Always succeeds.
  bool finish() override;

private:
  const llvm::SourceMgr &SM;
  llvm::raw_ostream &OS;
  std::string ToolVersion;
  std::vector<Diagnostic> Diagnostics;
};

} // namespace schemac

#endif
