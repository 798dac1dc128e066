//===- ConnectionStringTest.cpp - Database sources and their passwords ----===//

#include "runtime/ConnectionString.h"

#include "gtest/gtest.h"

using namespace schemac;

namespace {

TEST(ConnectionStringTest, TellsDatabasesFromFiles) {
  EXPECT_TRUE(isDatabaseSource("postgres://app@db/app"));
  EXPECT_TRUE(isDatabaseSource("postgresql:///app?host=/tmp"));
  EXPECT_TRUE(isDatabaseSource("host=/tmp dbname=app"));
  EXPECT_TRUE(isDatabaseSource("  dbname = app"));
  EXPECT_FALSE(isDatabaseSource("schema/app.schema"));
  EXPECT_FALSE(isDatabaseSource("schema"));
  EXPECT_FALSE(isDatabaseSource("./a=b.schema"));
  EXPECT_FALSE(isDatabaseSource("-"));
}

TEST(ConnectionStringTest, HidesPasswordsInURLs) {
  EXPECT_EQ(redactPassword("postgres://app:s3cr3t@db:5432/app"),
            "postgres://app:***@db:5432/app");
  // A password may hold '@'; the host follows the last one.
  EXPECT_EQ(redactPassword("postgresql://app:p@ss@db/app"),
            "postgresql://app:***@db/app");
  EXPECT_EQ(redactPassword("postgres://app@db/app?password=x&sslmode=require"),
            "postgres://app@db/app?password=***&sslmode=require");
  EXPECT_EQ(redactPassword("postgres://db/app"), "postgres://db/app");
}

TEST(ConnectionStringTest, HidesPasswordsInConninfo) {
  EXPECT_EQ(redactPassword("host=db password=s3cr3t dbname=app"),
            "host=db password=*** dbname=app");
  EXPECT_EQ(redactPassword("password = 'two words\\' here' dbname=app"),
            "password=*** dbname=app");
  EXPECT_EQ(redactPassword("host=db PASSWORD=x"), "host=db password=***");
  // Not the keyword: left as it is.
  EXPECT_EQ(redactPassword("dbname=mypassword user=app"),
            "dbname=mypassword user=app");
}

} // namespace
