-- Issue 11 §3. R-WAVE-7: sectors form a hierarchy (医疗卫生 ⊃ 医院 ⊃ 二级/三级医院);
-- a wave covers its sector and everything under it.
ALTER TABLE sectors ADD COLUMN parent_code text REFERENCES sectors (code);
INSERT INTO sectors (code, kind, name_zh, name_en, parent_code) VALUES
    ('hospital',         'unit_type', '医院',       'hospital',           'medical'),
    ('shopping_complex', 'unit_type', '商业综合体', 'commercial complex', 'commerce');
UPDATE sectors SET parent_code = 'hospital' WHERE code = 'hospital_grade_2_3';
UPDATE sectors SET parent_code = 'cultural_heritage' WHERE code = 'key_heritage_unit';
UPDATE sectors SET parent_code = 'shopping_complex', name_en = 'large commercial complex' WHERE code = 'commercial_complex';
UPDATE sectors SET parent_code = 'hazardous_chemicals' WHERE code = 'hazchem_trading';

-- Every sector with its ancestors, itself included (a few dozen rows).
CREATE VIEW sector_ancestry (code, ancestor) AS
    WITH RECURSIVE up (code, ancestor) AS (
        SELECT code, code FROM sectors
        UNION ALL
        SELECT up.code, s.parent_code FROM up JOIN sectors s ON s.code = up.ancestor WHERE s.parent_code IS NOT NULL
    )
    SELECT code, ancestor FROM up;

-- One code for 城镇燃气, whatever a plan calls it (燃气生产经营单位, 城镇燃气经营企业):
-- gas_operator becomes urban_gas; the old names stay as aliases for files.
CREATE TABLE sector_aliases (
    alias text PRIMARY KEY,
    code  text NOT NULL REFERENCES sectors (code)
);
INSERT INTO sector_aliases (alias, code) VALUES
    ('gas_operator', 'urban_gas'), ('城镇燃气经营', 'urban_gas'), ('城镇燃气经营企业', 'urban_gas'),
    ('燃气', 'urban_gas'), ('燃气生产经营单位', 'urban_gas');
DELETE FROM enterprise_sectors a USING enterprise_sectors b
WHERE a.sector_code = 'gas_operator' AND b.enterprise_id = a.enterprise_id AND b.sector_code = 'urban_gas';
UPDATE enterprise_sectors SET sector_code = 'urban_gas' WHERE sector_code = 'gas_operator';
UPDATE training_waves SET sector_code = 'urban_gas' WHERE sector_code = 'gas_operator';
DELETE FROM sectors WHERE code = 'gas_operator';

-- R-WAVE-8: "不少于3天" is three training days of at least this many class hours (rule data).
ALTER TABLE training_waves ADD COLUMN min_hours_per_day integer NOT NULL DEFAULT 6 CHECK (min_hours_per_day BETWEEN 1 AND 12);

-- R-WAVE-8: an absence approved and made up (补课) on a later day counts as attended.
ALTER TABLE training_attendance ADD COLUMN made_up_on date;
ALTER TABLE training_attendance ADD CONSTRAINT training_attendance_makeup CHECK (made_up_on IS NULL OR (NOT present AND made_up_on >= day));

-- The seed plans' own words (issue 11 §3): 新绛县 2026 trains 商业综合体 (not only
-- 大型), 夏阳街道 2024 trains 医院 of any grade.
UPDATE training_waves SET sector_code = 'shopping_complex'
WHERE jurisdiction = '140825' AND year = 2026 AND target_role = 'fire_safety_responsible' AND sector_code = 'commercial_complex';
UPDATE training_waves SET sector_code = 'hospital'
WHERE jurisdiction = '310118001' AND year = 2024 AND target_role = 'fire_safety_responsible' AND sector_code = 'medical';
UPDATE training_waves SET delivery = 'independent' WHERE jurisdiction IN ('310118001', '540000');
