-- What list-objects.sql leaves out and a migration changes (schemas, extensions, column collations), one a line.
SET search_path = pg_catalog;
SELECT 'schemas', nspname FROM pg_namespace
 WHERE nspname !~ '^(pg_|information_schema$)' ORDER BY 1, 2;
SELECT 'extensions', extname FROM pg_extension ORDER BY 1, 2;
SELECT 'collations', n.nspname || '.' || c.relname, a.attname, co.collname
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_collation co ON co.oid = a.attcollation
 WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1, 2, 3;
