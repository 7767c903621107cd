-- Issue 13: 逢查必考 (R-3V-3). An inspection examines workers on the spot; a
-- failed spot exam opens a retraining case exactly like a violation (a
-- `spot_exam_failed` record naming the inspection and the attempt).
CREATE TABLE inspections (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise_id uuid NOT NULL REFERENCES enterprises (id),
    inspected_on  date NOT NULL,
    inspector     text NOT NULL,
    note          text NOT NULL DEFAULT '',
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_enterprise ON inspections (enterprise_id, inspected_on);

ALTER TABLE violations ADD COLUMN inspection_id uuid REFERENCES inspections (id);
ALTER TABLE violations ADD COLUMN attempt_id uuid UNIQUE REFERENCES exam_attempts (id);
ALTER TABLE violations ADD CONSTRAINT violations_spot_exam_names_its_attempt
    CHECK ((kind = 'spot_exam_failed') = (attempt_id IS NOT NULL));
