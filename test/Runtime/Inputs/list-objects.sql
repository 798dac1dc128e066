-- Lists what a test database holds, in a stable order, one object a line,
-- fully qualified whatever the search path.
SET search_path = pg_catalog;
SELECT 'tables';
SELECT n.nspname || '.' || c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1;
SELECT 'enums';
SELECT n.nspname || '.' || t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 GROUP BY 1 ORDER BY 1;
SELECT 'constraints';
SELECT n.nspname || '.' || c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1, 2;
SELECT 'indexes';
SELECT n.nspname || '.' || t.relname, i.relname, pg_get_indexdef(i.oid)
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1, 2;
SELECT 'comments';
SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname, ''), d.description
  FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
 WHERE n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1;
SELECT 'columns';
SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
       a.attnotnull, coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''), a.attidentity, a.attgenerated
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY 1, a.attnum;
