-- Every object in the test database's own schemas, one a line, names quoted
-- with %I and line feeds and tabs spelt \n and \t, in a stable order: the
-- schemas, relations (r table, i index, S sequence, and any other kind),
-- types other than the tables' row types and arrays, constraints, functions,
-- triggers; then the rows of the canary table public.y.
SET search_path = pg_catalog;
CREATE TEMPORARY VIEW user_namespaces AS
  SELECT oid, nspname FROM pg_namespace
   WHERE nspname !~ '^pg_' AND nspname <> 'information_schema';
CREATE FUNCTION pg_temp.shown(text) RETURNS text LANGUAGE sql
  AS $$ SELECT replace(replace($1, E'\n', '\n'), E'\t', '\t') $$;
SELECT 'schema ' || pg_temp.shown(format('%I', nspname))
  FROM user_namespaces ORDER BY nspname COLLATE "C";
SELECT c.relkind::text || ' ' || pg_temp.shown(format('%I.%I', n.nspname, c.relname))
  FROM pg_class c JOIN user_namespaces n ON n.oid = c.relnamespace
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
SELECT 'type ' || t.typtype::text || ' ' || pg_temp.shown(format('%I.%I', n.nspname, t.typname))
       || coalesce(' (' || (SELECT string_agg(pg_temp.shown(quote_literal(e.enumlabel)), ', '
                                              ORDER BY e.enumsortorder)
                              FROM pg_enum e WHERE e.enumtypid = t.oid) || ')', '')
  FROM pg_type t JOIN user_namespaces n ON n.oid = t.typnamespace
 WHERE t.typrelid = 0 AND t.typelem = 0
 ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
SELECT 'constraint ' || con.contype::text || ' ' || pg_temp.shown(format('%I.%I', n.nspname, con.conname))
  FROM pg_constraint con JOIN user_namespaces n ON n.oid = con.connamespace
 ORDER BY n.nspname COLLATE "C", con.conname COLLATE "C";
SELECT 'functions ' || count(*) FROM pg_proc p JOIN user_namespaces n ON n.oid = p.pronamespace;
SELECT 'triggers ' || count(*) FROM pg_trigger WHERE NOT tgisinternal;
SELECT 'y ' || id FROM public.y ORDER BY id;
