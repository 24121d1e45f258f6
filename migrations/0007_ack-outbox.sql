-- Up Migration
-- Acknowledgement replies. The intent is written in the same transaction that records the
-- submission (one row per submission email, kind 'ack'), rendered there, with a Message-ID of
-- its own that never changes. The mailer claims a row (queued -> sending) before the SMTP
-- transaction and marks it after (sent / failed / back to queued for a retry). A row found in
-- 'sending' by a later attempt is the one window left (a crash after the server accepted, before
-- the mark): it becomes 'unknown' and is never sent again automatically; an operator decides.
CREATE TABLE ack_outbox (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id        bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  -- ack: the automatic reply (at most one per message); resend: an operator's explicit new send.
  kind              text NOT NULL CHECK (kind IN ('ack', 'resend')),
  state             text NOT NULL CHECK (state IN ('held', 'queued', 'sending', 'sent', 'failed', 'suppressed', 'dry_run', 'unknown')),
  -- Why it is held, suppressed or failed, in plain words.
  reason            text,
  -- A number the applicant can quote (WHSJ-YYYYMMDD-<message id>).
  reference         text NOT NULL,
  to_address        text,
  from_address      text NOT NULL,
  subject           text NOT NULL,
  -- Ours, without angle brackets; stable across retries so a receiving server can deduplicate.
  message_id_header text NOT NULL UNIQUE,
  in_reply_to       text,
  "references"      text,
  text_body         text NOT NULL,
  html_body         text NOT NULL,
  attempts          integer NOT NULL DEFAULT 0,
  last_error        text,
  smtp_response     text,
  requested_by      text,
  released_by       text,
  released_at       timestamptz,
  sending_at        timestamptz,
  sent_at           timestamptz,
  sent_copy_error   text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ack_outbox_one_ack_per_message ON ack_outbox (message_id) WHERE kind = 'ack';
CREATE INDEX ack_outbox_state_idx ON ack_outbox (state) WHERE state IN ('held', 'queued', 'sending', 'unknown');
CREATE INDEX ack_outbox_recipient_sent_idx ON ack_outbox (lower(to_address), sent_at) WHERE state = 'sent';

-- Service-wide facts that must outlive a restart (e.g. when acknowledgements were first enabled).
CREATE TABLE service_settings (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE service_settings;
DROP TABLE ack_outbox;
