-- Issue 12: question banks (versioned), blueprints, attempts and results,
-- proctors' one-time codes, and the `worker` role linked to one person.

-- A bank and its versions. A question version (`questions` row) is never
-- changed: an edited question becomes a new revision, and a bank version lists
-- the question versions it holds, so an attempt keeps the version it saw.
CREATE TABLE question_banks (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    scope_kind      text NOT NULL CHECK (scope_kind IN ('wave_sector', 'special_operation', 'three_violations', 'evacuation', 'general')),
    scope_sector    text,
    scope_item      text,
    -- The owning institution; NULL for the national banks kept by administrators.
    institution_id  uuid REFERENCES institutions (id),
    current_version integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bank_versions (
    bank_id          text NOT NULL REFERENCES question_banks (id),
    version          integer NOT NULL CHECK (version >= 1),
    declared_version integer NOT NULL,
    title            text NOT NULL,
    knowledge_points jsonb NOT NULL,
    digest           text NOT NULL,
    question_count   integer NOT NULL,
    imported_at      timestamptz NOT NULL DEFAULT now(),
    imported_by      text NOT NULL,
    PRIMARY KEY (bank_id, version)
);

CREATE TABLE questions (
    uid              bigserial PRIMARY KEY,
    bank_id          text NOT NULL REFERENCES question_banks (id),
    question_id      text NOT NULL,
    revision         integer NOT NULL CHECK (revision >= 1),
    kind             text NOT NULL CHECK (kind IN ('single', 'multiple', 'true_false')),
    difficulty       integer NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
    knowledge_points text[] NOT NULL,
    -- The question as the domain's `Question` encodes it, answer included:
    -- it never leaves the server before an attempt is submitted.
    content          jsonb NOT NULL,
    digest           text NOT NULL,
    UNIQUE (bank_id, question_id, revision)
);

CREATE TABLE bank_version_questions (
    bank_id      text NOT NULL,
    version      integer NOT NULL,
    position     integer NOT NULL,
    question_uid bigint NOT NULL REFERENCES questions (uid),
    PRIMARY KEY (bank_id, version, position),
    FOREIGN KEY (bank_id, version) REFERENCES bank_versions (bank_id, version)
);

-- How many papers used each question version: assembly prefers the least used.
CREATE TABLE question_usage (
    question_uid bigint PRIMARY KEY REFERENCES questions (uid),
    uses         integer NOT NULL DEFAULT 0
);

CREATE TABLE blueprints (
    id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    title          text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('special_operations_theory', 'management_competence', 'retraining', 'spot_check', 'training')),
    bank_id        text NOT NULL REFERENCES question_banks (id),
    -- The domain's `Blueprint` as JSON.
    spec           jsonb NOT NULL,
    institution_id uuid REFERENCES institutions (id),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE exam_attempts (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id      uuid NOT NULL REFERENCES people (id),
    blueprint_id   text NOT NULL REFERENCES blueprints (id),
    bank_id        text NOT NULL,
    bank_version   integer NOT NULL,
    -- What the result is for; subject_id names it (certificate, session,
    -- management certificate, retraining case, spot check).
    purpose        text NOT NULL CHECK (purpose IN ('certificate_review', 'training_session', 'management_certificate',
                                                    'retraining_case', 'spot_check', 'practice')),
    subject_id     uuid,
    attempt_number integer NOT NULL CHECK (attempt_number >= 1),
    mode           text NOT NULL CHECK (mode IN ('online', 'paper')),
    -- The blueprint as it was when the attempt started (pass mark, time, policy).
    blueprint      jsonb NOT NULL,
    -- Reproduction: the seed and the use counts assembly saw, by question uid.
    seed           bigint,
    usage_basis    jsonb,
    paper          jsonb,
    started_at     timestamptz NOT NULL,
    deadline       timestamptz,
    submitted_at   timestamptz,
    auto_submitted boolean NOT NULL DEFAULT false,
    exam_date      date NOT NULL,
    score          numeric(7, 2),
    max_score      numeric(7, 2) NOT NULL,
    passed         boolean,
    client_address text,
    user_agent     text,
    started_by     text NOT NULL,
    institution_id uuid REFERENCES institutions (id),
    -- Attempts started with a proctor's one-time code carry a key (hashed) for the candidate's device.
    key_hash       bytea,
    FOREIGN KEY (bank_id, bank_version) REFERENCES bank_versions (bank_id, version),
    CHECK ((submitted_at IS NULL) = (passed IS NULL)),
    CHECK (mode = 'paper' OR (paper IS NOT NULL AND deadline IS NOT NULL))
);
-- One active attempt per person and exam.
CREATE UNIQUE INDEX exam_attempts_one_active ON exam_attempts
    (person_id, blueprint_id, purpose, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid))
    WHERE submitted_at IS NULL;
CREATE INDEX exam_attempts_subject ON exam_attempts (purpose, subject_id, person_id);
CREATE INDEX exam_attempts_person ON exam_attempts (person_id);
CREATE INDEX exam_attempts_bank ON exam_attempts (bank_id, bank_version) WHERE submitted_at IS NOT NULL;
CREATE INDEX exam_attempts_open ON exam_attempts (deadline) WHERE submitted_at IS NULL;

CREATE TABLE attempt_answers (
    attempt_id   uuid NOT NULL REFERENCES exam_attempts (id),
    position     integer NOT NULL,
    question_uid bigint NOT NULL REFERENCES questions (uid),
    points       numeric(7, 2) NOT NULL,
    -- Displayed letters (as the candidate saw them) or a truth value.
    response     jsonb,
    answered_at  timestamptz,
    score        numeric(7, 2),
    PRIMARY KEY (attempt_id, position)
);
CREATE INDEX attempt_answers_question ON attempt_answers (question_uid);

-- A proctor's one-time code: one candidate, one exam; stored hashed.
CREATE TABLE attempt_codes (
    code_hash      bytea PRIMARY KEY,
    institution_id uuid NOT NULL REFERENCES institutions (id),
    person_id      uuid NOT NULL REFERENCES people (id),
    blueprint_id   text NOT NULL REFERENCES blueprints (id),
    purpose        text NOT NULL,
    subject_id     uuid,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_attempt   uuid REFERENCES exam_attempts (id)
);

-- A session may end in an exam: its trainees complete only with a pass.
ALTER TABLE training_sessions ADD COLUMN exam_blueprint_id text REFERENCES blueprints (id);

-- The `worker` role: one person, who sees only their own records.
ALTER TABLE users ADD COLUMN person_id uuid REFERENCES people (id);
ALTER TABLE users DROP CONSTRAINT users_scope_matches_role;
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'regulator', 'institution', 'enterprise', 'worker'));
ALTER TABLE users ADD CONSTRAINT users_scope_matches_role CHECK (
    (role = 'admin'       AND region_code IS NULL     AND institution_id IS NULL     AND enterprise_id IS NULL     AND person_id IS NULL) OR
    (role = 'regulator'   AND region_code IS NOT NULL AND institution_id IS NULL     AND enterprise_id IS NULL     AND person_id IS NULL) OR
    (role = 'institution' AND region_code IS NULL     AND institution_id IS NOT NULL AND enterprise_id IS NULL     AND person_id IS NULL) OR
    (role = 'enterprise'  AND region_code IS NULL     AND institution_id IS NULL     AND enterprise_id IS NOT NULL AND person_id IS NULL) OR
    (role = 'worker'      AND region_code IS NULL     AND institution_id IS NULL     AND enterprise_id IS NULL     AND person_id IS NOT NULL)
);
