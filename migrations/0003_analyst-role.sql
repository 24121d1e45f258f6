-- Up Migration
-- A read-only role for analysts (psql, BI tools). No password here: an administrator grants
-- LOGIN and a password, or GRANTs the role to personal accounts. Roles are cluster-wide, so the
-- creation tolerates a role left by another database on the same server.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'intake_analyst') THEN
    CREATE ROLE intake_analyst NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Another database migrating concurrently on the same cluster created it first.
  NULL;
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO intake_analyst', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO intake_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO intake_analyst;
-- Tables added by later migrations (run by the same owner) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO intake_analyst;

-- Down Migration
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM intake_analyst;
REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM intake_analyst;
REVOKE USAGE ON SCHEMA public FROM intake_analyst;
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM intake_analyst', current_database());
END
$$;
