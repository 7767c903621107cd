-- Principal-leader training (R-WAVE-*): waves, the sessions institutions register
-- for them, enrolment (observers apart), attendance per day, completion records.

-- Region filters are LIKE 'prefix%': with a non-C collation only a
-- text_pattern_ops index serves them.
CREATE INDEX enterprises_region_pattern ON enterprises (region_code text_pattern_ops);

CREATE TABLE training_waves (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL: the national baseline; otherwise the division that set the wave.
    jurisdiction        text REFERENCES regions (code),
    -- The LIKE prefix of the jurisdiction's subtree ('' for national), kept with
    -- the row so coverage queries select the enterprises without a join.
    jurisdiction_prefix text NOT NULL,
    year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    target_role         text NOT NULL CHECK (target_role IN ('principal', 'fire_safety_responsible')),
    sector_code         text NOT NULL REFERENCES sectors (code),
    title               text NOT NULL,
    min_days            integer NOT NULL CHECK (min_days >= 3),
    required_modules    text[] NOT NULL CHECK (cardinality(required_modules) > 0),
    delivery            text NOT NULL CHECK (delivery IN ('main_sub', 'independent')),
    departments         text[] NOT NULL DEFAULT '{}',
    -- Where the wave comes from (plan and section), for the regulator reading it.
    source              text NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT training_waves_natural_key UNIQUE NULLS NOT DISTINCT (jurisdiction, year, target_role, sector_code)
);
CREATE INDEX training_waves_year ON training_waves (year, target_role, sector_code);

CREATE TABLE training_sessions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id         uuid NOT NULL REFERENCES training_waves (id),
    institution_id  uuid NOT NULL REFERENCES institutions (id),
    kind            text NOT NULL CHECK (kind IN ('main', 'sub', 'independent')),
    main_session_id uuid REFERENCES training_sessions (id),
    title           text NOT NULL DEFAULT '',
    venue           text NOT NULL,
    region_code     text NOT NULL REFERENCES regions (code),
    start_date      date NOT NULL,
    end_date        date NOT NULL,
    hours_per_day   integer NOT NULL CHECK (hours_per_day BETWEEN 1 AND 12),
    capacity        integer NOT NULL CHECK (capacity > 0),
    modules         text[] NOT NULL,
    status          text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'in_progress', 'completed', 'cancelled')),
    cancel_reason   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date >= start_date),
    CHECK ((kind = 'sub') = (main_session_id IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
);
CREATE INDEX training_sessions_wave ON training_sessions (wave_id);
CREATE INDEX training_sessions_institution ON training_sessions (institution_id);

-- Trainees (person and the enterprise whose role qualified them) and observers
-- (跟班参训 regulatory staff, R-WAVE-3: named, never counted toward coverage).
-- Both take a seat.
CREATE TABLE training_enrollments (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id      uuid NOT NULL REFERENCES training_sessions (id),
    person_id       uuid REFERENCES people (id),
    enterprise_id   uuid REFERENCES enterprises (id),
    observer        boolean NOT NULL DEFAULT false,
    observer_name   text,
    observer_org    text,
    status          text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'not_completed', 'released')),
    completed_on    date,
    -- The completion record's public verification code.
    completion_code text UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (observer = (person_id IS NULL)),
    CHECK (observer OR enterprise_id IS NOT NULL),
    CHECK (NOT observer OR (observer_name IS NOT NULL AND observer_org IS NOT NULL)),
    CHECK ((status = 'completed') = (completion_code IS NOT NULL AND completed_on IS NOT NULL))
);
CREATE UNIQUE INDEX training_enrollments_person ON training_enrollments (session_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX training_enrollments_person_id ON training_enrollments (person_id);

CREATE TABLE training_attendance (
    enrollment_id uuid NOT NULL REFERENCES training_enrollments (id),
    day           date NOT NULL,
    present       boolean NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, day)
);
