//===- ExprEquivalenceTest.cpp - Stored and written spellings agree -------===//
//
// The second spelling of each pair is what PostgreSQL 15 prints for the
// first (pg_get_expr / pg_get_constraintdef under search_path = pg_catalog,
// recorded from a server), so a schema file and an inspected database
// compare equal; the pairs that must differ keep real changes visible.
//===----------------------------------------------------------------------===//

#include "sema/ExprEquivalence.h"

#include "codegen/SQLFormat.h"

#include "CompileSchema.h"

#include "gtest/gtest.h"

using namespace schemac;

namespace {

const char *Columns = R"(
    n integer; big bigint; small smallint; price numeric(10, 2);
    ratio real; d double precision; status text; email varchar(320);
    code char(3); nick citext; role role; tags text[]; flag boolean;
    meta jsonb; ts timestamptz;
)";

/// Compiles two checks on one table and compares them.
bool sameCheck(const std::string &A, const std::string &B) {
  ir::Schema S =
      test::compile("extension citext;\nschema app {\n"
                    "  enum role { owner, admin, member }\n  table t {" +
                    std::string(Columns) + "    check (" + A + ");\n" +
                    "    check (" + B + ");\n  }\n}\n");
  if (S.Tables.size() != 1 || S.Tables[0].Constraints.size() != 2) {
    ADD_FAILURE() << "did not compile: " << A << " / " << B;
    return false;
  }
  const ir::Table &T = S.Tables[0];
  bool Same =
      equivalentExprs(*T.Constraints[0].Check, *T.Constraints[1].Check, &T);
  // Equivalence is symmetric.
  EXPECT_EQ(Same, equivalentExprs(*T.Constraints[1].Check,
                                  *T.Constraints[0].Check, &T))
      << A << " / " << B;
  return Same;
}

/// Compiles two defaults of columns of type Type and compares them.
bool sameDefault(const std::string &Type, const std::string &A,
                 const std::string &B) {
  ir::Schema S = test::compile(
      "extension \"uuid-ossp\";\nschema app {\n"
      "  enum role { owner, admin, member }\n  table t {\n    a " +
      Type + " default " + A + ";\n    b " + Type + " default " + B +
      ";\n  }\n}\n");
  if (S.Tables.size() != 1 || S.Tables[0].Columns.size() != 2) {
    ADD_FAILURE() << "did not compile: " << A << " / " << B;
    return false;
  }
  const ir::Column &X = S.Tables[0].Columns[0], &Y = S.Tables[0].Columns[1];
  return equivalentDefaults(X.Default.get(), Y.Default.get(), X.Ty);
}

struct Pair {
  const char *Written, *Printed;
};

TEST(ExprEquivalenceTest, ChecksAsPostgresPrintsThem) {
  const Pair Pairs[] = {
      {"status IN ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))"},
      {"status NOT IN ('a', 'b')",
       "(status <> ALL (ARRAY['a'::text, 'b'::text]))"},
      {"email IN ('a', 'b')",
       "((email)::text = ANY ((ARRAY['a'::character varying, "
       "'b'::character varying])::text[]))"},
      {"email NOT IN ('a', 'b')",
       "((email)::text <> ALL ((ARRAY['a'::character varying, "
       "'b'::character varying])::text[]))"},
      // The pretty form of pg_get_constraintdef(oid, true).
      {"email IN ('a', 'b')",
       "email::text = ANY (ARRAY['a'::character varying, "
       "'b'::character varying]::text[])"},
      // The form above compiled and stored again: the array's cast moved
      // onto its elements.
      {"email IN ('a', 'b')",
       "((email)::text = ANY (ARRAY[('a'::character varying)::text, "
       "('b'::character varying)::text]))"},
      {"status IN ('a')", "(status = 'a'::text)"},
      {"status NOT IN ('a')", "(status <> 'a'::text)"},
      {"n IN (1, 2)", "(n = ANY (ARRAY[1, 2]))"},
      {"big IN (1, 2)", "(big = ANY (ARRAY[(1)::bigint, (2)::bigint]))"},
      {"price IN (1, 2.5)", "(price = ANY (ARRAY[(1)::numeric, 2.5]))"},
      {"d IN (1, 2)",
       "(d = ANY (ARRAY[(1)::double precision, (2)::double precision]))"},
      {"n = any(array[1, 2])", "n IN (1, 2)"},
      {"n = some(array[1])", "n = 1"},
      {"role IN ('owner', 'admin')",
       "(role = ANY (ARRAY['owner'::app.role, 'admin'::app.role]))"},
      {"role <> 'member'", "(role <> 'member'::app.role)"},
      {"status LIKE 'a%'", "(status ~~ 'a%'::text)"},
      {"status ILIKE 'a%'", "(status ~~* 'a%'::text)"},
      {"status NOT LIKE 'a%'", "(status !~~ 'a%'::text)"},
      {"status NOT ILIKE 'a%'", "(status !~~* 'a%'::text)"},
      {"email LIKE 'a%'", "((email)::text ~~ 'a%'::text)"},
      {"n != 0", "(n <> 0)"},
      {"price > 0", "(price > (0)::numeric)"},
      {"price > 0", "price > 0::numeric"},
      {"n > -1", "(n > '-1'::integer)"},
      {"small > -1", "(small > '-1'::integer)"},
      {"big > 10000000000", "(big > '10000000000'::bigint)"},
      {"big < -10000000000", "(big < '-10000000000'::bigint)"},
      {"ratio < 1", "(ratio < (1)::double precision)"},
      {"ratio > -1", "(ratio > ('-1'::integer)::double precision)"},
      {"ratio > 1.5", "(ratio > (1.5)::double precision)"},
      {"d > 1e10", "(d > ('10000000000'::numeric)::double precision)"},
      {"price > 1e3", "(price > '1000'::numeric)"},
      {"price = -0.0", "(price = 0.0)"},
      {"n > 1.5", "((n)::numeric > 1.5)"},
      {"n IN (1.5, 2.5)", "((n)::numeric = ANY (ARRAY[1.5, 2.5]))"},
      {"big IN (1, 2.5)", "((big)::numeric = ANY (ARRAY[(1)::numeric, 2.5]))"},
      {"n NOT IN (1, 2.5)", "((n)::numeric <> ALL (ARRAY[(1)::numeric, 2.5]))"},
      {"small IN (1, 100000)", "(small = ANY (ARRAY[1, 100000]))"},
      {"n * -1 < 0", "((n * '-1'::integer) < 0)"},
      {"-n < 0", "((- n) < 0)"},
      {"price * 2 > 1", "((price * (2)::numeric) > (1)::numeric)"},
      {"lower(email) <> ''", "(lower((email)::text) <> ''::text)"},
      {"lower(code) = 'a'", "(lower((code)::text) = 'a'::text)"},
      {"nick::text = 'A'", "((nick)::text = 'A'::text)"},
      {"status::varchar(3) = 'a'",
       "(((status)::character varying(3))::text = 'a'::text)"},
      // char compared with text: the char side is cast.
      {"code = upper(code) and length(code) = 3",
       "(((code)::text = upper((code)::text)) AND (length(code) = 3))"},
      {"2 * n ^ 2 >= 0", "((((2)::double precision * ((n)::double precision ^ "
                         "(2)::double precision)) >= (0)::double precision))"},
      {"n::double precision ^ 2 > 1", "n ^ 2 > 1"},
      {"n / 2.5 > 1", "(((n)::numeric / 2.5) > (1)::numeric)"},
      {"code = 'abc'", "(code = 'abc'::bpchar)"},
      {"length(nick) > 3", "(length((nick)::text) > 3)"},
      {"nick = 'A'", "(nick OPERATOR(public.=) 'A'::public.citext)"},
      {"nick <> ''", "(nick OPERATOR(public.<>) ''::public.citext)"},
      {"nick LIKE '%@%'", "(nick OPERATOR(public.~~) '%@%'::public.citext)"},
      {"nick IN ('a', 'b')",
       "(nick OPERATOR(public.=) ANY (ARRAY['a'::public.citext, "
       "'b'::public.citext]))"},
      {"coalesce(status, '') <> ''",
       "(COALESCE(status, ''::text) <> ''::text)"},
      {"substring(status, 1, 2) = 'ab'",
       "(\"substring\"(status, 1, 2) = 'ab'::text)"},
      {"email || status <> ''", "(((email)::text || status) <> ''::text)"},
      {"code || 'x' <> ''", "(((code)::text || 'x'::text) <> ''::text)"},
      {"'a' = any(tags)", "('a'::text = ANY (tags))"},
      {"status::text <> 'x'", "(status <> 'x'::text)"},
      {"meta ->> 'k' = 'v'", "((meta ->> 'k'::text) = 'v'::text)"},
      {"n > 0 and (n < 10 and n <> 5)", "n > 0 AND n < 10 AND n <> 5"},
      {"(n > 0 or n < -10) or n = 5",
       "((n > 0) OR (n < '-10'::integer) OR (n = 5))"},
      {"case n when 1 then true when 2 then false end",
       "CASE n WHEN 1 THEN true WHEN 2 THEN false ELSE NULL::boolean END"},
      {"CASE WHEN status = 'a' THEN true ELSE false END",
       "\nCASE\n    WHEN (status = 'a'::text) THEN true\n    ELSE false\nEND"},
      {"flag IS NOT TRUE", "(flag IS NOT TRUE)"},
      {"ts > now() - '1 day'::interval", "(ts > (now() - '1 day'::interval))"},
      {"NOT (status = 'x')", "(NOT (status = 'x'::text))"},
  };
  for (const Pair &P : Pairs)
    EXPECT_TRUE(sameCheck(P.Written, P.Printed))
        << P.Written << "  vs  " << P.Printed;
}

TEST(ExprEquivalenceTest, RealChangesStayChanges) {
  const Pair Pairs[] = {
      {"price > 0", "price > 1"},
      {"price > 0", "(price > (1)::numeric)"},
      {"status IN ('a', 'b')", "status IN ('a', 'c')"},
      {"status IN ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'c'::text]))"},
      {"status IN ('a', 'b')", "status NOT IN ('a', 'b')"},
      {"status IN ('a', 'b')", "(status <> ANY (ARRAY['a'::text, 'b'::text]))"},
      {"status IN ('a', 'b')", "status IN ('a', 'b', 'c')"},
      {"lower(email) = 'x'", "upper(email) = 'x'"},
      {"lower(email) = 'x'", "(upper((email)::text) = 'x'::text)"},
      {"status LIKE 'a%'", "status ILIKE 'a%'"},
      {"status LIKE 'a%'", "(status !~~ 'a%'::text)"},
      {"status = 'a'", "status = 'A'"},
      {"n > -1", "n > 1"},
      {"n > -1", "(n > '1'::integer)"},
      {"n < 0", "n <= 0"},
      {"n > 0 and flag", "n > 0 or flag"},
      {"role <> 'member'", "(role <> 'admin'::app.role)"},
      // An explicit widening changes integer division.
      {"n::numeric / 2 > 1", "n / 2 > 1"},
      {"n::numeric IN (1, 2)", "n IN (1, 2)"},
      {"(n::numeric + 1) / 2 > 0", "(n + 1) / 2 > 0"},
      {"(n::numeric + 1) / 2 > 0", "((((n + 1) / 2))::numeric > (0)::numeric)"},
      // char and citext compare by their own rules; text by its.
      {"code::text = 'a'", "code = 'a'"},
      {"nick::text = 'A'", "nick = 'A'"},
      // A cast that rounds or truncates is not a constant's spelling.
      {"n = 1.5::integer", "n = 1.5"},
      {"email::varchar(3) = 'a'", "email = 'a'"},
      {"case n when 1 then true else false end", "case n when 1 then true end"},
  };
  for (const Pair &P : Pairs)
    EXPECT_FALSE(sameCheck(P.Written, P.Printed))
        << P.Written << "  vs  " << P.Printed;
}

TEST(ExprEquivalenceTest, DefaultsAsPostgresPrintsThem) {
  struct Case {
    const char *Type, *Written, *Printed;
  };
  const Case Same[] = {
      {"integer", "-1", "'-1'::integer"},
      {"bigint", "-1", "'-1'::integer"},
      {"bigint", "10000000000", "'10000000000'::bigint"},
      {"integer", "+5", "(+ 5)"},
      {"integer", "'5'", "5"},
      {"integer", "(-(1))", "'-1'::integer"},
      {"real", "-0.5", "'-0.5'::numeric"},
      {"double precision", "1e3", "'1000'::numeric"},
      {"double precision", "1.5e3", "'1500'::numeric"},
      {"double precision", "'NaN'", "'NaN'::double precision"},
      {"numeric", "1.5e-3", "0.0015"},
      {"numeric", "-0", "0"},
      {"numeric", "2.50", "2.50"},
      {"numeric(10, 2)", "-1.5", "'-1.5'::numeric"},
      {"text", "'active'", "'active'::text"},
      {"text", "'it''s'", "'it''s'::text"},
      {"text", "lower('X')", "lower('X'::text)"},
      {"text", "'a' || 'b'", "('a'::text || 'b'::text)"},
      {"varchar(20)", "'x'", "'x'::character varying"},
      {"char(3)", "'ab'", "'ab'::bpchar"},
      {"role", "'member'", "'member'::app.role"},
      {"boolean", "'t'", "true"},
      {"boolean", "false", "false"},
      {"text[]", "'{}'", "'{}'::text[]"},
      {"text[]", "array['a', 'b']", "ARRAY['a'::text, 'b'::text]"},
      {"text[]", "array[]::text[]", "ARRAY[]::text[]"},
      {"varchar(5)[]", "'{}'", "'{}'::character varying[]"},
      {"jsonb", "'{}'", "'{}'::jsonb"},
      {"date", "'2020-01-01'", "'2020-01-01'::date"},
      {"date", "now()::date", "(now())::date"},
      {"uuid", "uuid_generate_v4()", "public.uuid_generate_v4()"},
      {"bigint", "nextval('app.s')", "nextval('app.s'::regclass)"},
      {"timestamptz", "current_timestamp", "CURRENT_TIMESTAMP"},
      {"timestamptz", "now()", "now()"},
      {"timestamptz", "current_timestamp(3)", "CURRENT_TIMESTAMP(3)"},
      {"text", "current_user", "CURRENT_USER"},
  };
  for (const Case &C : Same)
    EXPECT_TRUE(sameDefault(C.Type, C.Written, C.Printed))
        << C.Type << ": " << C.Written << "  vs  " << C.Printed;

  const Case Different[] = {
      {"integer", "-1", "1"},
      {"integer", "'5'", "6"},
      {"numeric", "1.5", "'1.6'::numeric"},
      {"text", "'5'", "'6'::text"},
      {"role", "'member'", "'owner'::app.role"},
      {"boolean", "'t'", "false"},
      {"varchar(10)", "'abcdef'::varchar(3)", "'abcdef'"},
      {"timestamptz", "now()", "'2020-01-01'"},
      {"uuid", "uuid_generate_v4()", "gen_random_uuid()"},
  };
  for (const Case &C : Different)
    EXPECT_FALSE(sameDefault(C.Type, C.Written, C.Printed))
        << C.Type << ": " << C.Written << "  vs  " << C.Printed;
}

TEST(ExprEquivalenceTest, AbsentExpressions) {
  ir::Expr Now;
  Now.K = ir::Expr::Kind::Call;
  Now.Text = "now";
  EXPECT_TRUE(equivalentExprs(nullptr, nullptr, nullptr));
  EXPECT_FALSE(equivalentExprs(&Now, nullptr, nullptr));
  EXPECT_FALSE(equivalentExprs(nullptr, &Now, nullptr));
  EXPECT_TRUE(equivalentExprs(&Now, &Now, nullptr));
}

// The canonical form is for comparing: what the IR holds (and the DDL
// prints) is still what the user wrote.
TEST(ExprEquivalenceTest, IRKeepsTheUsersSpelling) {
  ir::Schema S = test::compile(
      "table t { s text; n integer; check (s IN ('a', 'b') AND n != -1 AND "
      "s NOT LIKE 'x%'); }");
  const ir::Table &T = S.Tables[0];
  const ir::Expr &Check = *T.Constraints[0].Check;
  EXPECT_EQ(sql::formatExpr(Check),
            "((s IN ('a', 'b')) AND (n <> (-1))) AND (s NOT LIKE 'x%')");
  EXPECT_EQ(Check.Args[0].Args[1].Args[1].K, ir::Expr::Kind::Unary);
  EXPECT_EQ(sql::formatExpr(canonicalForComparison(Check, &T)),
            "((s IN ('a', 'b')) AND (n <> (-1))) AND (s !~~ 'x%')");
  EXPECT_EQ(canonicalForComparison(Check, &T).Args[0].Args[1].Args[1].K,
            ir::Expr::Kind::Number);
}

TEST(ExprEquivalenceTest, CanonicalNumbers) {
  struct Case {
    const char *Written, *Canonical;
  };
  const Case Cases[] = {
      {"1e3", "1000"},
      {"1.5e-3", "0.0015"},
      {"1.50e1", "15.0"},
      {".5", "0.5"},
      {"2.", "2"},
      {"007", "7"},
      {"1E+2", "100"},
      {"0.0", "0.0"},
      {"12345678901234567890", "12345678901234567890"},
  };
  for (const Case &C : Cases) {
    ir::Expr N;
    N.K = ir::Expr::Kind::Number;
    N.Text = C.Written;
    EXPECT_EQ(canonicalForComparison(N, nullptr).Text, C.Canonical)
        << C.Written;
  }
}

} // namespace
