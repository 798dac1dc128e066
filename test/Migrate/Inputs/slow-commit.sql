-- Keeps the commit of a migration busy for a while (terminate-applier.sh
-- ends the session then): a deferred constraint trigger on the version
-- table runs pg_sleep when the transaction that inserted a row commits.
CREATE FUNCTION public.slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_sleep(600);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON public.schemac_migrations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.slow_commit();
