//===- SARIFDiagnosticPrinterTest.cpp - SARIF diagnostics tests -----------===//
//
// Code-scanning tools read the SARIF log by its schema, not by its text, so
// these tests parse the output and check the fields those tools rely on:
// the rules table, ruleId/ruleIndex, levels, messages and regions.
//===----------------------------------------------------------------------===//

#include "frontend/SARIFDiagnosticPrinter.h"
#include "frontend/CheckRegistry.h"
#include "frontend/Diagnostic.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "SourceFixture.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <string>

using namespace llvm;
using namespace schemac;

namespace {

using test::SourceFixture;

struct SARIFRun {
  std::string Output;
  bool Finished = false;
  /// The parsed log; null when the output is not JSON.
  json::Value Log = nullptr;
};

/// Runs the SARIF printer over the diagnostics reported by \p Report.
template <typename ReportFn>
SARIFRun runSARIF(SourceFixture &F, ReportFn Report,
                  StringRef ToolVersion = "1.2.3") {
  SARIFRun R;
  raw_string_ostream OS(R.Output);
  SARIFDiagnosticPrinter Printer(F.SM, OS, ToolVersion);
  DiagnosticEngine Engine(F.SM, Printer);
  Report(Engine);
  R.Finished = Printer.finish();
  OS.flush();
  Expected<json::Value> Parsed = json::parse(R.Output);
  if (Parsed)
    R.Log = std::move(*Parsed);
  else
    ADD_FAILURE() << "output is not JSON: " << toString(Parsed.takeError())
                  << "\n"
                  << R.Output;
  return R;
}

/// The value at \p Path, a '.'-separated list of object keys and array
/// indexes ("runs.0.results.1.level"); null when there is none.
const json::Value *lookup(const json::Value &Root, StringRef Path) {
  const json::Value *V = &Root;
  SmallVector<StringRef, 8> Parts;
  Path.split(Parts, '.');
  for (StringRef Part : Parts) {
    if (const json::Array *A = V->getAsArray()) {
      unsigned Index;
      if (Part.getAsInteger(10, Index) || Index >= A->size())
        return nullptr;
      V = &(*A)[Index];
    } else if (const json::Object *O = V->getAsObject()) {
      V = O->get(Part);
      if (!V)
        return nullptr;
    } else {
      return nullptr;
    }
  }
  return V;
}

bool has(const json::Value &Root, StringRef Path) {
  return lookup(Root, Path) != nullptr;
}

/// The string at \p Path, or a marker that says it is missing.
std::string str(const json::Value &Root, StringRef Path) {
  const json::Value *V = lookup(Root, Path);
  if (!V || !V->getAsString())
    return "<no string at " + Path.str() + ">";
  return V->getAsString()->str();
}

/// The integer at \p Path, or -1.
int64_t num(const json::Value &Root, StringRef Path) {
  const json::Value *V = lookup(Root, Path);
  if (!V || !V->getAsInteger())
    return -1;
  return *V->getAsInteger();
}

/// The length of the array at \p Path, or -1.
int64_t len(const json::Value &Root, StringRef Path) {
  const json::Value *V = lookup(Root, Path);
  if (!V || !V->getAsArray())
    return -1;
  return static_cast<int64_t>(V->getAsArray()->size());
}

/// The index of check \p Name in allChecks(), or -1.
int64_t checkIndex(StringRef Name) {
  ArrayRef<CheckInfo> Checks = allChecks();
  for (size_t I = 0; I != Checks.size(); ++I)
    if (Checks[I].Name == Name)
      return static_cast<int64_t>(I);
  return -1;
}

/// Checks region \p Path against the expected numbers.
void expectRegion(const json::Value &Log, const std::string &Path,
                  int64_t StartLine, int64_t StartColumn, int64_t EndLine,
                  int64_t EndColumn) {
  SCOPED_TRACE(Path);
  EXPECT_EQ(num(Log, Path + ".startLine"), StartLine);
  EXPECT_EQ(num(Log, Path + ".startColumn"), StartColumn);
  EXPECT_EQ(num(Log, Path + ".endLine"), EndLine);
  EXPECT_EQ(num(Log, Path + ".endColumn"), EndColumn);
}

const std::string Driver = "runs.0.tool.driver";
const std::string Results = "runs.0.results";

TEST(SARIFDiagnosticPrinterTest, LogHeaderAndRules) {
  SourceFixture F;
  F.addFile("table t (id int4);\n");
  SARIFRun R = runSARIF(F, [](DiagnosticEngine &) {});
  EXPECT_TRUE(R.Finished);
  // One pretty-printed log, indented by 2.
  EXPECT_TRUE(StringRef(R.Output).startswith("{\n  \"$schema\": ")) << R.Output;
  EXPECT_TRUE(StringRef(R.Output).endswith("}\n"));

  const json::Value &Log = R.Log;
  EXPECT_EQ(str(Log, "$schema"),
            "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(str(Log, "version"), "2.1.0");
  ASSERT_EQ(len(Log, "runs"), 1);
  EXPECT_EQ(str(Log, Driver + ".name"), "schemac");
  EXPECT_EQ(str(Log, Driver + ".version"), "1.2.3");
  EXPECT_EQ(str(Log, Driver + ".informationUri"),
            "https://github.com/schemac/schemac");
  // No diagnostics: an empty results array, which SARIF reads as "the tool
  // ran and found nothing".
  EXPECT_EQ(len(Log, Results), 0);
  EXPECT_FALSE(has(Log, "runs.0.columnKind"));

  ArrayRef<CheckInfo> Checks = allChecks();
  ASSERT_FALSE(Checks.empty());
  std::string Rules = Driver + ".rules";
  ASSERT_EQ(len(Log, Rules), static_cast<int64_t>(Checks.size()));
  for (size_t I = 0; I != Checks.size(); ++I) {
    const CheckInfo &C = Checks[I];
    std::string Rule = Rules + "." + std::to_string(I);
    SCOPED_TRACE(C.Name.str());
    EXPECT_EQ(str(Log, Rule + ".id"), C.Name.str());
    EXPECT_EQ(str(Log, Rule + ".name"), C.Name.str());
    EXPECT_EQ(str(Log, Rule + ".shortDescription.text"), C.Summary.str());
    EXPECT_EQ(str(Log, Rule + ".fullDescription.text"), C.Help.str());
    EXPECT_EQ(str(Log, Rule + ".help.text"), C.Help.str());
    EXPECT_EQ(str(Log, Rule + ".defaultConfiguration.level"),
              C.DefaultLevel == Severity::Error ? "error" : "warning");
  }
  // Two checks the results test relies on, with their known defaults.
  int64_t Unresolved = checkIndex("unresolved-name");
  int64_t TooLong = checkIndex("identifier-too-long");
  ASSERT_GE(Unresolved, 0);
  ASSERT_GE(TooLong, 0);
  EXPECT_EQ(str(Log, Rules + "." + std::to_string(Unresolved) +
                         ".defaultConfiguration.level"),
            "error");
  EXPECT_EQ(str(Log, Rules + "." + std::to_string(TooLong) +
                         ".defaultConfiguration.level"),
            "warning");
}

TEST(SARIFDiagnosticPrinterTest, Results) {
  SourceFixture F;
  F.addFile("table users (id int4);\n"
            "table posts (owner int4 references usrs (id));\n"
            "table averyveryverylongname (id int4)\n",
            "db/app.schema");
  SARIFRun R = runSARIF(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_unknown_table, F.range("usrs"), "usrs", "'public'")
        .note(DiagID::note_declared_here, F.point("users"), "users")
        .note(DiagID::note_declared_here, SMRange(), "nowhere")
        .note(DiagID::note_declared_here, F.range("posts"), "posts");
    E.report(DiagID::warn_identifier_too_long, F.range("averyveryverylongname"),
             "averyveryverylongname", 70, "averyvery");
    E.report(DiagID::err_expected, F.at("table posts"), "';'");
    E.report(DiagID::err_unknown_character, SMRange(), "#");
  });
  EXPECT_TRUE(R.Finished);
  const json::Value &Log = R.Log;
  std::string Rules = Driver + ".rules.";
  ASSERT_EQ(len(Log, Results), 4) << R.Output;

  // A named check: ruleId, and ruleIndex naming the same rule.
  std::string R0 = Results + ".0";
  EXPECT_EQ(str(Log, R0 + ".ruleId"), "unresolved-name");
  EXPECT_EQ(num(Log, R0 + ".ruleIndex"), checkIndex("unresolved-name"));
  EXPECT_EQ(
      str(Log, Rules + std::to_string(num(Log, R0 + ".ruleIndex")) + ".id"),
      "unresolved-name");
  EXPECT_EQ(str(Log, R0 + ".level"), "error");
  EXPECT_EQ(str(Log, R0 + ".message.text"),
            "unknown table 'usrs'; looked in 'public'");
  ASSERT_EQ(len(Log, R0 + ".locations"), 1);
  EXPECT_EQ(str(Log, R0 + ".locations.0.physicalLocation.artifactLocation.uri"),
            "db/app.schema");
  // "usrs" is bytes 36-39 of line 2; the end is exclusive.
  expectRegion(Log, R0 + ".locations.0.physicalLocation.region", 2, 36, 2, 40);
  // Notes with a location become related locations; the one without is
  // dropped, and ids stay consecutive.
  ASSERT_EQ(len(Log, R0 + ".relatedLocations"), 2);
  std::string N0 = R0 + ".relatedLocations.0";
  EXPECT_EQ(num(Log, N0 + ".id"), 0);
  EXPECT_EQ(str(Log, N0 + ".message.text"), "'users' is declared here");
  EXPECT_EQ(str(Log, N0 + ".physicalLocation.artifactLocation.uri"),
            "db/app.schema");
  expectRegion(Log, N0 + ".physicalLocation.region", 1, 7, 1, 7);
  std::string N1 = R0 + ".relatedLocations.1";
  EXPECT_EQ(num(Log, N1 + ".id"), 1);
  EXPECT_EQ(str(Log, N1 + ".message.text"), "'posts' is declared here");
  expectRegion(Log, N1 + ".physicalLocation.region", 2, 7, 2, 12);

  // A warning of another check, without notes.
  std::string R1 = Results + ".1";
  EXPECT_EQ(str(Log, R1 + ".ruleId"), "identifier-too-long");
  EXPECT_EQ(num(Log, R1 + ".ruleIndex"), checkIndex("identifier-too-long"));
  EXPECT_EQ(
      str(Log, Rules + std::to_string(num(Log, R1 + ".ruleIndex")) + ".id"),
      "identifier-too-long");
  EXPECT_EQ(str(Log, R1 + ".level"), "warning");
  EXPECT_EQ(str(Log, R1 + ".message.text"),
            "name 'averyveryverylongname' is 70 bytes long; PostgreSQL "
            "truncates it to 'averyvery'");
  expectRegion(Log, R1 + ".locations.0.physicalLocation.region", 3, 7, 3, 28);
  EXPECT_FALSE(has(Log, R1 + ".relatedLocations"));

  // A syntax error: no check, so no ruleId or ruleIndex; a point location
  // is an empty region.
  std::string R2 = Results + ".2";
  EXPECT_FALSE(has(Log, R2 + ".ruleId"));
  EXPECT_FALSE(has(Log, R2 + ".ruleIndex"));
  EXPECT_EQ(str(Log, R2 + ".level"), "error");
  EXPECT_EQ(str(Log, R2 + ".message.text"), "expected ';'");
  expectRegion(Log, R2 + ".locations.0.physicalLocation.region", 2, 1, 2, 1);

  // No location: no "locations" at all.
  std::string R3 = Results + ".3";
  EXPECT_FALSE(has(Log, R3 + ".ruleId"));
  EXPECT_EQ(str(Log, R3 + ".message.text"), "unexpected character '#'");
  EXPECT_FALSE(has(Log, R3 + ".locations"));
  EXPECT_FALSE(has(Log, R3 + ".relatedLocations"));
}

TEST(SARIFDiagnosticPrinterTest, RangeAcrossLinesAndFiles) {
  SourceFixture F;
  F.addFile("table a (\n  id int4\n);\n", "a.schema");
  F.addFile("table b (id int4);\n", "b.schema");
  SARIFRun R = runSARIF(F, [&](DiagnosticEngine &E) {
    SMLoc Start = F.at("(");
    SMLoc End = SMLoc::getFromPointer(F.at(")").getPointer() + 1);
    E.report(DiagID::err_expected, SMRange(Start, End), "';'")
        .note(DiagID::note_declared_here, F.range("b (id", 2), "b");
  });
  const json::Value &Log = R.Log;
  ASSERT_EQ(len(Log, Results), 1) << R.Output;
  std::string R0 = Results + ".0";
  EXPECT_EQ(str(Log, R0 + ".locations.0.physicalLocation.artifactLocation.uri"),
            "a.schema");
  expectRegion(Log, R0 + ".locations.0.physicalLocation.region", 1, 9, 3, 2);
  EXPECT_EQ(str(Log, R0 + ".relatedLocations.0.physicalLocation."
                          "artifactLocation.uri"),
            "b.schema");
  expectRegion(Log, R0 + ".relatedLocations.0.physicalLocation.region", 1, 7, 1,
               12);
}

TEST(SARIFDiagnosticPrinterTest, LevelIsTheReportedOne) {
  // -Werror=identifier-too-long makes the result an error; the rule's
  // default stays a warning.
  SourceFixture F;
  F.addFile("table averyveryverylongname (id int4);\n");
  SARIFRun R = runSARIF(F, [&](DiagnosticEngine &E) {
    E.setCheckAsError("identifier-too-long", true);
    E.report(DiagID::warn_identifier_too_long, F.range("averyveryverylongname"),
             "averyveryverylongname", 70, "averyvery");
  });
  const json::Value &Log = R.Log;
  ASSERT_EQ(len(Log, Results), 1) << R.Output;
  EXPECT_EQ(str(Log, Results + ".0.level"), "error");
  int64_t Index = num(Log, Results + ".0.ruleIndex");
  EXPECT_EQ(Index, checkIndex("identifier-too-long"));
  EXPECT_EQ(str(Log, Driver + ".rules." + std::to_string(Index) +
                         ".defaultConfiguration.level"),
            "warning");
}

TEST(SARIFDiagnosticPrinterTest, InvalidUTF8IsReplaced) {
  // llvm::json asserts on invalid UTF-8 (and json::parse rejects it):
  // messages and the version get U+FFFD instead; a file name, being a URI
  // reference, is percent-encoded byte by byte.
  SourceFixture F;
  F.addFile("table t (id int4);\n", "bad\xff.schema");
  SARIFRun R = runSARIF(
      F,
      [&](DiagnosticEngine &E) {
        E.report(DiagID::err_unknown_character, F.at("t"), "\xfe")
            .note(DiagID::note_declared_here, F.point("id"), "\xc3");
      },
      "1.0\xff");
  const json::Value &Log = R.Log;
  ASSERT_EQ(len(Log, Results), 1) << R.Output;
  EXPECT_EQ(str(Log, Driver + ".version"), "1.0\xEF\xBF\xBD");
  std::string R0 = Results + ".0";
  EXPECT_EQ(str(Log, R0 + ".message.text"),
            "unexpected character '\xEF\xBF\xBD'");
  EXPECT_EQ(str(Log, R0 + ".locations.0.physicalLocation.artifactLocation.uri"),
            "bad%FF.schema");
  EXPECT_EQ(str(Log, R0 + ".relatedLocations.0.message.text"),
            "'\xEF\xBF\xBD' is declared here");
}

} // namespace
