-- Written by hand as a team would: run under search_path=quaero,public, so
-- every name is unqualified; serial columns; PostgreSQL names everything.
CREATE SCHEMA quaero;
CREATE TYPE query_status AS ENUM ('queued', 'running', 'done', 'failed');
CREATE TABLE users (
  id serial PRIMARY KEY,
  email varchar(320) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE queries (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users ON DELETE CASCADE,
  status query_status NOT NULL DEFAULT 'queued',
  text text NOT NULL CHECK (length(text) > 0),
  cost numeric(10,2) DEFAULT 0 CHECK (cost >= 0),
  tags text[] DEFAULT '{}'
);
CREATE INDEX ON queries (user_id);
CREATE INDEX ON queries (lower(text)) WHERE status IN ('queued', 'running');
CREATE TABLE public.notes (
  id serial PRIMARY KEY,
  query_id bigint REFERENCES queries (id),
  body text
);
