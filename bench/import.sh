#!/usr/bin/env bash
# Import benchmark (registry issue): 100,000 people-with-employment rows through
# `anpei import people --direct` (validation, COPY into staging, set-based
# upserts, audit) against `psql \copy` of the same file into a bare table, in
# the same run on the same cluster. Prints rows/s and the ratio. Release build.
#   bash bench/import.sh [ROWS] [ENTERPRISES]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
ROWS=${1:-100000}
ENTS=${2:-500}

PG_DIR=$(mktemp -d /tmp/anpei-bench-pg.XXXXXX)
PG_PORT=$(anpei_free_port)
cleanup() { [ -n "${KEEP:-}" ] && return; bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"; }
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT"
ADMIN=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)
psql "$ADMIN" -qc "CREATE DATABASE bench" >/dev/null
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" bench)

swift build -c release --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build -c release --show-bin-path)/anpei
"$BIN" db migrate >/dev/null
DATA="$PG_DIR/data-files"
"$BIN" demo generate --out "$DATA" --enterprises "$ENTS" --people "$ROWS" >/dev/null
"$BIN" import enterprises "$DATA/enterprises.csv" --direct >/dev/null
ls -l "$DATA/people.csv" | awk '{printf "file: %.1f MiB, %d rows\n", $5/1048576, '"$ROWS"'}'

now() { date +%s.%N; }
# The ceiling: the same file, raw, into a bare table of text columns.
psql "$ANPEI_DATABASE_URL" -qc "CREATE TABLE raw_people (a text, b text, c text, d text, e text, f text, g text, h text, i text)"
t0=$(now)
psql "$ANPEI_DATABASE_URL" -qc "\\copy raw_people FROM '$DATA/people.csv' WITH (FORMAT csv, HEADER true)"
t1=$(now)
"$BIN" import people "$DATA/people.csv" --direct --json >"$PG_DIR/report1.json"
t2=$(now)
"$BIN" import people "$DATA/people.csv" --direct --json >"$PG_DIR/report2.json"
t3=$(now)
python3 - "$ROWS" "$t0" "$t1" "$t2" "$t3" "$PG_DIR/report1.json" "$PG_DIR/report2.json" <<'PY'
import json, sys
rows = int(sys.argv[1]); t0, t1, t2, t3 = map(float, sys.argv[2:6])
r1 = json.load(open(sys.argv[6])); r2 = json.load(open(sys.argv[7]))
raw, imp, again = t1 - t0, t2 - t1, t3 - t2
label = "psql \\copy into a bare table"
print(f"\n{'what':44} {'seconds':>8} {'rows/s':>10}")
print(f"{label:44} {raw:8.2f} {rows / raw:10.0f}")
print(f"{'anpei import people --direct (new rows)':44} {imp:8.2f} {rows / imp:10.0f}   created {r1['counts']['created']}")
print(f"{'anpei import people --direct (same file again)':44} {again:8.2f} {rows / again:10.0f}   unchanged {r2['counts']['unchanged']}")
print(f"\nimport ÷ raw copy rate: {raw / imp:.2f}   (goal ≥ 0.5)")
PY
