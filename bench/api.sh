#!/usr/bin/env bash
# Side-by-side HTTP figures for the foundation, release build, one run:
#   bare route (/healthz, no database)  vs  authenticated /v1/me (token lookup + user read)
#   and pgbench running the same two SELECTs /v1/me runs, at the same concurrency.
# Prints requests/s, latency percentiles and ratios. Needs wrk and pgbench
# (apt-get install wrk postgresql-contrib). Not a test: it asserts nothing.
#   bash bench/api.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
DURATION=${1:-10}
CONNS=${2:-32}

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
printf 'bench-password-1\n' | "$BIN" admin create-user --username bench >/dev/null
PORT=$(anpei_free_port)
"$BIN" serve --listen "127.0.0.1:$PORT" --log-level error --pool-size 8 >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)

run_wrk() {  # prints "rps p50_ms p99_ms"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$@" 2>/dev/null | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.2f %.2f\n", rps, ms(p50), ms(p99)}'
}
read -r bare_rps bare_p50 bare_p99 < <(run_wrk "http://127.0.0.1:$PORT/healthz")
read -r me_rps me_p50 me_p99 < <(run_wrk -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/me")

# pgbench: the same SQL /v1/me runs (token → user, then the user row).
cat >"$PG_DIR/me.sql" <<SQL
SELECT u.id FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = '\\x$HASH'::bytea AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled;
SELECT id, username, display_name, role FROM users WHERE username = 'bench';
SQL
pg_rps=$(pgbench -n -M extended -c 8 -j 2 -T "$DURATION" -f "$PG_DIR/me.sql" "$ANPEI_DATABASE_URL" 2>/dev/null \
  | awk '/^tps/ {print int($3)}')

printf '\n%-34s %10s %9s %9s\n' "what (c=$CONNS, ${DURATION}s)" "req/s" "p50 ms" "p99 ms"
printf '%-34s %10s %9s %9s\n' "GET /healthz (bare route)" "$bare_rps" "$bare_p50" "$bare_p99"
printf '%-34s %10s %9s %9s\n' "GET /v1/me (auth + 2 queries)" "$me_rps" "$me_p50" "$me_p99"
printf '%-34s %10s\n' "pgbench, same SQL (8 clients)" "$pg_rps"
python3 - "$me_rps" "$bare_rps" "$pg_rps" <<'PY'
import sys
me, bare, pg = map(float, sys.argv[1:])
print(f"\n/v1/me ÷ bare route: {me / bare:.2f}    /v1/me ÷ pgbench: {me / pg:.2f}")
PY
