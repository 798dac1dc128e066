-- The DDL a team would write by hand for default-names.schema, without a
-- single constraint or index name: PostgreSQL chooses them all.
CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  org_id integer NOT NULL,
  nick text CHECK (length(nick) > 2) CHECK (nick <> 'root'),
  UNIQUE (org_id, email),
  CHECK (org_id > 0 AND id > 0)
);
CREATE INDEX ON users (lower(email));
CREATE INDEX ON users (email) INCLUDE (nick);
CREATE INDEX ON users (org_id);
CREATE INDEX ON users (org_id);

CREATE TABLE users_org_id_idx2 (id bigint PRIMARY KEY);

CREATE TABLE a_table_name_that_is_quite_long_and_goes_on_for_a_while_yes (
  the_identifier_column_that_is_also_rather_long_indeed bigint PRIMARY KEY,
  another_really_long_column_name_for_the_truncation_test integer
      REFERENCES users (id),
  CHECK (another_really_long_column_name_for_the_truncation_test > 0)
);
CREATE INDEX ON a_table_name_that_is_quite_long_and_goes_on_for_a_while_yes
  (another_really_long_column_name_for_the_truncation_test,
   the_identifier_column_that_is_also_rather_long_indeed);

CREATE TABLE "Mixed Case" (
  "Id" integer PRIMARY KEY,
  "Parent" integer REFERENCES "Mixed Case" ("Id")
);
CREATE INDEX ON "Mixed Case" (("Id" + 1));
CREATE INDEX ON "Mixed Case" (("Id" * 2), ("Id" - 1));

CREATE TABLE keys (
  a integer PRIMARY KEY UNIQUE,
  b integer,
  c integer,
  CONSTRAINT u1 UNIQUE (b),
  CONSTRAINT u2 UNIQUE (b),
  UNIQUE (c),
  CONSTRAINT named_c UNIQUE (c)
);
CREATE UNIQUE INDEX ON keys (b, c) NULLS NOT DISTINCT;
