-- Issue 11 §1: the national statistical division codes (db/reference/divisions,
-- loaded after the migrations by `anpei db migrate`) replace the hand-typed
-- excerpt of 0002/0003. A code a newer edition drops is marked withdrawn, never
-- deleted while anything refers to it; rows loaded from the national list are
-- marked so that hand-added divisions are never withdrawn by an edition.
ALTER TABLE regions ADD COLUMN national boolean NOT NULL DEFAULT false;
ALTER TABLE regions ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;

-- Which edition of a reference list was loaded (a digest of its files).
CREATE TABLE reference_editions (
    name      text PRIMARY KEY,
    digest    text NOT NULL,
    rows      integer NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Four seed codes were typed wrong in 0003 (the statistical list says
-- otherwise). Records entered under them meant the named place, so they move
-- to its right code; the wrong rows then go (nothing refers to them).
INSERT INTO regions (code, name, parent_code) VALUES ('310100', '市辖区', '310000') ON CONFLICT (code) DO NOTHING;
UPDATE regions SET parent_code = '310100' WHERE code = '310118';
INSERT INTO regions (code, name, parent_code) VALUES
    ('310118001', '夏阳街道', '310118'),
    ('141124209', '安家庄乡', '141124'),
    ('140825108', '横桥镇', '140825'),
    ('140825498', '新绛县经济技术开发区', '140825')
ON CONFLICT (code) DO NOTHING;

CREATE TEMP TABLE region_moves (wrong text PRIMARY KEY, right_code text NOT NULL) ON COMMIT DROP;
INSERT INTO region_moves VALUES
    ('310118005', '310118001'),  -- 夏阳街道
    ('141124210', '141124209'),  -- 安家庄乡
    ('140825107', '140825108'),  -- typed 横桥镇; 140825107 is 泉掌镇
    ('140825400', '140825498');  -- typed the development zone; 140825400 is 新绛县社区

UPDATE enterprises x SET region_code = m.right_code FROM region_moves m WHERE x.region_code = m.wrong;
UPDATE institutions x SET region_code = m.right_code FROM region_moves m WHERE x.region_code = m.wrong;
UPDATE users x SET region_code = m.right_code FROM region_moves m WHERE x.region_code = m.wrong;
UPDATE training_sessions x SET region_code = m.right_code FROM region_moves m WHERE x.region_code = m.wrong;
UPDATE training_waves x SET jurisdiction = m.right_code, jurisdiction_prefix = m.right_code
    FROM region_moves m WHERE x.jurisdiction = m.wrong;
UPDATE regions x SET parent_code = m.right_code FROM region_moves m WHERE x.parent_code = m.wrong;

UPDATE regions SET name = '泉掌镇' WHERE code = '140825107';
UPDATE regions SET name = '新绛县社区' WHERE code = '140825400';
DELETE FROM regions WHERE code IN ('310118005', '141124210');
