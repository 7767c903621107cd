-- Issue 14: R-DRILL-1 as data. A rule set per jurisdiction ('' is the national
-- default) and effective date; a place is judged by the most specific
-- jurisdiction in force (AnpeiDomain.DrillRuleSet.select). Administrators add
-- successors and local plans without a code change.
CREATE TABLE drill_rule_sets (
    id                  text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,39}$'),
    name                text NOT NULL,
    jurisdiction        text NOT NULL CHECK (jurisdiction = '' OR jurisdiction ~ '^[0-9]{6}([0-9]{3})?$'),
    effective_from      date NOT NULL,
    scope               text NOT NULL CHECK (scope IN ('per_area', 'per_enterprise')),
    per_year            integer NOT NULL CHECK (per_year BETWEEN 1 AND 2),
    per_year_high_risk  integer NOT NULL CHECK (per_year_high_risk BETWEEN 1 AND 2),
    participation_share numeric(4, 3) NOT NULL CHECK (participation_share > 0 AND participation_share <= 1),
    grace_days          integer NOT NULL CHECK (grace_days BETWEEN 0 AND 183),
    created_by          text NOT NULL DEFAULT 'migration',
    UNIQUE (jurisdiction, effective_from)
);

-- The seeds (DOMAIN.md R-DRILL-1): each of the office, production and living
-- areas drills once a year, high-risk sectors once a half-year (S0 §4 新绛县,
-- S3 §7 安家庄乡, and the national default); S2 §21 夏阳街道 and S4 §21 西藏 set
-- the duty per enterprise.
INSERT INTO drill_rule_sets (id, name, jurisdiction, effective_from, scope, per_year, per_year_high_risk, participation_share, grace_days) VALUES
    ('national-2024', '疏散逃生演练（默认：按区域）', '', '2024-01-01', 'per_area', 1, 2, 0.8, 90),
    ('s0-140825', '新绛县：办公、生产、生活区域每年至少1次，高危行业每半年至少1次', '140825', '2024-01-01', 'per_area', 1, 2, 0.8, 90),
    ('s3-141124209', '安家庄乡：按区域每年至少1次，高危行业每半年至少1次', '141124209', '2024-01-01', 'per_area', 1, 2, 0.8, 90),
    ('s2-310118001', '夏阳街道：生产经营单位每年至少1次，高危行业每半年至少1次', '310118001', '2024-01-01', 'per_enterprise', 1, 2, 0.8, 90),
    ('s4-540000', '西藏自治区：生产经营单位每年至少1次，高危行业每半年至少1次', '540000', '2024-01-01', 'per_enterprise', 1, 2, 0.8, 90);
