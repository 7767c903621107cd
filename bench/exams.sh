#!/usr/bin/env bash
# Exam benchmark (issue 12): 1,000 candidates start papers concurrently against
# the same bank, then submit them concurrently; in the same run, pgbench runs
# the statements an exam start and a submission run (recorded by `anpei bench
# exam-sql` from the same service calls the routes make) as the ceiling.
# Release build. Prints papers assembled per second, submissions graded per
# second, p50/p99, and the ratios; asserts nothing.
#   bash bench/exams.sh [CANDIDATES] [PGBENCH_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
N=${1:-1000}
ulimit -n 8192 2>/dev/null || ulimit -n 4096 2>/dev/null || true
DURATION=${2:-10}

PG_DIR=$(mktemp -d /tmp/anpei-bench-pg.XXXXXX)
PG_PORT=$(anpei_free_port)
SERVER=""
KEEP=${ANPEI_BENCH_KEEP:-}
cleanup() { [ -n "$KEEP" ] && cp "$PG_DIR"/*.sql /tmp/ 2>/dev/null; [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"; }
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT" >/dev/null
psql "$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)" -qc "CREATE DATABASE bench" >/dev/null
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" bench)

swift build -c release --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build -c release --show-bin-path)/anpei
"$BIN" db migrate >/dev/null
"$BIN" demo generate --out "$PG_DIR/files" --enterprises 50 --people $((N + 2)) >/dev/null
"$BIN" import enterprises "$PG_DIR/files/enterprises.csv" --direct >/dev/null
"$BIN" import people "$PG_DIR/files/people.csv" --direct >/dev/null
"$BIN" demo exams >/dev/null
printf 'bench-password-1\n' | "$BIN" admin create-user --username bench >/dev/null
psql "$ANPEI_DATABASE_URL" -qc "CREATE TABLE bench_candidates AS SELECT (row_number() OVER (ORDER BY id))::int AS n, id FROM people;
                                 CREATE UNIQUE INDEX ON bench_candidates (n)"
psql "$ANPEI_DATABASE_URL" -qc "VACUUM ANALYZE"
PORT=$(anpei_free_port)
"$BIN" serve --listen "127.0.0.1:$PORT" --log-level error --pool-size 8 --max-connections 2000 --signing-key-file "$PG_DIR/key" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# The shipped 1.2 theory blueprint (45 questions from 64, three quotas, 10% hard), with retakes enough for the runs below.
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v1/blueprints" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{
  "id": "bench-theory", "title": "bench", "kind": "special_operations_theory", "bank": "special-op-1-2", "retakes": 5,
  "sections": [{"type": "true_false", "count": 15, "points": 2}, {"type": "single", "count": 20, "points": 2}, {"type": "multiple", "count": 10, "points": 3}],
  "quotas": [{"knowledgePoint": "lv-outage", "min": 3}, {"knowledgePoint": "lv-first-aid", "min": 2}, {"knowledgePoint": "lv-cert", "min": 2}],
  "difficulty": {"hard": 0.1}}'
mapfile -t PEOPLE < <(psql "$ANPEI_DATABASE_URL" -tAc "SELECT id FROM bench_candidates WHERE n <= $N ORDER BY n")
mapfile -t SPARE < <(psql "$ANPEI_DATABASE_URL" -tAc "SELECT id FROM bench_candidates WHERE n > $N ORDER BY n LIMIT 2")

# HTTP: every candidate starts at once (1 connection each), then every one submits at once.
HTTP=$(python3 bench/exam_load.py "127.0.0.1" "$PORT" "$TOKEN" bench-theory "${PEOPLE[@]}")
# The same candidates again (a retake each), arriving evenly over 10 s per phase: 100 starts/s, then 100 submissions/s.
PACED=$(python3 bench/exam_load.py "127.0.0.1" "$PORT" "$TOKEN" bench-theory --spread 10 "${PEOPLE[@]}")
# Open attempts for the pgbench submission run: one more paper each.
python3 bench/exam_load.py "127.0.0.1" "$PORT" "$TOKEN" bench-theory --start-only "${PEOPLE[@]}" >/dev/null
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

"$BIN" bench exam-sql --token "$TOKEN" --blueprint bench-theory --person "${SPARE[0]}" --person "${SPARE[1]}" \
  --start-script "$PG_DIR/start.sql" --submit-script "$PG_DIR/submit.sql" --defines "$PG_DIR/defines" >&2
DEFINES=()
while IFS= read -r d; do DEFINES+=(-D "$d"); done <"$PG_DIR/defines"
PG_SUBMIT=$(pgbench -n -M prepared -c 8 -j 2 -t $((N / 8)) "${DEFINES[@]}" -f "$PG_DIR/submit.sql" "$ANPEI_DATABASE_URL" 2>&1 || true)
echo "$PG_SUBMIT" | tail -n 4 >&2
echo "HTTP: $HTTP" >&2
# Whatever is still open (a failed request above) would collide with the start script's candidates.
psql "$ANPEI_DATABASE_URL" -qc "UPDATE exam_attempts SET submitted_at = now(), passed = false, score = 0 WHERE submitted_at IS NULL" >&2
PG_START=$(pgbench -n -M prepared -c 8 -j 2 -T "$DURATION" "${DEFINES[@]}" -f "$PG_DIR/start.sql" "$ANPEI_DATABASE_URL" 2>&1 || true)

python3 - "$N" <<PY
import json, re, sys
n = int(sys.argv[1]); http = json.loads("""$HTTP"""); paced = json.loads("""$PACED""")
def tps(out):
    m = re.search(r"tps = ([\d.]+)", out)
    if not m: print(out); sys.exit(1)
    return float(m.group(1))
ps, pg_sub = tps("""$PG_START"""), tps("""$PG_SUBMIT""")
s, g = http["start"], http["submit"]
print(f"\n{n:,} candidates, one connection each, special-op 1.2 theory paper (45 of 64 questions)")
print(f"papers assembled  (POST /v1/exam-attempts):            {s['rate']:7.0f}/s  p50 {s['p50']:6.1f} ms  p99 {s['p99']:6.1f} ms  errors {s['errors']}")
print(f"pgbench, the start's statements, 8 clients:             {ps:7.0f}/s   ratio {s['rate'] / ps:.2f}")
print(f"submissions graded (POST …/submission):                 {g['rate']:7.0f}/s  p50 {g['p50']:6.1f} ms  p99 {g['p99']:6.1f} ms  errors {g['errors']}")
print(f"pgbench, the submission's statements, 8 clients:        {pg_sub:7.0f}/s   ratio {g['rate'] / pg_sub:.2f}")
ps_, pg_ = paced["start"], paced["submit"]
print(f"paced, {n / 10:.0f} arrivals/s per phase: start p50 {ps_['p50']:.1f} ms p99 {ps_['p99']:.1f} ms; submission p50 {pg_['p50']:.1f} ms p99 {pg_['p99']:.1f} ms; errors {ps_['errors'] + pg_['errors']}")
print("goal: ratios >= 0.5, p99 < 100 ms")
PY
