-- The province-sized registry the benchmarks share (bench/coverage.sh,
-- bench/violations.sh): 11 prefectures × 10 counties of 山西, :ents
-- enterprises over ten sectors, a principal and two staff each, employed since
-- 2020. Run with psql -v ents=N from the repository root.
-- 11 prefectures × 10 counties.
INSERT INTO regions (code, name, parent_code)
SELECT '14' || lpad(p::text, 2, '0') || '00', '地市' || p, '140000' FROM generate_series(1, 11) p ON CONFLICT DO NOTHING;
INSERT INTO regions (code, name, parent_code)
SELECT '14' || lpad(p::text, 2, '0') || lpad(c::text, 2, '0'), '区县' || p || '-' || c, '14' || lpad(p::text, 2, '0') || '00'
FROM generate_series(1, 11) p, generate_series(21, 30) c ON CONFLICT DO NOTHING;
CREATE TEMP TABLE counties AS
SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM regions WHERE code ~ '^14(0[1-9]|1[01])(2[1-9]|30)$';
CREATE TEMP TABLE sector_list AS
SELECT row_number() OVER () - 1 AS n, s FROM unnest(ARRAY['non_coal_mine','metal_smelting','hazardous_chemicals','construction',
  'road_transport','urban_gas','machinery','commerce','medical','fireworks']) s;

INSERT INTO enterprises (id, name, credit_code, region_code)
SELECT md5('e' || i)::uuid, '企业' || i, 'B' || lpad(i::text, 17, '0'), (SELECT code FROM counties WHERE n = i % 110)
FROM generate_series(1, :ents) i;
INSERT INTO enterprise_sectors (enterprise_id, sector_code)
SELECT md5('e' || i)::uuid, (SELECT s FROM sector_list WHERE n = i % 10) FROM generate_series(1, :ents) i;
INSERT INTO people (id, document_type, document_number, name)
SELECT md5('p' || i)::uuid, 'passport', 'P' || lpad(i::text, 10, '0'), '人员' || i FROM generate_series(1, 3 * :ents) i;
INSERT INTO employments (person_id, enterprise_id, roles, employment_type, start_date)
SELECT md5('p' || i)::uuid, md5('e' || ((i - 1) % :ents + 1))::uuid,
       CASE WHEN i <= :ents THEN ARRAY['principal'] ELSE ARRAY['employee'] END, 'regular', DATE '2020-01-01'
FROM generate_series(1, 3 * :ents) i;

