-- Issue 14: enterprises plan and record evacuation drills (R-DRILL-1). Areas
-- get their headcount; a drill keeps the areas it covered as they were
-- (kind, name, headcount then), so renaming or removing an area later does
-- not rewrite history.
ALTER TABLE enterprise_areas ADD COLUMN headcount integer NOT NULL DEFAULT 0 CHECK (headcount BETWEEN 0 AND 1000000);

CREATE TABLE drills (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise_id      uuid NOT NULL REFERENCES enterprises (id),
    held_on            date NOT NULL,
    starts_at          time,
    scenario           text NOT NULL CHECK (scenario IN ('fire', 'gas_leak', 'earthquake', 'flooding', 'underground_evacuation', 'other')),
    -- false: planned; true: held and recorded.
    recorded           boolean NOT NULL DEFAULT false,
    evacuation_seconds integer CHECK (evacuation_seconds BETWEEN 1 AND 86400),
    problems           text NOT NULL DEFAULT '',
    fixes              text NOT NULL DEFAULT '',
    organiser          text NOT NULL DEFAULT '',
    evidence           text NOT NULL DEFAULT '',
    recorded_by        text NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (recorded OR evacuation_seconds IS NULL)
);
CREATE INDEX drills_enterprise ON drills (enterprise_id, held_on);

CREATE TABLE drill_areas (
    drill_id     uuid NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
    area_id      uuid REFERENCES enterprise_areas (id) ON DELETE SET NULL,
    kind         text NOT NULL,
    name         text NOT NULL,
    headcount    integer NOT NULL CHECK (headcount >= 0),
    participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
    PRIMARY KEY (drill_id, kind, name)
);
CREATE INDEX drill_areas_area ON drill_areas (area_id);
