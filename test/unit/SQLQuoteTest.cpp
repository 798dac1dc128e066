//===- SQLQuoteTest.cpp - The one quoting function for emitted SQL --------===//
//
// Every identifier schemac writes goes through quoteIdentifier, so it must
// quote exactly when PostgreSQL's quote_ident() does: the keyword lists below
// are PostgreSQL 15's pg_get_keywords(), split by whether quote_ident quotes
// the word.
//===----------------------------------------------------------------------===//

#include "sema/SQLQuote.h"

#include "gtest/gtest.h"

#include <string>

using namespace schemac;
using namespace schemac::sql;

namespace {

/// PostgreSQL 15 keywords that quote_ident() returns unquoted (unreserved).
const char *const UnquotedKeywords[] = {"abort",
                                        "absolute",
                                        "access",
                                        "action",
                                        "add",
                                        "admin",
                                        "after",
                                        "aggregate",
                                        "also",
                                        "alter",
                                        "always",
                                        "asensitive",
                                        "assertion",
                                        "assignment",
                                        "at",
                                        "atomic",
                                        "attach",
                                        "attribute",
                                        "backward",
                                        "before",
                                        "begin",
                                        "breadth",
                                        "by",
                                        "cache",
                                        "call",
                                        "called",
                                        "cascade",
                                        "cascaded",
                                        "catalog",
                                        "chain",
                                        "characteristics",
                                        "checkpoint",
                                        "class",
                                        "close",
                                        "cluster",
                                        "columns",
                                        "comment",
                                        "comments",
                                        "commit",
                                        "committed",
                                        "compression",
                                        "configuration",
                                        "conflict",
                                        "connection",
                                        "constraints",
                                        "content",
                                        "continue",
                                        "conversion",
                                        "copy",
                                        "cost",
                                        "csv",
                                        "cube",
                                        "current",
                                        "cursor",
                                        "cycle",
                                        "data",
                                        "database",
                                        "day",
                                        "deallocate",
                                        "declare",
                                        "defaults",
                                        "deferred",
                                        "definer",
                                        "delete",
                                        "delimiter",
                                        "delimiters",
                                        "depends",
                                        "depth",
                                        "detach",
                                        "dictionary",
                                        "disable",
                                        "discard",
                                        "document",
                                        "domain",
                                        "double",
                                        "drop",
                                        "each",
                                        "enable",
                                        "encoding",
                                        "encrypted",
                                        "enum",
                                        "escape",
                                        "event",
                                        "exclude",
                                        "excluding",
                                        "exclusive",
                                        "execute",
                                        "explain",
                                        "expression",
                                        "extension",
                                        "external",
                                        "family",
                                        "filter",
                                        "finalize",
                                        "first",
                                        "following",
                                        "force",
                                        "forward",
                                        "function",
                                        "functions",
                                        "generated",
                                        "global",
                                        "granted",
                                        "groups",
                                        "handler",
                                        "header",
                                        "hold",
                                        "hour",
                                        "identity",
                                        "if",
                                        "immediate",
                                        "immutable",
                                        "implicit",
                                        "import",
                                        "include",
                                        "including",
                                        "increment",
                                        "index",
                                        "indexes",
                                        "inherit",
                                        "inherits",
                                        "inline",
                                        "input",
                                        "insensitive",
                                        "insert",
                                        "instead",
                                        "invoker",
                                        "isolation",
                                        "key",
                                        "label",
                                        "language",
                                        "large",
                                        "last",
                                        "leakproof",
                                        "level",
                                        "listen",
                                        "load",
                                        "local",
                                        "location",
                                        "lock",
                                        "locked",
                                        "logged",
                                        "mapping",
                                        "match",
                                        "matched",
                                        "materialized",
                                        "maxvalue",
                                        "merge",
                                        "method",
                                        "minute",
                                        "minvalue",
                                        "mode",
                                        "month",
                                        "move",
                                        "name",
                                        "names",
                                        "new",
                                        "next",
                                        "nfc",
                                        "nfd",
                                        "nfkc",
                                        "nfkd",
                                        "no",
                                        "normalized",
                                        "nothing",
                                        "notify",
                                        "nowait",
                                        "nulls",
                                        "object",
                                        "of",
                                        "off",
                                        "oids",
                                        "old",
                                        "operator",
                                        "option",
                                        "options",
                                        "ordinality",
                                        "others",
                                        "over",
                                        "overriding",
                                        "owned",
                                        "owner",
                                        "parallel",
                                        "parameter",
                                        "parser",
                                        "partial",
                                        "partition",
                                        "passing",
                                        "password",
                                        "plans",
                                        "policy",
                                        "preceding",
                                        "prepare",
                                        "prepared",
                                        "preserve",
                                        "prior",
                                        "privileges",
                                        "procedural",
                                        "procedure",
                                        "procedures",
                                        "program",
                                        "publication",
                                        "quote",
                                        "range",
                                        "read",
                                        "reassign",
                                        "recheck",
                                        "recursive",
                                        "ref",
                                        "referencing",
                                        "refresh",
                                        "reindex",
                                        "relative",
                                        "release",
                                        "rename",
                                        "repeatable",
                                        "replace",
                                        "replica",
                                        "reset",
                                        "restart",
                                        "restrict",
                                        "return",
                                        "returns",
                                        "revoke",
                                        "role",
                                        "rollback",
                                        "rollup",
                                        "routine",
                                        "routines",
                                        "rows",
                                        "rule",
                                        "savepoint",
                                        "schema",
                                        "schemas",
                                        "scroll",
                                        "search",
                                        "second",
                                        "security",
                                        "sequence",
                                        "sequences",
                                        "serializable",
                                        "server",
                                        "session",
                                        "set",
                                        "sets",
                                        "share",
                                        "show",
                                        "simple",
                                        "skip",
                                        "snapshot",
                                        "sql",
                                        "stable",
                                        "standalone",
                                        "start",
                                        "statement",
                                        "statistics",
                                        "stdin",
                                        "stdout",
                                        "storage",
                                        "stored",
                                        "strict",
                                        "strip",
                                        "subscription",
                                        "support",
                                        "sysid",
                                        "system",
                                        "tables",
                                        "tablespace",
                                        "temp",
                                        "template",
                                        "temporary",
                                        "text",
                                        "ties",
                                        "transaction",
                                        "transform",
                                        "trigger",
                                        "truncate",
                                        "trusted",
                                        "type",
                                        "types",
                                        "uescape",
                                        "unbounded",
                                        "uncommitted",
                                        "unencrypted",
                                        "unknown",
                                        "unlisten",
                                        "unlogged",
                                        "until",
                                        "update",
                                        "vacuum",
                                        "valid",
                                        "validate",
                                        "validator",
                                        "value",
                                        "varying",
                                        "version",
                                        "view",
                                        "views",
                                        "volatile",
                                        "whitespace",
                                        "within",
                                        "without",
                                        "work",
                                        "wrapper",
                                        "write",
                                        "xml",
                                        "year",
                                        "yes",
                                        "zone"};

/// PostgreSQL 15 keywords that quote_ident() quotes (reserved, column-name
/// and type/function-name keywords).
const char *const QuotedKeywords[] = {"all",
                                      "analyse",
                                      "analyze",
                                      "and",
                                      "any",
                                      "array",
                                      "as",
                                      "asc",
                                      "asymmetric",
                                      "authorization",
                                      "between",
                                      "bigint",
                                      "binary",
                                      "bit",
                                      "boolean",
                                      "both",
                                      "case",
                                      "cast",
                                      "char",
                                      "character",
                                      "check",
                                      "coalesce",
                                      "collate",
                                      "collation",
                                      "column",
                                      "concurrently",
                                      "constraint",
                                      "create",
                                      "cross",
                                      "current_catalog",
                                      "current_date",
                                      "current_role",
                                      "current_schema",
                                      "current_time",
                                      "current_timestamp",
                                      "current_user",
                                      "dec",
                                      "decimal",
                                      "default",
                                      "deferrable",
                                      "desc",
                                      "distinct",
                                      "do",
                                      "else",
                                      "end",
                                      "except",
                                      "exists",
                                      "extract",
                                      "false",
                                      "fetch",
                                      "float",
                                      "for",
                                      "foreign",
                                      "freeze",
                                      "from",
                                      "full",
                                      "grant",
                                      "greatest",
                                      "group",
                                      "grouping",
                                      "having",
                                      "ilike",
                                      "in",
                                      "initially",
                                      "inner",
                                      "inout",
                                      "int",
                                      "integer",
                                      "intersect",
                                      "interval",
                                      "into",
                                      "is",
                                      "isnull",
                                      "join",
                                      "lateral",
                                      "leading",
                                      "least",
                                      "left",
                                      "like",
                                      "limit",
                                      "localtime",
                                      "localtimestamp",
                                      "national",
                                      "natural",
                                      "nchar",
                                      "none",
                                      "normalize",
                                      "not",
                                      "notnull",
                                      "null",
                                      "nullif",
                                      "numeric",
                                      "offset",
                                      "on",
                                      "only",
                                      "or",
                                      "order",
                                      "out",
                                      "outer",
                                      "overlaps",
                                      "overlay",
                                      "placing",
                                      "position",
                                      "precision",
                                      "primary",
                                      "real",
                                      "references",
                                      "returning",
                                      "right",
                                      "row",
                                      "select",
                                      "session_user",
                                      "setof",
                                      "similar",
                                      "smallint",
                                      "some",
                                      "substring",
                                      "symmetric",
                                      "table",
                                      "tablesample",
                                      "then",
                                      "time",
                                      "timestamp",
                                      "to",
                                      "trailing",
                                      "treat",
                                      "trim",
                                      "true",
                                      "union",
                                      "unique",
                                      "user",
                                      "using",
                                      "values",
                                      "varchar",
                                      "variadic",
                                      "verbose",
                                      "when",
                                      "where",
                                      "window",
                                      "with",
                                      "xmlattributes",
                                      "xmlconcat",
                                      "xmlelement",
                                      "xmlexists",
                                      "xmlforest",
                                      "xmlnamespaces",
                                      "xmlparse",
                                      "xmlpi",
                                      "xmlroot",
                                      "xmlserialize",
                                      "xmltable"};

TEST(SQLQuoteTest, PlainLowercaseNeedsNoQuotes) {
  EXPECT_FALSE(needsQuotes("users"));
  EXPECT_FALSE(needsQuotes("_private"));
  EXPECT_FALSE(needsQuotes("a1"));
  EXPECT_FALSE(needsQuotes("created_at"));
  EXPECT_FALSE(needsQuotes("x"));
  EXPECT_EQ(quoteIdentifier("users"), "users");
}

TEST(SQLQuoteTest, AnythingElseIsQuoted) {
  EXPECT_TRUE(needsQuotes(""));
  EXPECT_TRUE(needsQuotes("Users"));
  EXPECT_TRUE(needsQuotes("userS"));
  EXPECT_TRUE(needsQuotes("USER_ID"));
  EXPECT_TRUE(needsQuotes("1a"));
  EXPECT_TRUE(needsQuotes("9"));
  EXPECT_TRUE(needsQuotes("a$"));
  EXPECT_TRUE(needsQuotes("$a"));
  EXPECT_TRUE(needsQuotes("a b"));
  EXPECT_TRUE(needsQuotes("a-b"));
  EXPECT_TRUE(needsQuotes("a.b"));
  EXPECT_TRUE(needsQuotes("a\"b"));
  EXPECT_TRUE(needsQuotes("é"));
  EXPECT_TRUE(needsQuotes("größe"));
}

TEST(SQLQuoteTest, MatchesQuoteIdentForEveryKeyword) {
  for (const char *K : UnquotedKeywords) {
    EXPECT_FALSE(needsQuotes(K)) << K;
    EXPECT_EQ(quoteIdentifier(K), K);
  }
  for (const char *K : QuotedKeywords) {
    EXPECT_TRUE(needsQuotes(K)) << K;
    EXPECT_EQ(quoteIdentifier(K), std::string("\"") + K + "\"");
  }
}

TEST(SQLQuoteTest, UnreservedKeywordsCommonAsColumnNames) {
  for (const char *K : {"type", "key", "comment", "name", "value", "index",
                        "data", "action", "position_x", "level", "version"})
    EXPECT_EQ(quoteIdentifier(K), K);
  for (const char *K : {"user", "order", "check", "table", "group", "default",
                        "select", "from", "primary", "references", "end"})
    EXPECT_EQ(quoteIdentifier(K), std::string("\"") + K + "\"");
  // Keywords are lowercase words: in another case they are just names that
  // need quotes for their capitals.
  EXPECT_EQ(quoteIdentifier("Type"), "\"Type\"");
  EXPECT_EQ(quoteIdentifier("USER"), "\"USER\"");
}

TEST(SQLQuoteTest, QuoteIdentifierDoublesQuotes) {
  EXPECT_EQ(quoteIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quoteIdentifier("\""), "\"\"\"\"");
  EXPECT_EQ(quoteIdentifier("\"\""), "\"\"\"\"\"\"");
  EXPECT_EQ(quoteIdentifier("x\"; drop table users; --"),
            "\"x\"\"; drop table users; --\"");
  EXPECT_EQ(quoteIdentifier("Order Items"), "\"Order Items\"");
  EXPECT_EQ(quoteIdentifier("price$"), "\"price$\"");
  EXPECT_EQ(quoteIdentifier("größe"), "\"größe\"");
  EXPECT_EQ(quoteIdentifier(""), "\"\"");
  // Single quotes and backslashes are plain characters in an identifier.
  EXPECT_EQ(quoteIdentifier("it's"), "\"it's\"");
  EXPECT_EQ(quoteIdentifier("a\\b"), "\"a\\b\"");
}

TEST(SQLQuoteTest, QuoteQualifiedQuotesEachPart) {
  EXPECT_EQ(quoteQualified({"public", "users"}), "public.users");
  EXPECT_EQ(quoteQualified({"public", "user"}), "public.\"user\"");
  EXPECT_EQ(quoteQualified({"Sales Data", "order"}),
            "\"Sales Data\".\"order\"");
  EXPECT_EQ(quoteQualified({"app", "a.b"}), "app.\"a.b\"");
}

TEST(SQLQuoteTest, QuoteStringDoublesSingleQuotesOnly) {
  EXPECT_EQ(quoteString(""), "''");
  EXPECT_EQ(quoteString("plain"), "'plain'");
  EXPECT_EQ(quoteString("it's"), "'it''s'");
  EXPECT_EQ(quoteString("''"), "''"
                               "''"
                               "''");
  // Backslashes stay as they are (standard_conforming_strings is on).
  EXPECT_EQ(quoteString("C:\\temp\\"), "'C:\\temp\\'");
  EXPECT_EQ(quoteString("a\\'b"), "'a\\''b'");
  EXPECT_EQ(quoteString("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(quoteString("$1 and $$"), "'$1 and $$'");
  EXPECT_EQ(quoteString("line\nbreak"), "'line\nbreak'");
  EXPECT_EQ(quoteString("é"), "'é'");
}

TEST(SQLQuoteTest, FunctionNamesWithSpecialCallSyntaxStayUnquoted) {
  // coalesce(...) etc. are grammar productions; "coalesce"(...) would look
  // for a function that does not exist.
  for (const char *F : {"coalesce", "greatest", "least", "nullif"})
    EXPECT_EQ(quoteFunctionName(F), F);
  // Type/function-name keywords and unreserved words are fine as calls.
  for (const char *F : {"left", "right", "lower", "now", "length", "format"})
    EXPECT_EQ(quoteFunctionName(F), F);
  // Reserved words and non-lowercase names are quoted.
  EXPECT_EQ(quoteFunctionName("user"), "\"user\"");
  EXPECT_EQ(quoteFunctionName("Lower"), "\"Lower\"");
  EXPECT_EQ(quoteFunctionName("my fn"), "\"my fn\"");
}

// BUG: column-name keywords that are type names (timestamp, numeric, varchar,
// int, ...) are a syntax error unquoted in call position: PostgreSQL rejects
// `timestamp(d)` but accepts `"timestamp"(d)`. quoteFunctionName leaves them
// unquoted, so a check written `"timestamp"(d) > ...` emits invalid SQL.
TEST(SQLQuoteTest, TypeNameKeywordsAreQuotedInCalls) {
  for (const char *F :
       {"timestamp", "time", "numeric", "varchar", "int", "integer", "bigint",
        "smallint", "boolean", "char", "character", "decimal", "float", "real",
        "interval", "bit"})
    EXPECT_EQ(quoteFunctionName(F), std::string("\"") + F + "\"") << F;
}

} // namespace
