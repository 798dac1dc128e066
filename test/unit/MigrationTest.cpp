//===- MigrationTest.cpp - The migration planner's order and matching -----===//

#include "codegen/Migration.h"
#include "test/unit/CompileSchema.h"

#include "gtest/gtest.h"

#include <string>

using namespace schemac;
using schemac::test::compile;

namespace {

/// Where the first step whose SQL contains Needle stands; -1 if none.
int position(const MigrationPlan &Plan, llvm::StringRef Needle) {
  for (size_t I = 0; I < Plan.Steps.size(); ++I)
    for (const std::string &SQL : Plan.Steps[I].SQL)
      if (llvm::StringRef(SQL).contains(Needle))
        return static_cast<int>(I);
  return -1;
}

TEST(MigrationTest, ASchemaAgainstItselfIsEmpty) {
  ir::Schema S = compile(R"(
    schema app {
      enum role { owner, member }
      table users { id integer primary key; r role default 'member'; }
      table posts { id bigint primary key; author integer references users;
                    index (author); check (id > 0); }
    })");
  EXPECT_TRUE(planMigration(S, S).empty());
}

TEST(MigrationTest, CreationsFollowDependencies) {
  ir::Schema From = compile("table keep { id integer primary key; }");
  ir::Schema To = compile(R"(
    table keep { id integer primary key; }
    schema app {
      enum role { a, b }
      table child { id integer primary key; p integer references parent;
                    index (p); }
      table parent { id integer primary key; r role; c integer references child; }
    })");
  MigrationPlan Plan = planMigration(From, To);
  int Schema = position(Plan, "CREATE SCHEMA IF NOT EXISTS app");
  int Enum = position(Plan, "CREATE TYPE app.role");
  int Parent = position(Plan, "CREATE TABLE app.parent");
  int Child = position(Plan, "CREATE TABLE app.child");
  int Fk = position(Plan, "ADD CONSTRAINT child_p_fkey");
  int Cycle = position(Plan, "ADD CONSTRAINT parent_c_fkey");
  int Index = position(Plan, "CREATE INDEX child_p_idx");
  ASSERT_GE(Schema, 0);
  EXPECT_LT(Schema, Enum);
  EXPECT_LT(Enum, Parent);
  EXPECT_LT(Enum, Child);
  // Foreign keys (a cycle here) once both tables exist; indexes last.
  EXPECT_LT(std::max(Parent, Child), std::min(Fk, Cycle));
  EXPECT_LT(std::max(Fk, Cycle), Index);
}

TEST(MigrationTest, DropsInReverseOrderTypesLast) {
  ir::Schema From = compile(R"(
    enum gone { x }
    table a { id integer primary key; g gone; }
    table b { id integer primary key; a_id integer references a; })");
  ir::Schema To = compile("table c { id integer primary key; }");
  MigrationPlan Plan = planMigration(From, To);
  int DropFk = position(Plan, "DROP CONSTRAINT b_a_id_fkey");
  int DropA = position(Plan, "DROP TABLE public.a");
  int DropB = position(Plan, "DROP TABLE public.b");
  int DropEnum = position(Plan, "DROP TYPE public.gone");
  int CreateC = position(Plan, "CREATE TABLE public.c");
  EXPECT_LT(DropFk, std::min(DropA, DropB));
  EXPECT_LT(std::max(DropA, DropB), CreateC);
  // Types go once no column can use them any more.
  EXPECT_LT(CreateC, DropEnum);
  EXPECT_TRUE(Plan.hasDestructiveSteps());
}

TEST(MigrationTest, EnumLabelsGoWhereTheyBelong) {
  ir::Schema From = compile("enum e { b, d }");
  ir::Schema To = compile("enum e { a, a2, b, c, d, z }");
  MigrationPlan Plan = planMigration(From, To);
  // Each after the one before it, once that exists; the first before the
  // first old label.
  EXPECT_GE(position(Plan, "ADD VALUE IF NOT EXISTS 'a' BEFORE 'b'"), 0);
  EXPECT_GE(position(Plan, "ADD VALUE IF NOT EXISTS 'a2' AFTER 'a'"), 0);
  EXPECT_GE(position(Plan, "ADD VALUE IF NOT EXISTS 'c' AFTER 'b'"), 0);
  EXPECT_GE(position(Plan, "ADD VALUE IF NOT EXISTS 'z' AFTER 'd'"), 0);
  for (const MigrationStep &S : Plan.Steps)
    EXPECT_TRUE(S.NoTransaction);
  EXPECT_FALSE(Plan.hasDestructiveSteps());
}

TEST(MigrationTest, RemovedLabelSwapsTheType) {
  ir::Schema From = compile("enum e { a, b } table t { v e default 'a'; }");
  ir::Schema To = compile("enum e { a } table t { v e default 'a'; }");
  MigrationPlan Plan = planMigration(From, To);
  ASSERT_EQ(Plan.Steps.size(), 1u);
  EXPECT_TRUE(Plan.Steps[0].Destructive);
  EXPECT_GE(position(Plan, "USING v::text::public.e__new"), 0);
  EXPECT_GE(position(Plan, "ALTER TYPE public.e__new RENAME TO e"), 0);
}

TEST(MigrationTest, RenamesInBothDirections) {
  ir::Schema From =
      compile("table old_name { id integer primary key; a text; }");
  ir::Schema To = compile(R"(
    @renamed_from("old_name")
    table new_name { id integer primary key; @renamed_from("a") b text; })");
  MigrationPlan Up = planMigration(From, To);
  EXPECT_FALSE(Up.hasDestructiveSteps());
  EXPECT_GE(position(Up, "ALTER TABLE public.old_name RENAME TO new_name"), 0);
  EXPECT_GE(position(Up, "RENAME COLUMN a TO b"), 0);
  MigrationPlan Down = planMigration(To, From);
  EXPECT_FALSE(Down.hasDestructiveSteps());
  EXPECT_GE(position(Down, "ALTER TABLE public.new_name RENAME TO old_name"),
            0);
  EXPECT_GE(position(Down, "RENAME COLUMN b TO a"), 0);
}

TEST(MigrationTest, NamingConventionChangeRenames) {
  ir::Schema From =
      compile("table t { id integer primary key; a integer; index (a); }");
  ir::Schema To = compile(R"(
    naming { primary_key = "pk_%(table_name)s"; index = "ix_%(column_0_name)s"; }
    table t { id integer primary key; a integer; index (a); })");
  MigrationPlan Plan = planMigration(From, To);
  EXPECT_GE(position(Plan, "RENAME CONSTRAINT t_pkey TO pk_t"), 0);
  EXPECT_GE(position(Plan, "ALTER INDEX public.t_a_idx RENAME TO ix_a"), 0);
  EXPECT_EQ(position(Plan, "DROP"), -1);
}

TEST(MigrationTest, TypeChangeDependentsGoAroundIt) {
  ir::Schema From = compile(R"(
    enum s { a, b, c }
    table t { id integer primary key; x s; n integer;
              g integer generated always as (n * 2) stored;
              check (x <> 'c'); index (id) where (x = 'a'); })");
  ir::Schema To = compile(R"(
    enum s { c, a }
    table t { id integer primary key; x s; n bigint;
              g bigint generated always as (n * 2) stored;
              check (x <> 'c'); index (id) where (x = 'a'); })");
  MigrationPlan Plan = planMigration(From, To);
  int DropCheck = position(Plan, "DROP CONSTRAINT t_x_check");
  int DropIndex = position(Plan, "DROP INDEX public.t_id_idx");
  int Swap = position(Plan, "TYPE public.s__new USING");
  int AddCheck = position(Plan, "ADD CONSTRAINT t_x_check");
  int CreateIndex = position(Plan, "CREATE INDEX t_id_idx");
  EXPECT_LT(std::max(DropCheck, DropIndex), Swap);
  EXPECT_LT(Swap, std::min(AddCheck, CreateIndex));
  int DropG = position(Plan, "DROP COLUMN g");
  int AlterN = position(Plan, "ALTER COLUMN n TYPE bigint");
  int AddG = position(Plan, "ADD COLUMN g");
  ASSERT_NE(DropG, -1);
  EXPECT_LT(DropG, AlterN);
  EXPECT_LT(AlterN, AddG);
}

TEST(MigrationTest, DroppedEnumStepsAsideForTableOfItsName) {
  ir::Schema From = compile(R"(
    enum status { on, off }
    table u { id integer primary key; k status; })");
  ir::Schema To = compile(R"(
    table status { id integer primary key; }
    table u { id integer primary key; k text; })");
  MigrationPlan Plan = planMigration(From, To);
  int Aside =
      position(Plan, "ALTER TYPE public.status RENAME TO status__dropped");
  int Create = position(Plan, "CREATE TABLE public.status");
  int Drop = position(Plan, "DROP TYPE public.status__dropped");
  ASSERT_NE(Aside, -1);
  EXPECT_LT(Aside, Create);
  EXPECT_LT(Create, Drop);
}

} // namespace
