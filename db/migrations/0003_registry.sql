-- Registry: sectors and unit types, the special-operations catalogue, enterprises
-- with sectors and areas, people, employment, training institutions with their
-- AQ 8011-2023 status history and inspections. Rules: DOMAIN.md R-USCC, R-ID,
-- R-EMP-*, R-INST-1.

-- Sectors (行业) and unit types (单位类型). Two separate high-risk flags (DOMAIN.md
-- "Training-hour rules"): high_risk_training is exactly 煤矿, 非煤矿山, 危险化学品,
-- 烟花爆竹, 金属冶炼; high_risk_drill adds what the seed plans treat as high-risk for
-- drills. `mining` marks the sectors R-EMP-2 applies to.
CREATE TABLE sectors (
    code               text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    kind               text NOT NULL CHECK (kind IN ('sector', 'unit_type')),
    name_zh            text NOT NULL UNIQUE,
    name_en            text NOT NULL,
    high_risk_training boolean NOT NULL DEFAULT false,
    high_risk_drill    boolean NOT NULL DEFAULT false,
    mining             boolean NOT NULL DEFAULT false
);

INSERT INTO sectors (code, kind, name_zh, name_en, high_risk_training, high_risk_drill, mining) VALUES
    ('coal_mine',            'sector',    '煤矿',         'coal mining',                      true,  true,  true),
    ('non_coal_mine',        'sector',    '非煤矿山',     'non-coal mining',                  true,  true,  true),
    ('hazardous_chemicals',  'sector',    '危险化学品',   'hazardous chemicals',              true,  true,  false),
    ('fireworks',            'sector',    '烟花爆竹',     'fireworks and firecrackers',       true,  true,  false),
    ('metal_smelting',       'sector',    '金属冶炼',     'metal smelting',                   true,  true,  false),
    ('construction',         'sector',    '建筑施工',     'construction',                     false, true,  false),
    ('road_transport',       'sector',    '道路运输',     'road transport',                   false, true,  false),
    ('urban_gas',            'sector',    '城镇燃气',     'urban gas',                        false, true,  false),
    ('civil_explosives',     'sector',    '民爆',         'civil explosives',                 false, true,  false),
    ('machinery',            'sector',    '机械制造',     'machinery manufacturing',          false, false, false),
    ('dust_explosion',       'sector',    '粉尘涉爆',     'combustible dust',                 false, false, false),
    ('oil_gas_storage',      'sector',    '油气储存',     'oil and gas storage',              false, true,  false),
    ('industry_trade',       'sector',    '工贸',         'industry and trade (other)',       false, false, false),
    ('medical',              'sector',    '医疗卫生',     'health care',                      false, false, false),
    ('cultural_heritage',    'sector',    '文物',         'cultural heritage',                false, false, false),
    ('commerce',             'sector',    '商贸',         'commerce',                         false, false, false),
    ('education',            'sector',    '教育',         'education',                        false, false, false),
    ('other',                'sector',    '其他',         'other',                            false, false, false),
    ('hospital_grade_2_3',   'unit_type', '二级三级医院', 'grade II or III hospital',         false, false, false),
    ('key_heritage_unit',    'unit_type', '重点文物保护单位', 'key cultural heritage protection unit', false, false, false),
    ('commercial_complex',   'unit_type', '大型商业综合体', 'large commercial complex',       false, false, false),
    ('hazchem_trading',      'unit_type', '危化品经营',   'hazardous chemicals trading',      false, false, false),
    ('gas_operator',         'unit_type', '城镇燃气经营', 'urban gas operator',               false, false, false),
    ('state_enterprise',     'unit_type', '国有企业',     'state-owned enterprise',           false, false, false);

-- The special-operations catalogue is versioned data (R-CERT-*: rule sets and
-- catalogues change by order, e.g. MEM-30 now, a successor later).
CREATE TABLE special_op_catalogues (
    version        text PRIMARY KEY,
    name           text NOT NULL,
    effective_from date NOT NULL
);
CREATE TABLE special_op_categories (
    catalogue_version text NOT NULL REFERENCES special_op_catalogues (version),
    code              text NOT NULL CHECK (code ~ '^[0-9]+$'),
    name_zh           text NOT NULL,
    PRIMARY KEY (catalogue_version, code)
);
CREATE TABLE special_op_items (
    catalogue_version text NOT NULL,
    code              text NOT NULL CHECK (code ~ '^[0-9]+\.[0-9]+$'),
    category_code     text NOT NULL,
    name_zh           text NOT NULL,
    PRIMARY KEY (catalogue_version, code),
    FOREIGN KEY (catalogue_version, category_code) REFERENCES special_op_categories (catalogue_version, code),
    CHECK (split_part(code, '.', 1) = category_code)
);

INSERT INTO special_op_catalogues VALUES
    ('MEM-30', '特种作业人员安全技术培训考核管理规定（原国家安全监管总局令第30号，2015年修正）附件：特种作业目录', '2010-07-01');
INSERT INTO special_op_categories (catalogue_version, code, name_zh) VALUES
    ('MEM-30', '1', '电工作业'), ('MEM-30', '2', '焊接与热切割作业'), ('MEM-30', '3', '高处作业'),
    ('MEM-30', '4', '制冷与空调作业'), ('MEM-30', '5', '煤矿安全作业'), ('MEM-30', '6', '金属非金属矿山安全作业'),
    ('MEM-30', '7', '石油天然气安全作业'), ('MEM-30', '8', '冶金（有色）生产安全作业'),
    ('MEM-30', '9', '危险化学品安全作业'), ('MEM-30', '10', '烟花爆竹安全作业'), ('MEM-30', '11', '其他作业');
INSERT INTO special_op_items (catalogue_version, code, category_code, name_zh) VALUES
    ('MEM-30', '1.1', '1', '高压电工作业'), ('MEM-30', '1.2', '1', '低压电工作业'), ('MEM-30', '1.3', '1', '防爆电气作业'),
    ('MEM-30', '2.1', '2', '熔化焊接与热切割作业'), ('MEM-30', '2.2', '2', '压力焊作业'), ('MEM-30', '2.3', '2', '钎焊作业'),
    ('MEM-30', '3.1', '3', '登高架设作业'), ('MEM-30', '3.2', '3', '高处安装、维护、拆除作业'),
    ('MEM-30', '4.1', '4', '制冷与空调设备运行操作作业'), ('MEM-30', '4.2', '4', '制冷与空调设备安装修理作业'),
    ('MEM-30', '5.1', '5', '煤矿井下电气作业'), ('MEM-30', '5.2', '5', '煤矿井下爆破作业'),
    ('MEM-30', '5.3', '5', '煤矿安全监测监控作业'), ('MEM-30', '5.4', '5', '煤矿瓦斯检查作业'),
    ('MEM-30', '5.5', '5', '煤矿安全检查作业'), ('MEM-30', '5.6', '5', '煤矿提升机操作作业'),
    ('MEM-30', '5.7', '5', '煤矿采煤机（掘进机）操作作业'), ('MEM-30', '5.8', '5', '煤矿瓦斯抽采作业'),
    ('MEM-30', '5.9', '5', '煤矿防突作业'), ('MEM-30', '5.10', '5', '煤矿探放水作业'),
    ('MEM-30', '6.1', '6', '金属非金属矿井通风作业'), ('MEM-30', '6.2', '6', '尾矿作业'),
    ('MEM-30', '6.3', '6', '金属非金属矿山安全检查作业'), ('MEM-30', '6.4', '6', '金属非金属矿山提升机操作作业'),
    ('MEM-30', '6.5', '6', '金属非金属矿山支柱作业'), ('MEM-30', '6.6', '6', '金属非金属矿山井下电气作业'),
    ('MEM-30', '6.7', '6', '金属非金属矿山排水作业'), ('MEM-30', '6.8', '6', '金属非金属矿山爆破作业'),
    ('MEM-30', '7.1', '7', '司钻作业'),
    ('MEM-30', '8.1', '8', '煤气作业'),
    ('MEM-30', '9.1', '9', '光气及光气化工艺作业'), ('MEM-30', '9.2', '9', '氯碱电解工艺作业'),
    ('MEM-30', '9.3', '9', '氯化工艺作业'), ('MEM-30', '9.4', '9', '硝化工艺作业'), ('MEM-30', '9.5', '9', '合成氨工艺作业'),
    ('MEM-30', '9.6', '9', '裂解（裂化）工艺作业'), ('MEM-30', '9.7', '9', '氟化工艺作业'), ('MEM-30', '9.8', '9', '加氢工艺作业'),
    ('MEM-30', '9.9', '9', '重氮化工艺作业'), ('MEM-30', '9.10', '9', '氧化工艺作业'), ('MEM-30', '9.11', '9', '过氧化工艺作业'),
    ('MEM-30', '9.12', '9', '胺基化工艺作业'), ('MEM-30', '9.13', '9', '磺化工艺作业'), ('MEM-30', '9.14', '9', '聚合工艺作业'),
    ('MEM-30', '9.15', '9', '烷基化工艺作业'), ('MEM-30', '9.16', '9', '化工自动化控制仪表作业'),
    ('MEM-30', '10.1', '10', '烟火药制造作业'), ('MEM-30', '10.2', '10', '黑火药制造作业'),
    ('MEM-30', '10.3', '10', '引火线制造作业'), ('MEM-30', '10.4', '10', '烟花爆竹产品涉药作业'),
    ('MEM-30', '10.5', '10', '烟花爆竹储存作业');

-- Enterprises (生产经营单位), identified by their credit code (R-USCC).
ALTER TABLE enterprises
    ALTER COLUMN credit_code SET NOT NULL,
    ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
    ADD COLUMN key_enterprise boolean NOT NULL DEFAULT false,
    ADD COLUMN high_risk_override boolean,
    ADD COLUMN high_risk_override_reason text,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT enterprises_override_has_reason CHECK (
        high_risk_override IS NULL OR length(btrim(coalesce(high_risk_override_reason, ''))) > 0);
CREATE INDEX enterprises_region ON enterprises (region_code);

CREATE TABLE enterprise_sectors (
    enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    sector_code   text NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (enterprise_id, sector_code)
);

-- The areas an enterprise has (R-DRILL-1): office, production (several sites
-- allowed) and living.
CREATE TABLE enterprise_areas (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('office', 'production', 'living')),
    name          text NOT NULL,
    UNIQUE (enterprise_id, kind, name)
);

-- People, identified by document type and number (R-ID for resident IDs).
CREATE TABLE people (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_type   text NOT NULL CHECK (document_type IN
                        ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_resident')),
    document_number text NOT NULL,
    name            text NOT NULL CHECK (length(btrim(name)) > 0),
    gender          text CHECK (gender IN ('male', 'female')),
    birth_date      date,
    phone           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT people_document_key UNIQUE (document_type, document_number)
);

-- Employment: person × enterprise, several roles at once (R-EMP-*).
CREATE TABLE employments (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id       uuid NOT NULL REFERENCES people (id),
    enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
    roles           text[] NOT NULL CHECK (roles <@ ARRAY['principal', 'fire_safety_responsible', 'safety_manager',
                        'special_operations', 'fire_system_operator', 'employee']::text[] AND cardinality(roles) > 0),
    employment_type text NOT NULL CHECK (employment_type IN ('regular', 'dispatched', 'flexible', 'outsourced')),
    post            text NOT NULL DEFAULT '',
    hazardous_post  boolean NOT NULL DEFAULT false,
    start_date      date NOT NULL,
    end_date        date,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT employments_natural_key UNIQUE (person_id, enterprise_id, start_date)
);
CREATE INDEX employments_enterprise ON employments (enterprise_id);
CREATE INDEX employments_person ON employments (person_id);

-- Training institutions (R-INST-1).
ALTER TABLE institutions
    ALTER COLUMN credit_code SET NOT NULL,
    ADD COLUMN status text NOT NULL DEFAULT 'conforming' CHECK (status IN ('conforming', 'rectifying', 'cleared_out')),
    ADD COLUMN rectify_deadline date,
    ADD COLUMN training_kinds text[] NOT NULL DEFAULT '{}',
    ADD COLUMN special_op_categories text[] NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT institutions_rectifying_has_deadline CHECK ((status = 'rectifying') = (rectify_deadline IS NOT NULL)),
    ADD CONSTRAINT institutions_training_kinds CHECK (training_kinds <@ ARRAY['principal', 'safety_manager',
        'special_operations', 'fire_safety', 'employee']::text[]);

CREATE TABLE institution_status_history (
    id             bigserial PRIMARY KEY,
    institution_id uuid NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    status         text NOT NULL CHECK (status IN ('conforming', 'rectifying', 'cleared_out')),
    rectify_deadline date,
    effective_date date NOT NULL,
    note           text NOT NULL DEFAULT '',
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX institution_status_history_inst ON institution_status_history (institution_id, id);

CREATE TABLE institution_inspections (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    institution_id uuid NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    inspected_on   date NOT NULL,
    inspector      text NOT NULL,
    result         text NOT NULL CHECK (result IN ('pass', 'rectify', 'fail')),
    findings       text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Township and street level of the seed plans' jurisdictions (9-digit codes whose
-- first six digits are the county, R-REGION). The names come from the seed plans;
-- the last three digits were assigned here without an authoritative list at hand
-- and should be checked against the statistical division codes (`anpei import
-- regions` corrects names and loads the rest).
INSERT INTO regions (code, name, parent_code) VALUES
    ('140825100', '龙兴镇', '140825'),
    ('140825101', '三泉镇', '140825'),
    ('140825102', '泽掌镇', '140825'),
    ('140825103', '北张镇', '140825'),
    ('140825104', '古交镇', '140825'),
    ('140825105', '万安镇', '140825'),
    ('140825106', '阳王镇', '140825'),
    ('140825107', '横桥镇', '140825'),
    ('140825400', '新绛经济技术开发区', '140825'),
    ('141124210', '安家庄乡', '141124'),
    ('310118005', '夏阳街道', '310118')
ON CONFLICT (code) DO NOTHING;
