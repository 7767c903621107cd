-- R-REGION: the jurisdictions of the four seed plans at province, prefecture
-- and county level, so regulator accounts can be scoped from the start. The
-- registry issue adds township/street units and an import for the rest.
INSERT INTO regions (code, name, parent_code) VALUES
    ('140000', '山西省', NULL),
    ('140800', '运城市', '140000'),
    ('140825', '新绛县', '140800'),
    ('141100', '吕梁市', '140000'),
    ('141124', '临县', '141100'),
    ('310000', '上海市', NULL),
    ('310118', '青浦区', '310000'),
    ('540000', '西藏自治区', NULL),
    ('540100', '拉萨市', '540000'),
    ('540200', '日喀则市', '540000'),
    ('540300', '昌都市', '540000'),
    ('540400', '林芝市', '540000'),
    ('540500', '山南市', '540000'),
    ('540600', '那曲市', '540000'),
    ('542500', '阿里地区', '540000')
ON CONFLICT (code) DO NOTHING;
