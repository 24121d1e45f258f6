-- Up Migration
-- The operators' dashboard: its accounts, their login sessions and the audit log of every action
-- taken there or on the command line (review, reprocess, retry, resend, release, user changes).
-- None of these is granted to intake_analyst (0005 removed the default grants): password hashes,
-- session tokens and who-did-what are for administrators only.

CREATE TABLE web_users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{2,32}$'),
  display_name  text,
  -- admin = 管理员 (manages users), reviewer = 审核员.
  role          text NOT NULL CHECK (role IN ('admin', 'reviewer')),
  -- scrypt, self-describing: scrypt$N$r$p$salt$hash (base64url).
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of this table opens nothing.
CREATE TABLE web_sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  client_ip    text,
  user_agent   text
);
CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

CREATE TABLE audit_log (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  -- The operator's account name, or `cli:<os user>` for the command line.
  actor   text NOT NULL,
  action  text NOT NULL,
  -- What was acted on: application:12, message:40, job:ingest/17, ack:5, user:zhang.
  target  text,
  detail  jsonb NOT NULL DEFAULT '{}',
  client_ip text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target);

-- Down Migration
DROP TABLE audit_log;
DROP TABLE web_sessions;
DROP TABLE web_users;
