-- Issue 13: 三违 violations and the retraining cases they open (R-3V-2/3/4).
-- Corrections are new records that supersede, never edits.
CREATE TABLE violations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id     uuid NOT NULL REFERENCES people (id),
    -- The host enterprise, also for dispatched, flexible and outsourced workers (R-EMP-1).
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    occurred_on   date NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('illegal_command', 'illegal_operation', 'labor_discipline', 'spot_exam_failed')),
    place         text NOT NULL DEFAULT '',
    description   text NOT NULL DEFAULT '',
    found_by      text NOT NULL CHECK (found_by IN ('enterprise', 'regulator')),
    evidence      text NOT NULL DEFAULT '',
    -- A correction names the record it replaces; a record is replaced at most once.
    supersedes    uuid UNIQUE REFERENCES violations (id),
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX violations_person ON violations (person_id, occurred_on);
CREATE INDEX violations_enterprise ON violations (enterprise_id, occurred_on);

CREATE TABLE retraining_cases (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    violation_id   uuid NOT NULL UNIQUE REFERENCES violations (id),
    person_id      uuid NOT NULL REFERENCES people (id),
    enterprise_id  uuid NOT NULL REFERENCES enterprises (id),
    opened_on      date NOT NULL,
    required_hours integer NOT NULL CHECK (required_hours > 0),
    -- open: off post; reinstated: back on post; void: its violation was superseded.
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reinstated', 'void')),
    closed_on      date,
    closed_by      text
);
CREATE INDEX retraining_cases_open ON retraining_cases (person_id) WHERE status = 'open';
CREATE INDEX retraining_cases_enterprise ON retraining_cases (enterprise_id, status);

CREATE TABLE retraining_hours (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id     uuid NOT NULL REFERENCES retraining_cases (id),
    trained_on  date NOT NULL,
    hours       integer NOT NULL CHECK (hours BETWEEN 1 AND 40),
    trainer     text NOT NULL DEFAULT '',
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retraining_hours_case ON retraining_hours (case_id);

-- R-3V-2 in the database as well: whatever path sets a case to reinstated
-- (API, CLI, import, SQL), the hours must be recorded and an exam of this case
-- passed on or after the day of its violation. The service checks first and
-- names what is missing; this is the guard behind it.
CREATE FUNCTION retraining_case_reinstate_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    recorded integer;
    violated date;
BEGIN
    IF NEW.status = 'reinstated' AND OLD.status IS DISTINCT FROM 'reinstated' THEN
        SELECT coalesce(sum(hours), 0) INTO recorded FROM retraining_hours WHERE case_id = NEW.id;
        SELECT occurred_on INTO violated FROM violations WHERE id = NEW.violation_id;
        IF recorded < NEW.required_hours THEN
            RAISE EXCEPTION 'retraining case %: % of % hours recorded (R-3V-4)', NEW.id, recorded, NEW.required_hours
                USING ERRCODE = 'P3V01';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM exam_attempts a WHERE a.purpose = 'retraining_case' AND a.subject_id = NEW.id
                       AND a.person_id = NEW.person_id AND a.passed AND a.exam_date >= violated) THEN
            RAISE EXCEPTION 'retraining case %: no exam passed since the violation (R-3V-2)', NEW.id USING ERRCODE = 'P3V02';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' AND NEW.status = 'reinstated' THEN
        RAISE EXCEPTION 'a retraining case opens off post (R-3V-2)' USING ERRCODE = 'P3V03';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER retraining_case_reinstate_guard BEFORE INSERT OR UPDATE ON retraining_cases
    FOR EACH ROW EXECUTE FUNCTION retraining_case_reinstate_guard();
