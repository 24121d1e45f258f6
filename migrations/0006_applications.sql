-- Up Migration
-- One application per unit: what the bureau holds from the unit right now, merged from its
-- submission emails (spec section "Application"). Recomputed from its members inside the ingest
-- transaction, never patched. A row keeps its id while it has members (reviews and
-- acknowledgements hang on it); when its last member leaves, or its group merges into an older
-- application, the row is kept with active = false (and merged_into) so its review history and
-- events stay readable.
CREATE TABLE applications (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  active             boolean NOT NULL DEFAULT true,
  merged_into        bigint REFERENCES applications (id) ON DELETE SET NULL,
  unit_name          text,
  uscc               text,
  -- Union of the members' unit keys (uscc:/unit:/sender:), to find a unit's application.
  unit_keys          text[] NOT NULL DEFAULT '{}',
  first_received_at  timestamptz,
  last_received_at   timestamptz,
  -- {form1, form2, form3, stamped_scan, samples}: {filename, message_id, received_at, late, submission_id} or null.
  materials          jsonb NOT NULL DEFAULT '{}',
  -- The merged record (same keys as a Submission).
  record             jsonb,
  flags              text[] NOT NULL DEFAULT '{}',
  flag_details       jsonb NOT NULL DEFAULT '[]',
  complete           boolean NOT NULL DEFAULT false,
  complete_on_time   boolean NOT NULL DEFAULT false,
  late               boolean NOT NULL DEFAULT false,
  -- The operators' decision; survives new members and reprocessing (see src/applications/review-states.ts).
  review_state       text NOT NULL DEFAULT '待审核' CHECK (review_state IN ('待审核', '已通过', '退回补充', '不予受理')),
  review_comment     text,
  reviewed_by        text,
  reviewed_at        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  -- When the content (members, materials, record, flags) last changed.
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_unit_keys_idx ON applications USING gin (unit_keys);
CREATE INDEX applications_active_idx ON applications (first_received_at) WHERE active;

-- Membership: each active submission belongs to exactly one application (analysts read it
-- through the table-level grant on submissions of 0005).
ALTER TABLE submissions ADD COLUMN application_id bigint REFERENCES applications (id) ON DELETE SET NULL;
CREATE INDEX submissions_application_idx ON submissions (application_id);

-- What changed and why: created, changed (members, materials added/replaced/removed, flags
-- before and after, review state reset), merged (into another), emptied (last member left),
-- reviewed (an operator's decision). An acknowledgement reads here what a new email brought.
CREATE TABLE application_events (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id    bigint NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('created', 'changed', 'merged', 'emptied', 'reviewed')),
  -- The message whose ingest caused it (NULL for an operator's review).
  caused_by_message bigint REFERENCES messages (id) ON DELETE SET NULL,
  detail            jsonb NOT NULL DEFAULT '{}',
  -- Who reviewed, and their comment: operator data, not granted to analysts.
  actor             text,
  comment           text,
  at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_events_application_idx ON application_events (application_id, at);

-- Analysts read applications and their history, but not who reviewed nor the reviewers' free
-- text (names of staff, remarks about applicants): columns granted explicitly (see 0005).
GRANT SELECT (id, active, merged_into, unit_name, uscc, unit_keys, first_received_at, last_received_at, materials,
  record, flags, flag_details, complete, complete_on_time, late, review_state, reviewed_at, created_at, updated_at)
  ON applications TO intake_analyst;
GRANT SELECT (id, application_id, kind, caused_by_message, detail, at) ON application_events TO intake_analyst;

-- Down Migration
REVOKE ALL ON application_events FROM intake_analyst;
REVOKE ALL ON applications FROM intake_analyst;
DROP TABLE application_events;
DROP INDEX submissions_application_idx;
ALTER TABLE submissions DROP COLUMN application_id;
DROP TABLE applications;
