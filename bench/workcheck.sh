#!/usr/bin/env bash
# Certificate benchmark (issue 4): load N people with one certificate each
# (default 1,000,000), then in one run:
#   - the certificate CSV import rate against `psql \copy` of the same file;
#   - GET /v1/work-check under wrk (64 connections) against pgbench running the
#     statements the endpoint runs (recorded by `anpei bench work-check-sql`:
#     the token lookup and the certificate query) with the same values.
# Release build. Prints figures and ratios; asserts nothing.
#   bash bench/workcheck.sh [N] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
N=${1:-1000000}
DURATION=${2:-10}
CONNS=${3:-64}

PG_DIR=$(mktemp -d /tmp/anpei-bench-pg.XXXXXX)
PG_PORT=$(anpei_free_port)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"; }
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT"
psql "$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)" -qc "CREATE DATABASE bench" >/dev/null
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" bench)

swift build -c release --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build -c release --show-bin-path)/anpei
"$BIN" db migrate >/dev/null
DATA="$PG_DIR/files"
now() { date +%s.%N; }
t=$(now); "$BIN" demo generate --out "$DATA" --enterprises 2000 --people "$N" --certificates >/dev/null
echo "generated $N people and certificates in $(python3 -c "print(round($(now) - $t, 1))") s" >&2
"$BIN" import enterprises "$DATA/enterprises.csv" --direct >/dev/null
t=$(now); "$BIN" import people "$DATA/people.csv" --direct >/dev/null
echo "people imported in $(python3 -c "print(round($(now) - $t, 1))") s" >&2

psql "$ANPEI_DATABASE_URL" -qc "CREATE TABLE raw_certs (a text, b text, c text, d text, e text, f text, g text)"
t0=$(now); psql "$ANPEI_DATABASE_URL" -qc "\\copy raw_certs FROM '$DATA/certificates.csv' WITH (FORMAT csv, HEADER true)"
t1=$(now); "$BIN" import certificates "$DATA/certificates.csv" --direct >/dev/null
t2=$(now)
psql "$ANPEI_DATABASE_URL" -qc "VACUUM ANALYZE"

printf 'bench-password-1\n' | "$BIN" admin create-user --username bench >/dev/null
PORT=$(anpei_free_port)
"$BIN" serve --listen "127.0.0.1:$PORT" --log-level error --pool-size 8 --signing-key-file "$PG_DIR/key" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
PERSON=$(psql "$ANPEI_DATABASE_URL" -tAc "SELECT person_id FROM certificates ORDER BY number LIMIT 1 OFFSET $((N / 2))")
URL="http://127.0.0.1:$PORT/v1/work-check?person=$PERSON&item=1.2"
curl -fsS -H "Authorization: Bearer $TOKEN" "$URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("work-check answer: allowed =", d["allowed"])' >&2

WRK=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$URL" 2>/dev/null)
# The statements the endpoint runs for this request once warm, recorded from
# the same service calls the route makes (anpei bench work-check-sql), with the
# same parameter values: pgbench -M prepared binds them as anpei does.
"$BIN" bench work-check-sql --token "$TOKEN" --person "$PERSON" --item 1.2 --defines "$PG_DIR/defines" >"$PG_DIR/workcheck.sql"
DEFINES=()
while IFS= read -r d; do DEFINES+=(-D "$d"); done <"$PG_DIR/defines"
echo "pgbench script ($(grep -c ';$' "$PG_DIR/workcheck.sql") statements):" >&2; cut -c1-160 "$PG_DIR/workcheck.sql" >&2
PG=$(pgbench -n -M prepared -c 8 -j 2 -T "$DURATION" "${DEFINES[@]}" -f "$PG_DIR/workcheck.sql" "$ANPEI_DATABASE_URL" 2>/dev/null)

python3 - "$N" "$t0" "$t1" "$t2" "$CONNS" <<PY
import re, sys
n = int(sys.argv[1]); t0, t1, t2 = map(float, sys.argv[2:5]); conns = sys.argv[5]
wrk = """$WRK"""; pg = """$PG"""
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
def ms(tag):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % tag, wrk, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
tps = float(re.search(r"tps = ([\d.]+)", pg).group(1))
raw, imp = t1 - t0, t2 - t1
label = "psql \\\\copy of certificates.csv"
print(f"\n{n:,} certificates")
print(f"{label:40} {raw:7.2f} s {n / raw:10.0f} rows/s")
print(f"{'anpei import certificates --direct':40} {imp:7.2f} s {n / imp:10.0f} rows/s   ratio {raw / imp:.2f}")
print(f"\nGET /v1/work-check, wrk c={conns}: {rps:.0f} req/s, p50 {ms('50%'):.2f} ms, p99 {ms('99%'):.2f} ms")
print(f"pgbench -M prepared, same statements and values, 8 clients: {tps:.0f} tps")
print(f"endpoint / pgbench: {rps / tps:.2f}   (goal >= 0.5, p99 < 20 ms)")
PY
echo "$WRK" >&2; echo "$PG" | tail -n 3 >&2
