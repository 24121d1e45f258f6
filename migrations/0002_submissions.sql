-- Up Migration
-- What an applicant's email becomes. Column names are the keys of
-- shared/spec/submission-schema.md, so exports and the dashboard read them as-is.
-- Every version of a unit's submission is kept; a later one points at the one it supersedes.

CREATE TABLE submissions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id      bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  unit_name       text,
  uscc            text,
  unit_address    text,
  contact_name    text,
  contact_title   text,
  contact_phone   text,
  declared_date   date,
  -- 附件2: {background, innovation, effects, materials}; null when absent or unreadable.
  intro           jsonb,
  -- false when 附件1 / 附件3 was absent or unreadable (the rows tables are then empty).
  has_cases       boolean NOT NULL DEFAULT false,
  has_summary     boolean NOT NULL DEFAULT false,
  received_at     timestamptz,
  late            boolean NOT NULL DEFAULT false,
  flags           text[] NOT NULL DEFAULT '{}',
  -- Flags with their Chinese messages and severities.
  flag_details    jsonb NOT NULL DEFAULT '[]',
  external_links  text[] NOT NULL DEFAULT '{}',
  -- The whole Submission record as extracted.
  extraction      jsonb NOT NULL,
  -- Normalized identities of the unit (USCC, name, sender) used to find earlier versions.
  unit_keys       text[] NOT NULL DEFAULT '{}',
  version         integer NOT NULL DEFAULT 1,
  supersedes      bigint REFERENCES submissions (id) ON DELETE SET NULL,
  superseded_by   bigint REFERENCES submissions (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT submissions_message_key UNIQUE (message_id)
);
CREATE INDEX submissions_unit_keys_idx ON submissions USING gin (unit_keys);
CREATE INDEX submissions_uscc_idx ON submissions (uscc);
CREATE INDEX submissions_current_idx ON submissions (received_at) WHERE superseded_by IS NULL;

CREATE TABLE cases (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id          bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  -- 1-based, as in the flags (cases[1].overview).
  ordinal                integer NOT NULL,
  case_name              text,
  dataset_name           text,
  dataset_category       text,
  structured_rows        bigint,
  structured_rows_text   text,
  unstructured_gb        double precision,
  unstructured_gb_text   text,
  directions             text[] NOT NULL DEFAULT '{}',
  industries             text[] NOT NULL DEFAULT '{}',
  modalities             text[] NOT NULL DEFAULT '{}',
  agree_publicity        boolean,
  agree_listing          boolean,
  listed_elsewhere       boolean,
  involves_personal_info boolean,
  supported_models       text,
  overview               text,
  scenarios              text,
  CONSTRAINT cases_submission_ordinal_key UNIQUE (submission_id, ordinal)
);

CREATE TABLE summary_rows (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id      bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  ordinal            integer NOT NULL,
  seq                integer,
  case_name          text,
  dataset_category   text,
  industry           text,
  direction          text,
  structured_scale   text,
  unstructured_scale text,
  supported_models   text,
  benefits           text,
  unit_name          text,
  contact            text,
  CONSTRAINT summary_rows_submission_ordinal_key UNIQUE (submission_id, ordinal)
);

-- Down Migration
DROP TABLE summary_rows;
DROP TABLE cases;
DROP TABLE submissions;
