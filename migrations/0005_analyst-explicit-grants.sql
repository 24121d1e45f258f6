-- Up Migration
-- Least privilege for analysts. 0003 granted intake_analyst SELECT on every table created
-- later (ALTER DEFAULT PRIVILEGES), so operator accounts, sessions and the reply outbox would
-- have become readable the day they were added. From here on analysts read exactly what is
-- listed below; a migration that adds a table or view for them grants it explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM intake_analyst;
REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM intake_analyst;
GRANT SELECT ON messages, attachments, processing_events, submissions, cases, summary_rows TO intake_analyst;

-- Down Migration
REVOKE SELECT ON messages, attachments, processing_events, submissions, cases, summary_rows FROM intake_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO intake_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO intake_analyst;
