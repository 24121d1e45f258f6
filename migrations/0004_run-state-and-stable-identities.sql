-- Up Migration
-- 1. A message's pipeline state and the result of its last run are two things. Before, one
--    `status` column said both, so a failed re-run of a parsed message stayed 'parsed' and
--    'fetched' meant both "never run" and "waiting to retry".
--      status   : new (stored, first job queued) | queued (a re-run requested) | processing
--                 | retry_wait (a run failed, BullMQ retries it later) | done (no job pending)
--      last_run : ok | failed — how the last finished job ended (NULL: none finished yet)
--      parsed_at: when the extraction now in the row was committed (NULL: never parsed)
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages
  ADD COLUMN last_run       text CHECK (last_run IN ('ok', 'failed')),
  ADD COLUMN last_run_at    timestamptz,
  ADD COLUMN run_started_at timestamptz,
  ADD COLUMN parsed_at      timestamptz;
UPDATE messages SET
  last_run = CASE status WHEN 'parsed' THEN 'ok' WHEN 'failed' THEN 'failed' END,
  last_run_at = CASE WHEN status IN ('parsed', 'failed') THEN updated_at END,
  parsed_at = CASE WHEN extract_output IS NOT NULL THEN updated_at END,
  status = CASE status WHEN 'fetched' THEN 'new' WHEN 'processing' THEN 'processing' ELSE 'done' END;
ALTER TABLE messages ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE messages ADD CONSTRAINT messages_status_check
  CHECK (status IN ('new', 'queued', 'processing', 'retry_wait', 'done'));
DROP INDEX messages_status_idx;
CREATE INDEX messages_status_idx ON messages (status) WHERE status <> 'done';
CREATE INDEX messages_last_run_failed_idx ON messages (last_run_at) WHERE last_run = 'failed';

-- 2. A submission row keeps its id for the life of its message: when a re-run judges the
--    message no longer a submission, the row is kept inactive (out of every version chain)
--    instead of deleted, and comes back as the same row if a later run judges it one again.
ALTER TABLE submissions ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE submissions ALTER COLUMN version DROP NOT NULL;
DROP INDEX submissions_current_idx;
CREATE INDEX submissions_current_idx ON submissions (received_at) WHERE superseded_by IS NULL AND active;

-- Down Migration
DROP INDEX submissions_current_idx;
CREATE INDEX submissions_current_idx ON submissions (received_at) WHERE superseded_by IS NULL;
DELETE FROM submissions WHERE NOT active;
ALTER TABLE submissions ALTER COLUMN version SET NOT NULL;
ALTER TABLE submissions DROP COLUMN active;
DROP INDEX messages_last_run_failed_idx;
DROP INDEX messages_status_idx;
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
UPDATE messages SET status = CASE
  WHEN last_run = 'failed' AND parsed_at IS NULL THEN 'failed'
  WHEN parsed_at IS NOT NULL THEN 'parsed'
  WHEN status = 'processing' THEN 'processing'
  ELSE 'fetched' END;
ALTER TABLE messages ALTER COLUMN status SET DEFAULT 'fetched';
ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('fetched', 'processing', 'parsed', 'failed'));
CREATE INDEX messages_status_idx ON messages (status) WHERE status <> 'parsed';
ALTER TABLE messages DROP COLUMN parsed_at, DROP COLUMN run_started_at, DROP COLUMN last_run_at, DROP COLUMN last_run;
