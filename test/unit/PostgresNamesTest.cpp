//===- PostgresNamesTest.cpp - PostgreSQL's default names -----------------===//
//
// The names sema predicts for unnamed constraints, indexes and sequences must
// be exactly PostgreSQL's, or every comparison with a live database shows a
// phantom rename. The expected values below were checked against a
// PostgreSQL 15 server (tables created without constraint names).
//===----------------------------------------------------------------------===//

#include "sema/PostgresNames.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace schemac;

namespace {

std::string rep(const std::string &S, size_t N) {
  std::string Out;
  for (size_t I = 0; I < N; ++I)
    Out += S;
  return Out;
}

//===----------------------------------------------------------------------===//
// clipIdentifier
//===----------------------------------------------------------------------===//

TEST(ClipIdentifierTest, ShortNamesAreUnchanged) {
  EXPECT_EQ(clipIdentifier(""), "");
  EXPECT_EQ(clipIdentifier("users"), "users");
  EXPECT_EQ(clipIdentifier(rep("a", 63)), rep("a", 63));
}

TEST(ClipIdentifierTest, CutsAt63Bytes) {
  EXPECT_EQ(clipIdentifier(rep("a", 64)), rep("a", 63));
  EXPECT_EQ(clipIdentifier(rep("a", 200)), rep("a", 63));
}

TEST(ClipIdentifierTest, NeverSplitsTwoByteCharacter) {
  // 62 + 2 bytes: the cut at 63 would fall inside 'é'.
  EXPECT_EQ(clipIdentifier(rep("a", 62) + "é"), rep("a", 62));
  // 61 + 2 bytes fit.
  EXPECT_EQ(clipIdentifier(rep("a", 61) + "é"), rep("a", 61) + "é");
  // 31 two-byte characters are 62 bytes; a 32nd does not fit.
  EXPECT_EQ(clipIdentifier(rep("é", 40)), rep("é", 31));
}

TEST(ClipIdentifierTest, NeverSplitsThreeOrFourByteCharacter) {
  EXPECT_EQ(clipIdentifier(rep("a", 60) + "€"), rep("a", 60) + "€");
  EXPECT_EQ(clipIdentifier(rep("a", 61) + "€"), rep("a", 61));
  EXPECT_EQ(clipIdentifier(rep("a", 62) + "€x"), rep("a", 62));
  EXPECT_EQ(clipIdentifier(rep("a", 60) + "😀"), rep("a", 60));
  EXPECT_EQ(clipIdentifier(rep("a", 59) + "😀x"), rep("a", 59) + "😀");
}

TEST(ClipIdentifierTest, SmallerLimit) {
  EXPECT_EQ(clipIdentifier("héllo", 1), "h");
  EXPECT_EQ(clipIdentifier("héllo", 2), "h");
  EXPECT_EQ(clipIdentifier("héllo", 3), "hé");
  EXPECT_EQ(clipIdentifier("héllo", 0), "");
}

//===----------------------------------------------------------------------===//
// makeObjectName
//===----------------------------------------------------------------------===//

TEST(MakeObjectNameTest, JoinsPartsWithUnderscores) {
  EXPECT_EQ(makeObjectName("users", "", "pkey"), "users_pkey");
  EXPECT_EQ(makeObjectName("users", "email", "key"), "users_email_key");
  EXPECT_EQ(makeObjectName("t", "a_b", "key"), "t_a_b_key");
  EXPECT_EQ(makeObjectName("t", "", "check"), "t_check");
  EXPECT_EQ(makeObjectName("t", "a", "check1"), "t_a_check1");
  EXPECT_EQ(makeObjectName("t", "", ""), "t");
}

TEST(MakeObjectNameTest, TruncatesLongerPartFirst) {
  // name1 of 60 + name2 of 10 + "fkey": 6 bytes of overhead leave 57, all
  // taken from name1 (PostgreSQL: aaa...(47)_bbbbbbbbbb_fkey).
  std::string Name = makeObjectName(rep("a", 60), rep("b", 10), "fkey");
  EXPECT_EQ(Name, rep("a", 47) + "_" + rep("b", 10) + "_fkey");
  EXPECT_EQ(Name.size(), 63u);

  // The other way round, name2 gives way.
  EXPECT_EQ(makeObjectName(rep("a", 10), rep("b", 60), "idx"),
            rep("a", 10) + "_" + rep("b", 48) + "_idx");
}

TEST(MakeObjectNameTest, EqualPartsShrinkAlternately) {
  // 40 + 40 into 58: 29 each.
  EXPECT_EQ(makeObjectName(rep("t", 40), rep("c", 40), "key"),
            rep("t", 29) + "_" + rep("c", 29) + "_key");
  // 40 + 40 into 57: on a tie name2 shrinks first, so it ends one shorter
  // (PostgreSQL: ttt...(29)_ccc...(28)_fkey).
  EXPECT_EQ(makeObjectName(rep("t", 40), rep("c", 40), "fkey"),
            rep("t", 29) + "_" + rep("c", 28) + "_fkey");
}

TEST(MakeObjectNameTest, Name1AloneIsCutToLeaveRoomForLabel) {
  EXPECT_EQ(makeObjectName(rep("a", 63), "", "pkey"), rep("a", 58) + "_pkey");
  EXPECT_EQ(makeObjectName(rep("a", 63), "", "pkey1"), rep("a", 57) + "_pkey1");
  EXPECT_EQ(makeObjectName(rep("a", 63), "", "check"), rep("a", 57) + "_check");
}

TEST(MakeObjectNameTest, FitsExactlyWithoutTruncation) {
  // 52 + 1 + 5 + 5 = 63.
  EXPECT_EQ(makeObjectName(rep("a", 52), "", "pkey"), rep("a", 52) + "_pkey");
  EXPECT_EQ(makeObjectName(rep("a", 58), "", "pkey"), rep("a", 58) + "_pkey");
}

TEST(MakeObjectNameTest, DoesNotSplitMultibyteCharacters) {
  // 'a' + 30 x 'é' = 61 bytes; 58 are available, which would split the
  // 29th 'é', so 57 are kept (PostgreSQL: aéé...é_pkey, 62 bytes).
  std::string Name = makeObjectName("a" + rep("é", 30), "", "pkey");
  EXPECT_EQ(Name, "a" + rep("é", 28) + "_pkey");
  EXPECT_EQ(Name.size(), 62u);

  // In name2: 1 + 1 + 57 available bytes of 'é' -> 28 characters.
  EXPECT_EQ(makeObjectName("x", rep("é", 31), "idx"),
            "x_" + rep("é", 28) + "_idx");
}

//===----------------------------------------------------------------------===//
// joinNameParts
//===----------------------------------------------------------------------===//

TEST(JoinNamePartsTest, JoinsWithUnderscore) {
  EXPECT_EQ(joinNameParts({}), "");
  EXPECT_EQ(joinNameParts({"a"}), "a");
  EXPECT_EQ(joinNameParts({"owner_id", "created_at"}), "owner_id_created_at");
}

TEST(JoinNamePartsTest, StopsOnceItReaches64Bytes) {
  // Parts of 16 bytes: after four the buffer holds 67 >= 64 bytes, so the
  // fifth is never added.
  std::vector<std::string> Parts;
  for (int I = 1; I <= 5; ++I)
    Parts.push_back("column_number_0" + std::to_string(I));
  EXPECT_EQ(joinNameParts(Parts),
            "column_number_01_column_number_02_column_number_03_"
            "column_number_04");

  // 31 + 1 + 32 = 64: stops; 31 + 1 + 31 = 63: goes on.
  EXPECT_EQ(joinNameParts({rep("a", 31), rep("b", 32), "c"}),
            rep("a", 31) + "_" + rep("b", 32));
  EXPECT_EQ(joinNameParts({rep("a", 31), rep("b", 31), "c"}),
            rep("a", 31) + "_" + rep("b", 31) + "_c");
}

TEST(JoinNamePartsTest, LongPartsThenMakeObjectName) {
  // Two 63-byte column names: PostgreSQL names the index z_qqq...(57)_idx.
  std::vector<std::string> Cols =
      uniqueIndexColumnNames({rep("q", 63), rep("q", 63)});
  std::string Joined = joinNameParts(Cols);
  EXPECT_EQ(Joined, rep("q", 63) + "_" + rep("q", 62) + "1");
  EXPECT_EQ(makeObjectName("z", Joined, "idx"), "z_" + rep("q", 57) + "_idx");
}

//===----------------------------------------------------------------------===//
// uniqueIndexColumnNames
//===----------------------------------------------------------------------===//

TEST(UniqueIndexColumnNamesTest, DistinctNamesAreKept) {
  EXPECT_EQ(uniqueIndexColumnNames({"a", "b", "c"}),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(uniqueIndexColumnNames({}).empty());
}

TEST(UniqueIndexColumnNamesTest, RepeatsGetNumbers) {
  EXPECT_EQ(uniqueIndexColumnNames({"a", "a", "a"}),
            (std::vector<std::string>{"a", "a1", "a2"}));
  EXPECT_EQ(uniqueIndexColumnNames({"expr", "expr"}),
            (std::vector<std::string>{"expr", "expr1"}));
  EXPECT_EQ(uniqueIndexColumnNames({"lower", "b", "lower"}),
            (std::vector<std::string>{"lower", "b", "lower1"}));
}

TEST(UniqueIndexColumnNamesTest, NumberSkipsNamesAlreadyTaken) {
  // The third "a" tries a1 (taken by a real column) and then a2.
  EXPECT_EQ(uniqueIndexColumnNames({"a", "a1", "a"}),
            (std::vector<std::string>{"a", "a1", "a2"}));
}

TEST(UniqueIndexColumnNamesTest, NumberedNameStaysWithin63Bytes) {
  std::vector<std::string> Names =
      uniqueIndexColumnNames({rep("q", 63), rep("q", 63)});
  ASSERT_EQ(Names.size(), 2u);
  EXPECT_EQ(Names[1], rep("q", 62) + "1");
  // Cut without splitting a character.
  // ("a" and 31 x 'é' is 63 bytes; 62 would split the last 'é').
  Names = uniqueIndexColumnNames({"a" + rep("é", 31), "a" + rep("é", 31)});
  EXPECT_EQ(Names[1], "a" + rep("é", 30) + "1");
}

//===----------------------------------------------------------------------===//
// SchemaNames
//===----------------------------------------------------------------------===//

TEST(SchemaNamesTest, RelationNamesGetSuffixesAndAreReserved) {
  SchemaNames Names;
  EXPECT_EQ(Names.chooseRelationName("t", "a", "idx", false), "t_a_idx");
  EXPECT_TRUE(Names.hasRelation("t_a_idx"));
  EXPECT_FALSE(Names.hasConstraint("t_a_idx"));
  EXPECT_EQ(Names.chooseRelationName("t", "a", "idx", false), "t_a_idx1");
  EXPECT_EQ(Names.chooseRelationName("t", "a", "idx", false), "t_a_idx2");
}

TEST(SchemaNamesTest, RelationAvoidsTableNames) {
  SchemaNames Names;
  Names.reserveRelation("t_b_idx"); // a table of that name
  EXPECT_EQ(Names.chooseRelationName("t", "b", "idx", false), "t_b_idx1");
}

TEST(SchemaNamesTest, ConstraintIndexAlsoAvoidsConstraintNames) {
  SchemaNames Names;
  Names.reserveConstraint("t_a_key"); // e.g. a check named so
  // A plain index does not care about constraint names...
  EXPECT_EQ(Names.chooseRelationName("t", "a", "key", false), "t_a_key");
  // ...the index of a unique constraint does, and is a constraint itself.
  EXPECT_EQ(Names.chooseRelationName("t", "a", "key", true), "t_a_key1");
  EXPECT_TRUE(Names.hasConstraint("t_a_key1"));
  EXPECT_TRUE(Names.hasRelation("t_a_key1"));
}

TEST(SchemaNamesTest, ConstraintNamesIgnoreRelations) {
  SchemaNames Names;
  Names.reserveRelation("t_a_check");
  EXPECT_EQ(Names.chooseConstraintName("t", "a", "check"), "t_a_check");
  EXPECT_TRUE(Names.hasConstraint("t_a_check"));
  EXPECT_EQ(Names.chooseConstraintName("t", "a", "check"), "t_a_check1");
  EXPECT_EQ(Names.chooseConstraintName("t", "", "check"), "t_check");
  EXPECT_EQ(Names.chooseConstraintName("t", "", "check"), "t_check1");
  EXPECT_EQ(Names.chooseConstraintName("t", "a", "fkey"), "t_a_fkey");
}

TEST(SchemaNamesTest, SuffixCutsTheNameNotTheLabel) {
  // PostgreSQL: with a relation aaa...(58)_pkey present, the primary key of
  // a 63-byte table is aaa...(57)_pkey1.
  SchemaNames Names;
  Names.reserveRelation(rep("a", 58) + "_pkey");
  EXPECT_EQ(Names.chooseRelationName(rep("a", 63), "", "pkey", true),
            rep("a", 57) + "_pkey1");
}

TEST(SchemaNamesTest, ManyCollisions) {
  SchemaNames Names;
  for (int I = 0; I < 12; ++I)
    Names.chooseConstraintName("t", "a", "check");
  EXPECT_EQ(Names.chooseConstraintName("t", "a", "check"), "t_a_check12");
}

} // namespace
