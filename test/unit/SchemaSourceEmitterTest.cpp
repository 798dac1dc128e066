//===- SchemaSourceEmitterTest.cpp - IR to schema source and back ---------===//
//
// What only an IR that no schema file gives can show: expressions as the
// server printed them (ir::Expr::Kind::Sql, from runtime/Inspect), and what
// the language cannot say. The lit tests in test/CodeGen/emit-schema* cover
// IRs compiled from source.
//===----------------------------------------------------------------------===//

#include "codegen/SchemaSourceEmitter.h"
#include "test/unit/CompileSchema.h"

#include "gtest/gtest.h"

#include <string>

using namespace schemac;
using schemac::test::compile;

namespace {

std::string print(const ir::Schema &S) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  emitSchemaSource(S, OS);
  return OS.str();
}

ir::Expr sql(std::string Text) {
  ir::Expr E;
  E.K = ir::Expr::Kind::Sql;
  E.Text = std::move(Text);
  return E;
}

ir::Table *table(ir::Schema &S, llvm::StringRef Name) {
  for (ir::Table &T : S.Tables)
    if (T.Name.Name == Name)
      return &T;
  return nullptr;
}

const char *const Source = R"(
  schema app {
    enum role { owner, member }
    table items {
      id      serial primary key;
      r       role not null default 'member';
      price   numeric not null;
      qty     integer;
      total   numeric generated always as (price * qty) stored;
      title   text;
      payload jsonb;
      deleted boolean not null default false;
      check (price > 0);
      index (lower(title));
      index ((payload ->> 'path')) where (deleted = false);
    }
  })";

/// The compiled IR with its expressions replaced by the text PostgreSQL
/// prints for them, as inspecting a database built from Source gives.
ir::Schema inspectedLike() {
  ir::Schema S = compile(Source);
  ir::Table &T = *table(S, "items");
  ir::Column &R = T.Columns[1], &Total = T.Columns[4];
  R.Default = std::make_shared<const ir::Expr>(sql("'member'::app.role"));
  Total.Generated =
      std::make_shared<const ir::Expr>(sql("(price * (qty)::numeric)"));
  for (ir::Constraint &C : T.Constraints)
    if (C.K == ir::Constraint::Kind::Check)
      C.Check = sql("(price > (0)::numeric)");
  T.Indexes[0].Elements[0].Expression = sql("lower(title)");
  T.Indexes[1].Elements[0].Expression = sql("(payload ->> 'path'::text)");
  T.Indexes[1].Where = sql("(deleted = false)");
  return S;
}

TEST(SchemaSourceEmitterTest, ServerTextIsPrintedAsWritten) {
  std::string Out = print(inspectedLike());
  EXPECT_NE(Out.find("r       role not null default 'member'::app.role;"),
            std::string::npos)
      << Out;
  // One pair of parentheses, the grammar's, around text that had its own.
  EXPECT_NE(Out.find("generated always as (price * (qty)::numeric) stored"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("index items_lower_idx (lower(title));"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("index items_expr_idx ((payload ->> 'path'::text)) "
                     "where (deleted = false);"),
            std::string::npos)
      << Out;
  // Which columns server text uses is not known before it is compiled:
  // the check keeps its name and stays a table item.
  EXPECT_NE(Out.find("check items_price_check (price > (0)::numeric);"),
            std::string::npos)
      << Out;
  // A serial column's nextval default goes with `serial`.
  EXPECT_NE(Out.find("id      serial primary key;"), std::string::npos) << Out;
}

TEST(SchemaSourceEmitterTest, ServerTextCompilesToTheSchemaItCameFrom) {
  ir::Schema Original = compile(Source);
  ir::Schema Again = compile(print(inspectedLike()));
  const ir::Table &A = *table(Original, "items"), &B = *table(Again, "items");
  ASSERT_EQ(A.Columns.size(), B.Columns.size());
  for (size_t I = 0; I < A.Columns.size(); ++I) {
    EXPECT_TRUE(ir::sameValue(A.Columns[I].Default, B.Columns[I].Default))
        << A.Columns[I].Name;
    EXPECT_EQ(A.Columns[I].SerialSequence, B.Columns[I].SerialSequence);
  }
  ASSERT_EQ(A.Constraints.size(), B.Constraints.size());
  for (const ir::Constraint &C : A.Constraints) {
    auto Same = llvm::find_if(B.Constraints, [&](const ir::Constraint &D) {
      return D.Name == C.Name && D.K == C.K && D.Columns == C.Columns;
    });
    ASSERT_NE(Same, B.Constraints.end()) << C.Name;
    if (C.Check) {
      EXPECT_EQ(C.Check->K, Same->Check->K) << C.Name;
    }
  }
  ASSERT_EQ(A.Indexes.size(), B.Indexes.size());
  for (size_t I = 0; I < A.Indexes.size(); ++I) {
    EXPECT_EQ(A.Indexes[I].Name, B.Indexes[I].Name);
    EXPECT_EQ(A.Indexes[I].Where.has_value(), B.Indexes[I].Where.has_value());
  }
}

TEST(SchemaSourceEmitterTest, OuterParenthesesAreStrippedOnlyWhenTheyWrapAll) {
  ir::Schema S = compile("table t { a integer; b integer; check (a > b); }");
  table(S, "t")->Constraints[0].Check = sql("(a > 0) AND (b > 0)");
  EXPECT_NE(print(S).find("check t_check ((a > 0) AND (b > 0));"),
            std::string::npos)
      << print(S);
  table(S, "t")->Constraints[0].Check = sql("(a > ')(')");
  EXPECT_NE(print(S).find("check t_check (a > ')(');"), std::string::npos)
      << print(S);
  // Line breaks go, except inside quotes.
  table(S, "t")->Constraints[0].Check =
      sql("CASE\n    WHEN (a > 0) THEN (b <> '\n  x')\n    ELSE true\nEND");
  EXPECT_NE(print(S).find("check t_check (CASE WHEN (a > 0) THEN (b <> '\n  "
                          "x') ELSE true END);"),
            std::string::npos)
      << print(S);
}

TEST(SchemaSourceEmitterTest, WhatTheLanguageCannotSayIsNoted) {
  ir::Schema S = compile("table t { id serial; u integer unique; }");
  ir::Table &T = *table(S, "t");
  T.Columns[0].SerialSequence = "custom_seq";
  T.Constraints[0].Deferrable = true;
  std::string Out = print(S);
  EXPECT_NE(Out.find("// the sequence is custom_seq in the IR; serial names "
                     "it itself\n  id serial;"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("// deferrable in the IR; the language has no deferrable "
                     "keys\n  unique (u);"),
            std::string::npos)
      << Out;
}

TEST(SchemaSourceEmitterTest, NamesAreQuotedWhereTheGrammarNeedsIt) {
  ir::Schema S = compile(R"(
    enum "end" { "not", "two words", set }
    table "select" {
      "check" integer;
      "and"   "end";
      key     integer;
      "Mixed" integer;
      index ("check" "asc");
    })");
  std::string Out = print(S);
  EXPECT_NE(Out.find("enum \"end\" { 'not', 'two words', set }"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("table select {"), std::string::npos) << Out;
  EXPECT_NE(Out.find("  \"check\" integer;"), std::string::npos) << Out;
  EXPECT_NE(Out.find("  \"and\"   \"end\";"), std::string::npos) << Out;
  EXPECT_NE(Out.find("  key     integer;"), std::string::npos) << Out;
  EXPECT_NE(Out.find("  Mixed   integer;"), std::string::npos) << Out;
  // An operator class may not be a keyword, not even a soft one.
  EXPECT_NE(Out.find("index (check \"asc\");"), std::string::npos) << Out;
  EXPECT_EQ(print(compile(Out)), Out);
}

} // namespace
