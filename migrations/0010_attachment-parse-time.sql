-- Up Migration
-- How long each file took its parser (wall time in the parse process, from the file in hand to
-- the answer, a timeout or a crash included), for the operators' metrics: parse seconds by
-- format. NULL when no parser ran (empty files, archives nested too deep, rows written before
-- this column). Analysts read it through their existing table-level grant on attachments (0005).
ALTER TABLE attachments ADD COLUMN parse_ms integer;

-- Down Migration
ALTER TABLE attachments DROP COLUMN parse_ms;
