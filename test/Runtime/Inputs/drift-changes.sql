-- One change of each kind, made by hand to a database loaded from
-- drift.schema.
ALTER TABLE app.users ADD COLUMN nickname text;
ALTER TABLE app.posts DROP COLUMN body;
ALTER TABLE app.users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE app.users ALTER COLUMN email SET DEFAULT 'nobody';
DROP INDEX app.users_email_idx;
CREATE INDEX posts_id_idx ON app.posts (id DESC);
ALTER TABLE app.users DROP CONSTRAINT users_age_check;
ALTER TABLE app.users ADD CONSTRAINT users_age_check CHECK (age >= 18);
ALTER TABLE app.posts DROP CONSTRAINT posts_author_fkey;
ALTER TABLE app.posts ADD FOREIGN KEY (author) REFERENCES app.users ON DELETE CASCADE;
ALTER TABLE app.users ALTER COLUMN age TYPE bigint;
ALTER TYPE app.role ADD VALUE 'admin';
CREATE TABLE app.extra (id int);
COMMENT ON TABLE app.posts IS 'changed by hand';
