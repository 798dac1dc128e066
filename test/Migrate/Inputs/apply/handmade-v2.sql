-- test/Migrate/stamp.test: Inputs/chain/v2.schema as a team would have
-- written it by hand, before it had migrations: unqualified names under a
-- search path, constraint names left to PostgreSQL, keywords in capitals.
CREATE SCHEMA app;
SET search_path = app, public;

CREATE TYPE status AS ENUM ('active', 'closed');

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (length(email) > 3)
);
-- Added later, so it comes last in the table.
ALTER TABLE users ADD COLUMN name text;

CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id integer NOT NULL REFERENCES users,
  body text NOT NULL,
  status status NOT NULL DEFAULT 'active'
);
CREATE INDEX ON posts (author_id);
