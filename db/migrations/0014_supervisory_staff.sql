-- Issue 11 §3 (R-WAVE-3, S2 §27, S4 §27): observers (跟班参训) are people —
-- regulator staff linked to their authority — so the three-year training
-- coverage of supervisory staff can be counted.
CREATE TABLE supervisory_staff (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id   uuid NOT NULL REFERENCES people (id),
    -- The authority (e.g. 新绛县应急管理局) and the division it supervises.
    authority   text NOT NULL,
    region_code text NOT NULL REFERENCES regions (code),
    start_date  date NOT NULL,
    end_date    date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT supervisory_staff_natural_key UNIQUE (person_id, authority, start_date)
);
CREATE INDEX supervisory_staff_region ON supervisory_staff (region_code);

-- An observer enrolment may now name the staff member (and so the person);
-- free-text observers of earlier sessions stay as they were.
ALTER TABLE training_enrollments ADD COLUMN staff_id uuid REFERENCES supervisory_staff (id);
ALTER TABLE training_enrollments DROP CONSTRAINT training_enrollments_check;
ALTER TABLE training_enrollments ADD CONSTRAINT training_enrollments_observer_person
    CHECK (observer OR person_id IS NOT NULL);
ALTER TABLE training_enrollments ADD CONSTRAINT training_enrollments_staff_is_observer
    CHECK (staff_id IS NULL OR (observer AND person_id IS NOT NULL));
CREATE INDEX training_enrollments_staff ON training_enrollments (staff_id) WHERE staff_id IS NOT NULL;
