//===- VerifyDiagnosticConsumerTest.cpp - Diagnostic consumer tests -------===//
//
// The -verify consumer decides whether every Sema test passes, so its own
// mistakes (a directive that matches nothing yet passes) would hide others';
// these tests pin its matching rules. The text printer's long-line window and
// the JSON printer's layout are tested here too, since they need the same
// SourceMgr scaffolding.
//===----------------------------------------------------------------------===//

#include "frontend/VerifyDiagnosticConsumer.h"
#include "frontend/Diagnostic.h"
#include "frontend/JSONDiagnosticPrinter.h"
#include "frontend/TextDiagnosticPrinter.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "SourceFixture.h"

#include "gtest/gtest.h"

#include <string>

using namespace llvm;
using namespace schemac;

namespace {

using test::SourceFixture;

/// Runs the -verify consumer over the diagnostics reported by \p Report.
struct VerifyRun {
  bool Passed;
  std::string Output;
};

template <typename ReportFn>
VerifyRun runVerify(SourceFixture &F, ReportFn Report) {
  std::string Output;
  raw_string_ostream OS(Output);
  VerifyDiagnosticConsumer Verify(F.SM, OS);
  DiagnosticEngine Engine(F.SM, Verify);
  Report(Engine);
  bool Passed = Verify.finish();
  OS.flush();
  return {Passed, Output};
}

//===----------------------------------------------------------------------===//
// VerifyDiagnosticConsumer
//===----------------------------------------------------------------------===//

TEST(VerifyDiagnosticConsumerTest, MatchesOnTheDirectiveLine) {
  SourceFixture F;
  F.addFile("table t (id int4) -- expected-error {{expected ';'}}\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at(")"), "';'");
  });
  EXPECT_TRUE(R.Passed) << R.Output;
  EXPECT_EQ(R.Output, "");
}

TEST(VerifyDiagnosticConsumerTest, RelativeAndAbsoluteLines) {
  SourceFixture F;
  F.addFile("-- expected-error@+1 {{expected ';'}}\n"
            "table a (id int4)\n"
            "table b (id int4)\n"
            "-- expected-error@-1 {{expected ','}}\n"
            "-- expected-error@6 {{expected '('}}\n"
            "table c\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("table a"), "';'");
    E.report(DiagID::err_expected, F.at("table b"), "','");
    E.report(DiagID::err_expected, F.at("table c"), "'('");
  });
  EXPECT_TRUE(R.Passed) << R.Output;
}

TEST(VerifyDiagnosticConsumerTest, WrongLineIsMissingAndUnexpected) {
  SourceFixture F;
  F.addFile("-- expected-error@+1 {{expected ';'}}\n"
            "table a (id int4)\n"
            "table b (id int4)\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("table b"), "';'");
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: 'error' diagnostics expected but not seen:\n"
                      "  File test.schema Line 2 (directive at test.schema:1): "
                      "expected ';'\n"
                      "error: 'error' diagnostics seen but not expected:\n"
                      "  File test.schema Line 3: expected ';'\n");
}

TEST(VerifyDiagnosticConsumerTest, Counts) {
  SourceFixture F;
  F.addFile("table t (a b c) -- expected-error 2 {{unknown type}}\n");
  auto ReportTwice = [&](DiagnosticEngine &E) {
    E.report(DiagID::err_unknown_type, F.at("a b"), "a", "'public'");
    E.report(DiagID::err_unknown_type, F.at("b c"), "b", "'public'");
  };
  VerifyRun Two = runVerify(F, ReportTwice);
  EXPECT_TRUE(Two.Passed) << Two.Output;

  // One too few: the directive is not satisfied.
  VerifyRun One = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_unknown_type, F.at("a b"), "a", "'public'");
  });
  EXPECT_FALSE(One.Passed);
  EXPECT_NE(One.Output.find("expected but not seen:\n"
                            "  File test.schema Line 1: unknown type\n"),
            std::string::npos)
      << One.Output;

  // One too many: the third is unexpected.
  VerifyRun Three = runVerify(F, [&](DiagnosticEngine &E) {
    ReportTwice(E);
    E.report(DiagID::err_unknown_type, F.at("c)"), "c", "'public'");
  });
  EXPECT_FALSE(Three.Passed);
  EXPECT_NE(Three.Output.find("seen but not expected:\n  File test.schema "
                              "Line 1: unknown type 'c'; looked in 'public'"),
            std::string::npos)
      << Three.Output;
}

TEST(VerifyDiagnosticConsumerTest, SeverityMustMatch) {
  SourceFixture F;
  F.addFile("table t -- expected-warning {{expected ';'}}\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("t "), "';'");
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: 'error' diagnostics seen but not expected:\n"
                      "  File test.schema Line 1: expected ';'\n"
                      "error: 'warning' diagnostics expected but not seen:\n"
                      "  File test.schema Line 1: expected ';'\n");
}

TEST(VerifyDiagnosticConsumerTest, NotesAndCheckNames) {
  SourceFixture F;
  F.addFile("table t (id int4) -- expected-note {{previously declared here}}\n"
            "table t (id int4) -- expected-error {{'t' is declared twice "
            "[duplicate-name]}} expected-error {{table}}\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    SMLoc Second = SMLoc::getFromPointer(
        F.SM.getMemoryBuffer(1)->getBuffer().data() +
        F.SM.getMemoryBuffer(1)->getBuffer().find("table t", 1));
    E.report(DiagID::err_duplicate_object, Second, "table", "t")
        .note(DiagID::note_previous_declaration, F.point("table t"));
    E.report(DiagID::err_unknown_table, Second, "u", "'public'");
  });
  EXPECT_TRUE(R.Passed) << R.Output;
}

TEST(VerifyDiagnosticConsumerTest, UnmatchedNoteIsReported) {
  SourceFixture F;
  F.addFile("table t (id int4)\n"
            "table t (id int4) -- expected-error {{declared twice}}\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_duplicate_object, F.at("(id int4) --"), "table", "t")
        .note(DiagID::note_previous_declaration, F.point("table t"));
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: 'note' diagnostics seen but not expected:\n"
                      "  File test.schema Line 1: previously declared here\n");
}

TEST(VerifyDiagnosticConsumerTest, ExpectedNoDiagnostics) {
  SourceFixture F;
  F.addFile("-- expected-no-diagnostics\ntable t (id int4);\n");
  VerifyRun Clean = runVerify(F, [](DiagnosticEngine &) {});
  EXPECT_TRUE(Clean.Passed) << Clean.Output;
  EXPECT_EQ(Clean.Output, "");

  VerifyRun Dirty = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("table"), "';'");
  });
  EXPECT_FALSE(Dirty.Passed);
  EXPECT_EQ(Dirty.Output, "error: 'error' diagnostics seen but not expected:\n"
                          "  File test.schema Line 2: expected ';'\n");
}

TEST(VerifyDiagnosticConsumerTest, NoDiagnosticsExcludesOtherDirectives) {
  SourceFixture F;
  F.addFile("-- expected-no-diagnostics\n"
            "table t -- expected-error {{expected ';'}}\n");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("t --"), "';'");
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "test.schema:1:4: error: 'expected-no-diagnostics' "
                      "cannot be used together with other expected "
                      "directives\n");
}

TEST(VerifyDiagnosticConsumerTest, NoDirectivesIsAnError) {
  SourceFixture F;
  F.addFile("table t (id int4);\n");
  VerifyRun R = runVerify(F, [](DiagnosticEngine &) {});
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: no expected directives found: consider use of "
                      "'expected-no-diagnostics'\n");
}

TEST(VerifyDiagnosticConsumerTest, NoLocationIsLineZero) {
  SourceFixture F;
  F.addFile("-- expected-no-diagnostics\n");
  VerifyRun R = runVerify(F, [](DiagnosticEngine &E) {
    E.report(DiagID::err_no_schema_files, SMRange(), "schemas");
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: 'error' diagnostics seen but not expected:\n"
                      "  File <unknown> Line 0: no .schema files in directory "
                      "'schemas'\n");

  SourceFixture G;
  G.addFile("-- expected-error@0 {{no .schema files}}\n");
  VerifyRun Matched = runVerify(G, [](DiagnosticEngine &E) {
    E.report(DiagID::err_no_schema_files, SMRange(), "schemas");
  });
  EXPECT_TRUE(Matched.Passed) << Matched.Output;
}

TEST(VerifyDiagnosticConsumerTest, DirectivesMatchTheirOwnBuffer) {
  SourceFixture F;
  F.addFile("table a (id int4) -- expected-error {{expected ';'}}\n",
            "a.schema");
  F.addFile("table b (id int4)\n", "b.schema");
  VerifyRun R = runVerify(F, [&](DiagnosticEngine &E) {
    E.report(DiagID::err_expected, F.at("table b", 2), "';'");
  });
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output, "error: 'error' diagnostics expected but not seen:\n"
                      "  File a.schema Line 1: expected ';'\n"
                      "error: 'error' diagnostics seen but not expected:\n"
                      "  File b.schema Line 1: expected ';'\n");
}

TEST(VerifyDiagnosticConsumerTest, MalformedDirectivesAreErrors) {
  SourceFixture F;
  F.addFile("-- expected-error expected ';'\n"
            "-- expected-error {{expected ';'\n"
            "-- expected-error@+9 {{x}}\n"
            "-- unexpected-error {{not a directive}}\n");
  VerifyRun R = runVerify(F, [](DiagnosticEngine &) {});
  EXPECT_FALSE(R.Passed);
  EXPECT_EQ(R.Output,
            "test.schema:1:4: error: cannot find start ('{{') of expected "
            "string\n"
            "test.schema:2:4: error: cannot find end ('}}') of expected "
            "string\n"
            "test.schema:3:4: error: line offset '@+9' in expected directive "
            "points past the end of the file\n"
            "error: no expected directives found: consider use of "
            "'expected-no-diagnostics'\n");
}

//===----------------------------------------------------------------------===//
// TextDiagnosticPrinter
//===----------------------------------------------------------------------===//

TEST(TextDiagnosticPrinterTest, ClangLayout) {
  SourceFixture F;
  F.addFile("table t (id int5);\n"
            "table t (id int4);\n");
  std::string Output;
  raw_string_ostream OS(Output);
  TextDiagnosticPrinter Printer(F.SM, OS, /*ShowColors=*/false);
  DiagnosticEngine Engine(F.SM, Printer);
  Engine.report(DiagID::err_unknown_type, F.range("int5"), "int5", "'public'");
  SMLoc Second = SMLoc::getFromPointer(F.at("t (id int4)").getPointer());
  Engine.report(DiagID::err_duplicate_object, Second, "table", "t")
      .note(DiagID::note_previous_declaration, F.range("t (id int5)"));
  Engine.report(DiagID::err_too_many_errors, SMRange());
  EXPECT_TRUE(Printer.finish());
  OS.flush();
  EXPECT_EQ(Output, "test.schema:1:13: error: unknown type 'int5'; looked in "
                    "'public' [unresolved-name]\n"
                    "table t (id int5);\n"
                    "            ^~~~\n"
                    "test.schema:2:7: error: table 't' is declared twice "
                    "[duplicate-name]\n"
                    "table t (id int4);\n"
                    "      ^\n"
                    "test.schema:1:7: note: previously declared here\n"
                    "table t (id int5);\n"
                    "      ^~~~~~~~~~~\n"
                    "schemac: error: too many errors emitted, stopping now\n"
                    "3 errors generated.\n");
}

TEST(TextDiagnosticPrinterTest, Summary) {
  SourceFixture F;
  F.addFile("x\n");
  auto Summary = [&](unsigned Warnings, unsigned Errors) {
    std::string Output;
    raw_string_ostream OS(Output);
    TextDiagnosticPrinter Printer(F.SM, OS, /*ShowColors=*/false);
    DiagnosticEngine Engine(F.SM, Printer);
    for (unsigned I = 0; I != Warnings; ++I)
      Engine.report(DiagID::warn_identifier_too_long, SMRange(), "x", 1, "x");
    for (unsigned I = 0; I != Errors; ++I)
      Engine.report(DiagID::err_expected, SMRange(), "';'");
    OS.flush();
    Output.clear();
    Printer.finish();
    OS.flush();
    return Output;
  };
  EXPECT_EQ(Summary(0, 0), "");
  EXPECT_EQ(Summary(0, 1), "1 error generated.\n");
  EXPECT_EQ(Summary(2, 0), "2 warnings generated.\n");
  EXPECT_EQ(Summary(1, 2), "1 warning and 2 errors generated.\n");
}

TEST(TextDiagnosticPrinterTest, LongLineIsShownAsAWindow) {
  // A 10 MB line with the error in the middle, as a fuzzer would make.
  const size_t Before = 5'000'000;
  std::string Text(Before, 'a');
  Text += " int5 ";
  Text.append(5'000'000, 'b');
  Text += "\n";
  SourceFixture F;
  F.addFile(Text);

  std::string Output;
  raw_string_ostream OS(Output);
  TextDiagnosticPrinter Printer(F.SM, OS, /*ShowColors=*/false);
  DiagnosticEngine Engine(F.SM, Printer);
  Engine.report(DiagID::err_unknown_type, F.range("int5"), "int5", "'public'");
  OS.flush();

  ASSERT_LT(Output.size(), 1000u);
  SmallVector<StringRef, 4> Lines;
  StringRef(Output).split(Lines, '\n');
  ASSERT_EQ(Lines.size(), 4u) << Output; // header, source, caret, ""
  // The column is the real one, not the window's.
  EXPECT_EQ(Lines[0], "test.schema:1:" + std::to_string(Before + 2) +
                          ": error: unknown type 'int5'; looked in 'public' "
                          "[unresolved-name]");
  StringRef Source = Lines[1], Caret = Lines[2];
  EXPECT_TRUE(Source.startswith("...aaa")) << Source.str();
  EXPECT_TRUE(Source.endswith("bbb...")) << Source.str();
  EXPECT_LE(Source.size(), TextDiagnosticPrinter::MaxLineWidth);
  // The caret and '~' sit under "int5" in the window.
  size_t TokenCol = Source.find("int5");
  ASSERT_NE(TokenCol, StringRef::npos);
  EXPECT_EQ(Caret, std::string(TokenCol, ' ') + "^~~~");
}

TEST(TextDiagnosticPrinterTest, LongLineNearItsEnds) {
  std::string Line = "int5" + std::string(1000, 'a') + "int6";
  SourceFixture F;
  F.addFile(Line + "\n");

  std::string Output;
  raw_string_ostream OS(Output);
  TextDiagnosticPrinter Printer(F.SM, OS, /*ShowColors=*/false);
  DiagnosticEngine Engine(F.SM, Printer);
  Engine.report(DiagID::err_unknown_type, F.range("int5"), "int5", "'public'");
  Engine.report(DiagID::err_unknown_type, F.range("int6"), "int6", "'public'");
  OS.flush();

  SmallVector<StringRef, 8> Lines;
  StringRef(Output).split(Lines, '\n');
  ASSERT_EQ(Lines.size(), 7u) << Output;
  // At the start of the line: nothing cut on the left.
  EXPECT_TRUE(Lines[1].startswith("int5aaa")) << Lines[1].str();
  EXPECT_TRUE(Lines[1].endswith("aaa...")) << Lines[1].str();
  EXPECT_EQ(Lines[2], "^~~~");
  // At the end: nothing cut on the right, and the window is full width.
  EXPECT_EQ(Lines[3], "test.schema:1:1005: error: unknown type 'int6'; "
                      "looked in 'public' [unresolved-name]");
  EXPECT_TRUE(Lines[4].startswith("...aaa")) << Lines[4].str();
  EXPECT_TRUE(Lines[4].endswith("aaaint6")) << Lines[4].str();
  EXPECT_EQ(Lines[4].size(), 3 + TextDiagnosticPrinter::WindowWidth);
  EXPECT_EQ(Lines[5], std::string(Lines[4].size() - 4, ' ') + "^~~~");
}

TEST(TextDiagnosticPrinterTest, TabsUTF8AndControlCharacters) {
  // Columns in the header count bytes; the caret lines up on screen: a tab
  // goes to the next multiple of 8, "é" is one column and "表" two, and an
  // escape character (which could drive the terminal) is shown as <U+001B>.
  SourceFixture F;
  F.addFile("\tcafé \x1b 表 x\n");
  std::string Output;
  raw_string_ostream OS(Output);
  TextDiagnosticPrinter Printer(F.SM, OS, /*ShowColors=*/false);
  DiagnosticEngine Engine(F.SM, Printer);
  Engine.report(DiagID::err_unknown_character, F.range("表 x"), "x");
  OS.flush();
  EXPECT_EQ(Output, "test.schema:1:10: error: unexpected character 'x'\n"
                    "        café <U+001B> 表 x\n"
                    "                      ^~~~\n");
}

//===----------------------------------------------------------------------===//
// JSONDiagnosticPrinter
//===----------------------------------------------------------------------===//

TEST(JSONDiagnosticPrinterTest, OneObjectPerLine) {
  SourceFixture F;
  F.addFile("table t (id int5);\ntable t (id int4);\n");
  std::string Output;
  raw_string_ostream OS(Output);
  JSONDiagnosticPrinter Printer(F.SM, OS);
  DiagnosticEngine Engine(F.SM, Printer);
  Engine.report(DiagID::err_unknown_type, F.range("int5"), "int5", "'public'");
  SMLoc Second = SMLoc::getFromPointer(F.at("t (id int4)").getPointer());
  Engine.report(DiagID::err_duplicate_object, Second, "table", "t")
      .note(DiagID::note_previous_declaration, F.point("t (id int5)"));
  Engine.report(DiagID::err_unknown_character, SMRange(), "\xff");
  OS.flush();

  EXPECT_EQ(Output,
            R"({"file":"test.schema","line":1,"column":13,"end_line":1,)"
            R"("end_column":17,"severity":"error","check":"unresolved-name",)"
            R"("message":"unknown type 'int5'; looked in 'public'","notes":[]})"
            "\n"
            R"({"file":"test.schema","line":2,"column":7,"end_line":2,)"
            R"("end_column":7,"severity":"error","check":"duplicate-name",)"
            R"("message":"table 't' is declared twice","notes":[{"file":)"
            R"("test.schema","line":1,"column":7,"message":"previously )"
            R"(declared here"}]})"
            "\n"
            R"({"file":null,"line":null,"column":null,"end_line":null,)"
            R"("end_column":null,"severity":"error","check":null,)"
            "\"message\":\"unexpected character '\xEF\xBF\xBD'\",\"notes\":[]}"
            "\n");
  // Every line is valid JSON on its own.
  SmallVector<StringRef, 4> Lines;
  StringRef(Output).rtrim('\n').split(Lines, '\n');
  for (StringRef Line : Lines) {
    Expected<json::Value> Parsed = json::parse(Line);
    EXPECT_TRUE(static_cast<bool>(Parsed))
        << Line.str() << ": " << (Parsed ? "" : toString(Parsed.takeError()));
  }
}

} // namespace
