-- Two schemas with tables of the same names, keys across them, and the
-- version tables of schemac and Alembic, which are never compared.
CREATE SCHEMA sales;
CREATE SCHEMA support;
CREATE TABLE sales.accounts (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE support.accounts (id bigint PRIMARY KEY, email text NOT NULL,
                               sales_id bigint REFERENCES sales.accounts);
CREATE TABLE sales.notes (id serial PRIMARY KEY,
                          account_id bigint REFERENCES sales.accounts);
CREATE TABLE support.notes (id serial PRIMARY KEY,
                            account_id bigint REFERENCES support.accounts);
CREATE TABLE public.alembic_version (version_num varchar(32) PRIMARY KEY);
CREATE TABLE support.schemac_migrations (version text PRIMARY KEY);
CREATE TABLE sales.tmp_import (line text);
