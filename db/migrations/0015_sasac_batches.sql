-- Issue 11 §3, R-WAVE-9 (S4 §4): 西藏's SASAC batches train the principals,
-- deputies in charge (分管负责人) and heads of the safety department
-- (安全生产业务部门负责人) of key enterprises by owner (中央在藏, 区属, 地市属),
-- without a sector; catch-up waves train the key sectors' principals not yet
-- covered (S2 §9, S4 §4).
ALTER TABLE employments DROP CONSTRAINT employments_roles_check;
ALTER TABLE employments ADD CONSTRAINT employments_roles_check CHECK (
    roles <@ ARRAY['principal', 'fire_safety_responsible', 'safety_manager', 'special_operations', 'fire_system_operator',
                   'employee', 'deputy_principal', 'safety_department_head']::text[] AND cardinality(roles) > 0);

-- Who owns an enterprise, for the SASAC batches: a central enterprise in the
-- region (中央在藏), a regional (区属) or a prefecture (地市属) state enterprise.
ALTER TABLE enterprises ADD COLUMN ownership text CHECK (ownership IN ('central', 'regional', 'prefecture'));

ALTER TABLE training_waves ADD COLUMN kind text NOT NULL DEFAULT 'sector' CHECK (kind IN ('sector', 'sasac_batch', 'catch_up'));
ALTER TABLE training_waves ADD COLUMN target_roles text[];
UPDATE training_waves SET target_roles = ARRAY[target_role];
ALTER TABLE training_waves ALTER COLUMN target_roles SET NOT NULL;
ALTER TABLE training_waves ADD COLUMN owners text[] NOT NULL DEFAULT '{}';
ALTER TABLE training_waves ADD COLUMN organiser text;
ALTER TABLE training_waves ADD COLUMN batch text;
ALTER TABLE training_waves ALTER COLUMN sector_code DROP NOT NULL;
ALTER TABLE training_waves ADD CONSTRAINT training_waves_kind_shape CHECK (
    (kind = 'sasac_batch') = (sector_code IS NULL)
    AND (kind <> 'sasac_batch' OR cardinality(owners) > 0)
    AND target_role = ANY (target_roles));
ALTER TABLE training_waves DROP CONSTRAINT training_waves_natural_key;
ALTER TABLE training_waves ADD CONSTRAINT training_waves_natural_key
    UNIQUE NULLS NOT DISTINCT (jurisdiction, year, kind, target_role, sector_code, batch);
