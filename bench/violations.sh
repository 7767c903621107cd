#!/usr/bin/env bash
# 三违 benchmark (issue 13): in a province-sized dataset (bench/province-registry.sql,
# 100,000 enterprises and 300,000 people by default, a tenth of the staff hired
# this year with part of them short of initial hours), record 10,000
# violations through the API (a tenth of them repeats within 12 months), then
# close all 10,000 cases the way an enterprise does (retraining hours, a paper
# exam result, reinstatement). Then the regulator's monthly summary
# (GET /v1/reports/safety) for the province, one month of it and one county,
# sequential requests, p50/p95. Ceilings in the same run: pgbench inserting the
# same violation and case rows alone (no checks, no audit), and a bare route.
# Release build; prints figures, asserts nothing.
#   bash bench/violations.sh [ENTERPRISES] [VIOLATIONS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
ENTS=${1:-100000}
N=${2:-10000}
REQUESTS=${3:-40}
WORKERS=${ANPEI_BENCH_WORKERS:-8}

PG_DIR=$(mktemp -d /tmp/anpei-bench-pg.XXXXXX)
PG_PORT=$(anpei_free_port)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; if [ -n "${KEEP:-}" ]; then echo "kept: $ANPEI_DATABASE_URL ($PG_DIR)" >&2; return; fi; bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"; }
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT" >/dev/null
psql "$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)" -qc "CREATE DATABASE bench" >/dev/null
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" bench)

swift build -c release --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build -c release --show-bin-path)/anpei
"$BIN" db migrate >/dev/null
"$BIN" demo exams >/dev/null
TODAY=$(date -u -d '+8 hours' +%F)
YEAR=${TODAY:0:4}
psql "$ANPEI_DATABASE_URL" -q -v ON_ERROR_STOP=1 -v ents="$ENTS" -v year="$YEAR" -v today="$TODAY" <<'SQL'
\i bench/province-registry.sql
-- Every tenth member of staff was hired this year; half of them had their 三级教育
-- recorded (72 hours, or 60: short of a high-risk sector's 72).
UPDATE employments SET start_date = make_date(:year, 1 + (n % 10), 1 + (n % 28))
FROM (SELECT md5('p' || i)::uuid AS id, i AS n FROM generate_series(:ents + 1, 3 * :ents) i WHERE i % 10 = 0) s
WHERE employments.person_id = s.id AND make_date(:year, 1 + (n % 10), 1 + (n % 28)) <= DATE :'today';
INSERT INTO training_events (id, enterprise_id, kind, held_on, hours, title, recorded_by)
SELECT md5('t' || i)::uuid, em.enterprise_id, 'induction_company', em.start_date, CASE WHEN i % 40 = 0 THEN 60 ELSE 72 END, '三级教育' || i, 'bench'
FROM generate_series(:ents + 1, 3 * :ents) i JOIN employments em ON em.person_id = md5('p' || i)::uuid
WHERE i % 20 = 0;
INSERT INTO training_event_attendees (event_id, person_id)
SELECT md5('t' || i)::uuid, md5('p' || i)::uuid FROM generate_series(:ents + 1, 3 * :ents) i WHERE i % 20 = 0;
VACUUM ANALYZE;
SQL
psql "$ANPEI_DATABASE_URL" -tAc "SELECT format('dataset: %s enterprises, %s people, %s employments (%s started this year), %s training events',
  (SELECT count(*) FROM enterprises), (SELECT count(*) FROM people), (SELECT count(*) FROM employments),
  (SELECT count(*) FROM employments WHERE start_date >= make_date($YEAR, 1, 1)), (SELECT count(*) FROM training_events))"

# The plan: N violations of staff employed since 2020, spread over the year so far;
# the last tenth are second violations of earlier people, later in the year (repeats).
FIRST=$((N - N / 10))
python3 - "$ENTS" "$N" "$FIRST" "$TODAY" >"$PG_DIR/plan.tsv" <<'PY'
import datetime, hashlib, sys, uuid
ents, n, first, today = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), datetime.date.fromisoformat(sys.argv[4])
def md5uuid(s): return str(uuid.UUID(hashlib.md5(s.encode()).hexdigest()))
start = datetime.date(today.year, 1, 2)
span = (today - start).days
people = [i for i in range(ents + 1, 3 * ents + 1) if i % 10 != 0]
for k in range(n):
    i = people[(k * 7919) % len(people)] if k < first else people[((k - first) * 7919) % len(people)]
    day = start + datetime.timedelta(days=(k * 37) % max(1, span // 2)) if k < first else today - datetime.timedelta(days=k % 20)
    print(f"{md5uuid('p' + str(i))}\t{md5uuid('e' + str((i - 1) % ents + 1))}\t{day}")
PY

printf 'bench-password-1\n' | "$BIN" admin create-user --username bench >/dev/null
PORT=$(anpei_free_port)
"$BIN" serve --listen "127.0.0.1:$PORT" --log-level error --signing-key-file "$PG_DIR/key" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

LOAD=$(python3 bench/violation_load.py 127.0.0.1 "$PORT" "$TOKEN" "$WORKERS" "$TODAY" <"$PG_DIR/plan.tsv")

# Ceiling for recording: the violation and case rows inserted by pgbench alone, same clients.
cat >"$PG_DIR/record.sql" <<PGB
\set i random($((ENTS + 1)), $((3 * ENTS)))
BEGIN;
WITH v AS (INSERT INTO violations (person_id, enterprise_id, occurred_on, kind, found_by, recorded_by)
           VALUES (md5('p' || :i)::uuid, md5('e' || ((:i - 1) % $ENTS + 1))::uuid, DATE '$TODAY', 'illegal_operation', 'regulator', 'pgbench')
           RETURNING id, person_id, enterprise_id)
INSERT INTO retraining_cases (violation_id, person_id, enterprise_id, opened_on, required_hours)
SELECT id, person_id, enterprise_id, DATE '$TODAY', 8 FROM v;
COMMIT;
PGB
PG_RECORD=$(pgbench -n -M prepared -c "$WORKERS" -j 2 -t $((N / WORKERS)) -f "$PG_DIR/record.sql" "$ANPEI_DATABASE_URL" 2>&1 || true)
psql "$ANPEI_DATABASE_URL" -qc "DELETE FROM retraining_cases WHERE violation_id IN (SELECT id FROM violations WHERE recorded_by = 'pgbench')" \
  -c "DELETE FROM violations WHERE recorded_by = 'pgbench'" -c "VACUUM ANALYZE"

SUMMARY=$(python3 - "$PORT" "$TOKEN" "$REQUESTS" "$YEAR" "${TODAY:5:2}" <<'PY'
import json, statistics, sys, time, urllib.request
port, token, n, year, month = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
def get(path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, json.loads(body)
out = {}
for label, path in [("province, the year by month", f"/v1/reports/safety?region=140000&year={year}"),
                    ("province, one month", f"/v1/reports/safety?region=140000&year={year}&month={month}"),
                    ("county 140121, the year by month", f"/v1/reports/safety?region=140121&year={year}"),
                    ("bare route /healthz", "/healthz")]:
    get(path)
    times = sorted(get(path)[0] for _ in range(n))
    _, body = get(path)
    rows = body.get("rows", [])
    out[label] = {"p50": statistics.median(times), "p95": times[min(n - 1, int(round(0.95 * n)) - 1)], "rows": len(rows),
                  "violations": sum(r["violations"] for r in rows), "repeat": sum(r["repeatViolators"] for r in rows),
                  "untrained": sum(r["untrainedStarters"] for r in rows)}
print(json.dumps(out))
PY
)

python3 - "$N" "$WORKERS" <<PY
import json, re, sys
n, workers = int(sys.argv[1]), int(sys.argv[2])
load, summary = json.loads("""$LOAD"""), json.loads("""$SUMMARY""")
m = re.search(r"tps = ([\d.]+)", """$PG_RECORD""")
pg = float(m.group(1)) if m else float("nan")
r = load["record"]
print(f"\n{n:,} violations through POST /v1/violations, {workers} connections: {r['rate']:.0f}/s  p50 {r['p50']:.1f} ms  p99 {r['p99']:.1f} ms  "
      f"errors {r['errors']}  ({r['seconds']} s; {load['repeats']:,} repeats at 16 hours)")
print(f"pgbench, the violation and case rows alone, {workers} clients:         {pg:.0f}/s   ratio {r['rate'] / pg:.2f}")
h, e, b = load["hours"], load["exams"], load["reinstate"]
total = h["seconds"] + e["seconds"] + b["seconds"]
print(f"closing {load['closed']:,} cases in {total:.1f} s ({load['closed'] / total:.0f} cases/s): hours {h['rate']:.0f}/s p99 {h['p99']:.1f} ms; "
      f"paper results {e['n']} sheets of 500 in {e['seconds']} s; reinstatement {b['rate']:.0f}/s p99 {b['p99']:.1f} ms; "
      f"errors {h['errors'] + e['errors'] + b['errors']}")
for k in ("record", "hours", "exams", "reinstate"):
    if load[k]["first_error"]: print(f"  first {k} error: {load[k]['first_error']}")
for label, f in summary.items():
    extra = "" if label.startswith("bare") else f"  ({f['rows']} rows: {f['violations']:,} violations, {f['repeat']:,} repeat, {f['untrained']:,} 未培训先上岗)"
    print(f"GET {label:34} p50 {f['p50']:7.1f} ms   p95 {f['p95']:7.1f} ms{extra}")
print("goal: the monthly summary p95 < 200 ms")
PY
