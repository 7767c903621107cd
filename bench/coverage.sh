#!/usr/bin/env bash
# Coverage benchmark (training issue): a province-sized dataset — by default
# 100,000 enterprises in 110 counties, a principal and two staff each, the
# province's waves for ten sectors in 2024-2026, one session per county ×
# wave, and every principal enrolled once a year (300,000 enrolments: most
# completed, some enrolled, some not completed). Then GET /v1/coverage for the
# province and for one county, sequential requests, p50/p95 latency, and the
# same statement's database time alone (pgbench -M prepared, 1 client) for
# the ceiling. Release build; prints figures, asserts nothing.
#   bash bench/coverage.sh [ENTERPRISES] [REQUESTS]
# The dataset is written with SQL (generate_series): registry rules such as
# credit-code check characters are not what is measured here.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
ENTS=${1:-100000}
REQUESTS=${2:-40}

PG_DIR=$(mktemp -d /tmp/anpei-bench-pg.XXXXXX)
PG_PORT=$(anpei_free_port)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; [ -n "${KEEP:-}" ] && return; bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"; }
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT"
psql "$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)" -qc "CREATE DATABASE bench" >/dev/null
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" bench)

swift build -c release --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build -c release --show-bin-path)/anpei
"$BIN" db migrate >/dev/null
"$BIN" wave load db/waves/national.yaml --direct >/dev/null
SECTORS="non_coal_mine metal_smelting hazardous_chemicals construction road_transport urban_gas machinery commerce medical fireworks"
{
  echo "plan: 山西省（基准测试用）重点行业领域主要负责人专题培训"
  echo "jurisdiction: \"140000\""
  echo "waves:"
  for year in 2024 2025 2026; do
    for s in $SECTORS; do echo "  - { year: $year, targetRole: principal, sector: $s, title: $year-$s }"; done
  done
} >"$PG_DIR/province.yaml"
"$BIN" wave load "$PG_DIR/province.yaml" --direct >/dev/null

now() { date +%s.%N; }
t0=$(now)
psql "$ANPEI_DATABASE_URL" -q -v ON_ERROR_STOP=1 -v ents="$ENTS" <<'SQL'
\i bench/province-registry.sql

INSERT INTO institutions (id, name, credit_code, region_code, training_kinds)
VALUES ('00000000-0000-0000-0000-0000000000aa', '省安全生产培训中心', 'B00000000000000INST', '140000', '{principal}');
-- One session per county × province wave.
INSERT INTO training_sessions (id, wave_id, institution_id, kind, venue, region_code, start_date, end_date, hours_per_day, capacity,
                               modules, status)
SELECT md5('s' || w.id || c.code)::uuid, w.id, '00000000-0000-0000-0000-0000000000aa', 'main', '会议室', c.code,
       make_date(w.year, 5, 10), make_date(w.year, 5, 12), 8, 2000, w.required_modules, 'completed'
FROM training_waves w CROSS JOIN counties c WHERE w.jurisdiction = '140000';
-- Every principal, every year, in their county's session for their sector.
INSERT INTO training_enrollments (session_id, person_id, enterprise_id, status, completed_on, completion_code)
SELECT md5('s' || w.id || e.region_code)::uuid, md5('p' || i)::uuid, e.id, st,
       CASE WHEN st = 'completed' THEN make_date(y, 5, 12) END,
       CASE WHEN st = 'completed' THEN 'C' || i || '-' || y END
FROM generate_series(1, :ents) i
JOIN enterprises e ON e.id = md5('e' || i)::uuid
JOIN enterprise_sectors es ON es.enterprise_id = e.id
CROSS JOIN generate_series(2024, 2026) y
JOIN training_waves w ON w.jurisdiction = '140000' AND w.year = y AND w.sector_code = es.sector_code
CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 < 15 THEN 'completed' WHEN i % 20 < 18 THEN 'enrolled' ELSE 'not_completed' END AS st) x;
VACUUM ANALYZE;
SQL
t1=$(now)
psql "$ANPEI_DATABASE_URL" -tAc "SELECT format('dataset: %s enterprises, %s people, %s employments, %s sessions, %s enrolments (%s s)',
  (SELECT count(*) FROM enterprises), (SELECT count(*) FROM people), (SELECT count(*) FROM employments),
  (SELECT count(*) FROM training_sessions), (SELECT count(*) FROM training_enrollments), round($t1 - $t0, 1))"

printf 'bench-password-1\n' | "$BIN" admin create-user --username bench >/dev/null
PORT=$(anpei_free_port)
"$BIN" serve --listen "127.0.0.1:$PORT" --log-level error --signing-key-file "$PG_DIR/key" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

python3 - "$PORT" "$TOKEN" "$REQUESTS" <<'PY'
import json, statistics, sys, time, urllib.request
port, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def get(path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
    return time.perf_counter() - t, json.loads(body)
for label, path in [("province 140000", "/v1/coverage?region=140000&year=2025"),
                    ("county 140121", "/v1/coverage?region=140121&year=2025"),
                    ("province, one wave's missing list (100)", None)]:
    if path is None:
        _, report = get("/v1/coverage?region=140000&year=2025&sector=machinery")
        wave = [w for w in report["waves"] if w["wave"]["jurisdiction"] == "140000"][0]["wave"]["id"]
        path = f"/v1/coverage/missing?region=140000&year=2025&wave={wave}&limit=100"
    get(path)  # warm
    times = []
    for _ in range(n):
        t, body = get(path)
        times.append(t * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    extra = ""
    if isinstance(body, dict):
        total = sum(w["figures"]["target"] for w in body["waves"])
        extra = f"  ({len(body['waves'])} waves, {total:,} target people)"
    print(f"GET {label:42} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   n={n}{extra}")
PY
