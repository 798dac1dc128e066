-- Every expression a database stores, as schemac's inspection reads it
-- (search_path = pg_catalog), one a line (line breaks as spaces), in the
-- shape a schema file holds it: `default X;`, `generated always as (X)
-- stored;`, `check NAME (X);`, `NAME (ELEMENT` for an index expression,
-- `where (X)` for a predicate.
SET search_path = pg_catalog;
SELECT replace(CASE WHEN a.attgenerated = ''
                    THEN 'default ' || pg_get_expr(d.adbin, d.adrelid) || ';'
                    ELSE 'generated always as (' || pg_get_expr(d.adbin, d.adrelid)
                         || ') stored;' END, E'\n', ' ')
  FROM pg_attrdef d
  JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
  JOIN pg_class c ON c.oid = d.adrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY c.relname, a.attnum;
SELECT replace('check ' || co.conname || ' (' || pg_get_expr(co.conbin, co.conrelid)
               || ');', E'\n', ' ')
  FROM pg_constraint co
  JOIN pg_class c ON c.oid = co.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE co.contype = 'c' AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY c.relname, co.conname;
SELECT ic.relname || ' (' || pg_get_indexdef(i.indexrelid, k, true)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace,
       generate_series(1, i.indnatts) k
 WHERE i.indkey[k - 1] = 0 AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY ic.relname, k;
SELECT 'where (' || pg_get_expr(i.indpred, i.indrelid) || ')'
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
 WHERE i.indpred IS NOT NULL AND n.nspname !~ '^(pg_|information_schema$)'
 ORDER BY ic.relname;
