//===- NamingConventionTest.cpp - SQLAlchemy-style naming templates -------===//
//
// `naming { ... }` must read SQLAlchemy's keys and expand its tokens exactly
// as SQLAlchemy's naming_convention does, so a schema moved from SQLAlchemy
// keeps its constraint names.
//===----------------------------------------------------------------------===//

#include "sema/NamingConvention.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;

namespace {

//===----------------------------------------------------------------------===//
// parseKey / keyName
//===----------------------------------------------------------------------===//

TEST(NamingConventionTest, ParseKeyLongAndShortForms) {
  EXPECT_EQ(NamingConvention::parseKey("primary_key"), NamedKind::PrimaryKey);
  EXPECT_EQ(NamingConvention::parseKey("pk"), NamedKind::PrimaryKey);
  EXPECT_EQ(NamingConvention::parseKey("foreign_key"), NamedKind::ForeignKey);
  EXPECT_EQ(NamingConvention::parseKey("fk"), NamedKind::ForeignKey);
  EXPECT_EQ(NamingConvention::parseKey("unique"), NamedKind::Unique);
  EXPECT_EQ(NamingConvention::parseKey("uq"), NamedKind::Unique);
  EXPECT_EQ(NamingConvention::parseKey("index"), NamedKind::Index);
  EXPECT_EQ(NamingConvention::parseKey("ix"), NamedKind::Index);
  EXPECT_EQ(NamingConvention::parseKey("check"), NamedKind::Check);
  EXPECT_EQ(NamingConvention::parseKey("ck"), NamedKind::Check);
}

TEST(NamingConventionTest, ParseKeyRejectsOthers) {
  EXPECT_EQ(NamingConvention::parseKey(""), std::nullopt);
  EXPECT_EQ(NamingConvention::parseKey("idx"), std::nullopt);
  EXPECT_EQ(NamingConvention::parseKey("PK"), std::nullopt);
  EXPECT_EQ(NamingConvention::parseKey("primary key"), std::nullopt);
  EXPECT_EQ(NamingConvention::parseKey("exclusion"), std::nullopt);
  EXPECT_EQ(NamingConvention::parseKey("pk "), std::nullopt);
}

TEST(NamingConventionTest, KeyNameIsTheLongForm) {
  EXPECT_EQ(NamingConvention::keyName(NamedKind::PrimaryKey), "primary_key");
  EXPECT_EQ(NamingConvention::keyName(NamedKind::ForeignKey), "foreign_key");
  EXPECT_EQ(NamingConvention::keyName(NamedKind::Unique), "unique");
  EXPECT_EQ(NamingConvention::keyName(NamedKind::Index), "index");
  EXPECT_EQ(NamingConvention::keyName(NamedKind::Check), "check");
  for (NamedKind K : {NamedKind::PrimaryKey, NamedKind::ForeignKey,
                      NamedKind::Unique, NamedKind::Index, NamedKind::Check})
    EXPECT_EQ(NamingConvention::parseKey(NamingConvention::keyName(K)), K);
}

TEST(NamingConventionTest, TemplatesPerKind) {
  NamingConvention N;
  EXPECT_FALSE(N.getTemplate(NamedKind::Index));
  N.setTemplate(NamedKind::Index, "ix_%(table_name)s");
  ASSERT_TRUE(N.getTemplate(NamedKind::Index));
  EXPECT_EQ(*N.getTemplate(NamedKind::Index), "ix_%(table_name)s");
  EXPECT_FALSE(N.getTemplate(NamedKind::Unique));
}

//===----------------------------------------------------------------------===//
// findUnknownToken / usesToken
//===----------------------------------------------------------------------===//

TEST(NamingConventionTest, KnownTokensAreAccepted) {
  for (const char *T :
       {"%(table_name)s", "%(column_0_name)s", "%(column_0N_name)s",
        "%(column_0_N_name)s", "%(referred_table_name)s",
        "%(referred_column_0_name)s", "%(referred_column_0N_name)s",
        "%(referred_column_0_N_name)s", "%(constraint_name)s"})
    EXPECT_EQ(NamingConvention::findUnknownToken(std::string("x_") + T + "_y"),
              "")
        << T;
  EXPECT_EQ(NamingConvention::findUnknownToken(
                "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"),
            "");
  EXPECT_EQ(NamingConvention::findUnknownToken("plain_text"), "");
  EXPECT_EQ(NamingConvention::findUnknownToken(""), "");
}

TEST(NamingConventionTest, FirstUnknownTokenIsReported) {
  EXPECT_EQ(NamingConvention::findUnknownToken("ix_%(tabel_name)s"),
            "%(tabel_name)s");
  EXPECT_EQ(NamingConvention::findUnknownToken(
                "%(table_name)s_%(column_1_name)s_%(bad)s"),
            "%(column_1_name)s");
  EXPECT_EQ(NamingConvention::findUnknownToken("%(TABLE_NAME)s"),
            "%(TABLE_NAME)s");
  // SQLAlchemy's column_0_key and column_0_label are not supported.
  EXPECT_EQ(NamingConvention::findUnknownToken("%(column_0_key)s"),
            "%(column_0_key)s");
  EXPECT_EQ(NamingConvention::findUnknownToken("%()s"), "%()s");
}

TEST(NamingConventionTest, UsesTokenMatchesWholeTokens) {
  llvm::StringRef T = "fk_%(table_name)s_%(referred_column_0_name)s";
  EXPECT_TRUE(NamingConvention::usesToken(T, "table_name"));
  EXPECT_TRUE(NamingConvention::usesToken(T, "referred_column_0_name"));
  // column_0_name is only part of referred_column_0_name.
  EXPECT_FALSE(NamingConvention::usesToken(T, "column_0_name"));
  EXPECT_FALSE(NamingConvention::usesToken(T, "constraint_name"));
  // Text outside %(...)s is not a token.
  EXPECT_FALSE(NamingConvention::usesToken("table_name", "table_name"));
}

//===----------------------------------------------------------------------===//
// expand
//===----------------------------------------------------------------------===//

struct ExpandTest : ::testing::Test {
  std::vector<std::string> Columns{"account_id", "code", "region"};
  std::vector<std::string> Referred{"id", "region"};
  NamingInputs In;
  ExpandTest() {
    In.Table = "orders";
    In.Columns = Columns;
    In.ReferredTable = "accounts";
    In.ReferredColumns = Referred;
    In.ConstraintName = "my_name";
  }
  std::string expand(llvm::StringRef T) {
    return NamingConvention::expand(T, In);
  }
};

TEST_F(ExpandTest, TableName) {
  EXPECT_EQ(expand("pk_%(table_name)s"), "pk_orders");
}

TEST_F(ExpandTest, ColumnTokens) {
  EXPECT_EQ(expand("%(column_0_name)s"), "account_id");
  EXPECT_EQ(expand("%(column_0N_name)s"), "account_idcoderegion");
  EXPECT_EQ(expand("%(column_0_N_name)s"), "account_id_code_region");
}

TEST_F(ExpandTest, ReferredTokens) {
  EXPECT_EQ(expand("%(referred_table_name)s"), "accounts");
  EXPECT_EQ(expand("%(referred_column_0_name)s"), "id");
  EXPECT_EQ(expand("%(referred_column_0N_name)s"), "idregion");
  EXPECT_EQ(expand("%(referred_column_0_N_name)s"), "id_region");
}

TEST_F(ExpandTest, ConstraintName) {
  EXPECT_EQ(expand("ck_%(table_name)s_%(constraint_name)s"),
            "ck_orders_my_name");
  In.ConstraintName.reset();
  EXPECT_EQ(expand("ck_%(constraint_name)s"), "ck_");
}

TEST_F(ExpandTest, SqlAlchemyStyleConventions) {
  EXPECT_EQ(
      expand("fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"),
      "fk_orders_account_id_accounts");
  EXPECT_EQ(expand("uq_%(table_name)s_%(column_0_N_name)s"),
            "uq_orders_account_id_code_region");
  EXPECT_EQ(expand("ix_%(table_name)s_%(column_0_N_name)s"),
            "ix_orders_account_id_code_region");
}

TEST_F(ExpandTest, TextAroundAndBetweenTokensIsKept) {
  EXPECT_EQ(expand("a%(table_name)sb%(table_name)sc"), "aordersborders"
                                                       "c");
  EXPECT_EQ(expand("no tokens here"), "no tokens here");
  EXPECT_EQ(expand(""), "");
  // An unterminated token is text.
  EXPECT_EQ(expand("x_%(table_name"), "x_%(table_name");
  EXPECT_EQ(expand("100%"), "100%");
}

TEST_F(ExpandTest, SingleColumn) {
  Columns = {"email"};
  In.Columns = Columns;
  EXPECT_EQ(expand("%(column_0_name)s|%(column_0N_name)s|%(column_0_N_name)s"),
            "email|email|email");
}

TEST_F(ExpandTest, MissingValuesExpandToNothing) {
  NamingInputs Empty;
  Empty.Table = "t";
  EXPECT_EQ(
      NamingConvention::expand("x_%(column_0_name)s_%(referred_table_name)s_"
                               "%(referred_column_0_N_name)s",
                               Empty),
      "x___");
}

} // namespace
