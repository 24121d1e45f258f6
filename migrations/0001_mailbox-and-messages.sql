-- Up Migration
-- The backbone: where the poller is in each mailbox, one row per distinct raw message, the
-- files found in it, and a per-stage log of what happened to it.

CREATE TABLE mailbox_cursors (
  mailbox     text PRIMARY KEY,
  uidvalidity bigint NOT NULL,
  last_uid    bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE messages (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The Message-ID header (without angle brackets); not unique: senders reuse and omit it.
  message_id_header     text,
  source                text NOT NULL CHECK (source IN ('imap', 'import')),
  mailbox               text NOT NULL,
  uidvalidity           bigint,
  uid                   bigint,
  -- IMAP INTERNALDATE, or for an imported file the top Received: header; never Date:.
  received_at           timestamptz,
  sender_address        text,
  sender_name           text,
  subject               text,
  -- The sender's Date: header, for display only.
  sent_at               timestamptz,
  raw_sha256            char(64) NOT NULL,
  raw_size              integer NOT NULL,
  raw_location          text NOT NULL,
  -- fetched: raw stored, row committed, job queued; processing: a worker has it;
  -- parsed: extraction committed; failed: permanent failure or retries exhausted (see last_error).
  status                text NOT NULL DEFAULT 'fetched'
                        CHECK (status IN ('fetched', 'processing', 'parsed', 'failed')),
  is_submission         boolean,
  not_submission_reason text,
  late                  boolean,
  -- What `intake extract` prints for this email (flags, attachments, submission).
  extract_output        jsonb,
  last_error            text,
  attempts              integer NOT NULL DEFAULT 0,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- A re-fetched UID and a re-imported or rescanned identical message are both no-ops.
  CONSTRAINT messages_raw_sha256_key UNIQUE (raw_sha256),
  CONSTRAINT messages_mailbox_uid_key UNIQUE (mailbox, uidvalidity, uid)
);
CREATE INDEX messages_received_at_idx ON messages (received_at);
CREATE INDEX messages_status_idx ON messages (status) WHERE status <> 'parsed';
CREATE INDEX messages_sender_idx ON messages (lower(sender_address));

CREATE TABLE attachments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id   bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  -- Position in the extraction's file list: MIME attachments in MIME order, archive members after their parent.
  ordinal      integer NOT NULL,
  parent_id    bigint REFERENCES attachments (id) ON DELETE CASCADE,
  depth        integer NOT NULL DEFAULT 0,
  -- Decoded Unicode name exactly as sent (path components and all); never used as a path.
  filename     text NOT NULL,
  content_type text,
  size         bigint NOT NULL,
  sha256       char(64) NOT NULL,
  location     text NOT NULL,
  format       text,
  kind         text,
  readable     boolean,
  error        text,
  CONSTRAINT attachments_message_ordinal_key UNIQUE (message_id, ordinal)
);
CREATE INDEX attachments_sha256_idx ON attachments (sha256);
CREATE INDEX attachments_parent_idx ON attachments (parent_id);

CREATE TABLE processing_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id  bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  stage       text NOT NULL,
  status      text NOT NULL CHECK (status IN ('ok', 'failed', 'retrying', 'skipped')),
  attempt     integer,
  duration_ms integer,
  error       text,
  detail      jsonb,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processing_events_message_idx ON processing_events (message_id, at);

-- Down Migration
DROP TABLE processing_events;
DROP TABLE attachments;
DROP TABLE messages;
DROP TABLE mailbox_cursors;
