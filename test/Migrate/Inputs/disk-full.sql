-- A full disk, for the fault tests of `migrate apply`: once loaded, an
-- ALTER TABLE of relation :'table' fails as PostgreSQL fails when it cannot
-- extend a file (SQLSTATE 53100, disk_full, with the server's message and
-- hint), once its constraint :'constraint' exists (any ALTER TABLE of it
-- when :'constraint' is ''). Freeing the disk is dropping schema faults.
--   psql -v table=app.users -v constraint=users_email_check -f disk-full.sql
CREATE SCHEMA faults;
CREATE TABLE faults.full_on (relation regclass NOT NULL, constraint_name text);
INSERT INTO faults.full_on VALUES (:'table', nullif(:'constraint', ''));
CREATE FUNCTION faults.disk_full() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  target regclass;
BEGIN
  SELECT c.objid::regclass INTO target
    FROM pg_event_trigger_ddl_commands() c JOIN faults.full_on f ON f.relation = c.objid
   WHERE f.constraint_name IS NULL
      OR EXISTS (SELECT FROM pg_constraint
                  WHERE conrelid = f.relation AND conname = f.constraint_name)
   LIMIT 1;
  IF target IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'disk_full',
      MESSAGE = format('could not extend file "%s": No space left on device',
                       pg_relation_filepath(target)),
      HINT = 'Check free disk space.';
  END IF;
END $$;
CREATE EVENT TRIGGER disk_full ON ddl_command_end WHEN TAG IN ('ALTER TABLE')
  EXECUTE FUNCTION faults.disk_full();
