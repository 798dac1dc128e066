-- What the fault tests of `migrate apply` compare after a fault: the parts
-- of the chain's schema (test/Migrate/Inputs/chain) that migrations 0002
-- (a column, a check) and 0003 (an enum label, a default) change, and the
-- advisory locks left in this database (the applier's lock is one).
\pset footer off
SELECT 'columns: ' || string_agg(attname, ',' ORDER BY attnum)
  FROM pg_attribute WHERE attrelid = 'app.users'::regclass AND attnum > 0 AND NOT attisdropped;
SELECT 'constraints: ' || string_agg(conname, ',' ORDER BY conname)
  FROM pg_constraint WHERE conrelid = 'app.users'::regclass;
SELECT 'labels: ' || string_agg(enumlabel, ',' ORDER BY enumsortorder)
  FROM pg_enum WHERE enumtypid = 'app.status'::regtype;
SELECT 'advisory locks: ' || count(*)
  FROM pg_locks WHERE locktype = 'advisory'
   AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
