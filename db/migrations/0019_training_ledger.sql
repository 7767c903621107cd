-- Issue 13: the workers' training-hours ledger (R-HOURS-1/2/3, R-EMP-3,
-- R-3V-1 warning education, R-WAVE-5 work-injury prevention). An enterprise
-- records training events with their attendees; each worker's status for a
-- date is computed from these rows by AnpeiDomain.HoursRules, never stored.
CREATE TABLE training_events (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    kind          text NOT NULL CHECK (kind IN ('induction_company', 'induction_workshop', 'induction_team', 'annual', 'post_change',
                                                 'new_process', 'warning_education', 'injury_prevention', 'emergency_self_rescue')),
    held_on       date NOT NULL,
    hours         integer NOT NULL CHECK (hours BETWEEN 1 AND 200),
    trainer       text NOT NULL DEFAULT '',
    title         text NOT NULL DEFAULT '',
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    -- The same event recorded again (a re-imported file, a second roster page)
    -- adds attendees to it instead of counting the hours twice.
    CONSTRAINT training_events_natural_key UNIQUE (enterprise_id, kind, held_on, hours, trainer, title)
);
CREATE INDEX training_events_held ON training_events (held_on);

CREATE TABLE training_event_attendees (
    event_id  uuid NOT NULL REFERENCES training_events (id),
    person_id uuid NOT NULL REFERENCES people (id),
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX training_event_attendees_person ON training_event_attendees (person_id);

-- R-HOURS-3: the day the worker moved to the employment's current post;
-- workshop and team training is due again. (A return after a year or more
-- away is read from the employment spells.) No CHECK against start_date: a
-- file may correct the start; the service validates what it is given, and the
-- rules ignore a change outside the employment.
ALTER TABLE employments ADD COLUMN post_changed_on date;

-- Who started work in a month (未培训先上岗, the regulator's monthly summary).
CREATE INDEX employments_start ON employments (start_date);
