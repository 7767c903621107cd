#!/usr/bin/env bash
# Contract fuzzer: schemathesis drives the real `anpei` binary from openapi.yaml,
# with demo data, under an admin, a regulator (140825) and an enterprise user,
# with every check enabled. Account operations that could lock out or revoke the
# fuzzing accounts (login, logout, password changes, user patch) run separately,
# one throwaway admin per operation. Fails on any 5xx, schema violation,
# undocumented status, accepted invalid request, …
#
# Usage: fuzz.sh PATH/TO/anpei   (env ANPEI_TEST_DATABASE_URL: admin URL of a
# throwaway cluster, as scripts/test.sh sets it)
# Optional env: ANPEI_CONTRACT_VENV (virtualenv cache, default .build/contract-venv),
# ANPEI_CONTRACT_EXAMPLES (max examples per operation, default 12),
# ANPEI_CONTRACT_SEED (default 20260101), ANPEI_CONTRACT_ROLES (default
# "admin regulator enterprise accounts"), ANPEI_CONTRACT_REPORTS (keep reports here).
set -uo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${ANPEI_TEST_DATABASE_URL:?}"
. "$ROOT/scripts/deps.sh"

SCHEMATHESIS_VERSION=4.32.5
VENV=${ANPEI_CONTRACT_VENV:-$ROOT/.build/contract-venv}
EXAMPLES=${ANPEI_CONTRACT_EXAMPLES:-12}
SEED=${ANPEI_CONTRACT_SEED:-20260101}
ROLES=${ANPEI_CONTRACT_ROLES:-admin regulator enterprise accounts}
SPEC=$ROOT/Sources/AnpeiAPI/Resources/openapi.yaml

WORK=$(mktemp -d /tmp/anpei-contract.XXXXXX)
REPORTS=${ANPEI_CONTRACT_REPORTS:-$WORK/reports}
mkdir -p "$REPORTS"
DB=contract_$$
SERVER_PID=""
finish() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  psql "$ANPEI_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap finish EXIT
die() { echo "contract: $*" >&2; exit 1; }
t0=$(date +%s)

# 1. schemathesis in a cached virtual environment, installed only when missing.
if ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "contract: installing schemathesis $SCHEMATHESIS_VERSION into $VENV" >&2
  python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    "openapi-spec-validator==0.7.2" || die "pip install schemathesis failed"
fi
"$VENV/bin/python" - "$SPEC" <<'PY' || die "openapi.yaml is not a valid OpenAPI 3.1 document"
import sys
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
validate(read_from_filename(sys.argv[1])[0])
PY

# 2. A fresh database with the demo county, as scripts/dev.sh loads it.
psql "$ANPEI_TEST_DATABASE_URL" -qc "CREATE DATABASE $DB" >/dev/null || die "cannot create database $DB"
export ANPEI_DATABASE_URL=${ANPEI_TEST_DATABASE_URL%/*}/$DB
export ANPEI_MIGRATIONS_DIR=$ROOT/db/migrations
export ANPEI_CONFIG_DIR=$WORK/config
export ANPEI_LOG_LEVEL=${ANPEI_LOG_LEVEL:-warning}
run() { "$@" >>"$WORK/setup.log" 2>&1 || { tail -n 20 "$WORK/setup.log" >&2; die "setup step failed: $*"; }; }
run "$BIN" db migrate
run "$BIN" demo generate --out "$WORK/demo"
for kind in enterprises institutions people; do
  run "$BIN" import "$kind" "$WORK/demo/$kind.csv" --direct
done
run "$BIN" demo certificates
run "$BIN" wave load "$ROOT"/db/waves/*.yaml --direct
run "$BIN" demo training

ENTERPRISE=$(psql "$ANPEI_DATABASE_URL" -tAc \
  "SELECT id FROM enterprises WHERE region_code LIKE '140825%' ORDER BY credit_code LIMIT 1")
[ -n "$ENTERPRISE" ] || die "no demo enterprise"
PASSWORD="Contract-$$-$(date +%s)-fuzz"
user() { # user NAME ROLE [extra create-user flags]
  local name=$1 role=$2; shift 2
  printf '%s\n' "$PASSWORD" | run "$BIN" admin create-user --username "$name" --role "$role" "$@"
}
user fuzz-admin admin
user fuzz-regulator regulator --region-code 140825
user fuzz-enterprise enterprise --enterprise-id "$ENTERPRISE"

# 3. The server, with its own signing key.
PORT=$(anpei_free_port)
URL=http://127.0.0.1:$PORT
"$BIN" serve --listen "127.0.0.1:$PORT" --signing-key-file "$WORK/signing.key" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fsS "$URL/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$URL/readyz" >/dev/null 2>&1 || { tail -n 20 "$WORK/serve.log" >&2; die "server did not start"; }

login() { # login NAME -> token
  curl -fsS "$URL/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
userid() { psql "$ANPEI_DATABASE_URL" -tAc "SELECT id FROM users WHERE username = '$1'"; }

# Operations that change or end the caller's own session or account.
ACCOUNT_OPS=("POST /v1/auth/login" "POST /v1/auth/logout" "PUT /v1/me/password"
             "PATCH /v1/users/{id}" "PUT /v1/users/{id}/password")

total=0 failed=0
declare -A CASES
# st_run LABEL TOKEN [st filter args…] — one schemathesis run; counts its cases.
st_run() {
  local label=$1 token=$2; shift 2
  local auth=() out="$REPORTS/$label.txt" rc
  [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
  local s=$(date +%s)
  "$VENV/bin/st" --config-file "$ROOT/Tests/contract/schemathesis.toml" run "$SPEC" --url "$URL" "${auth[@]}" --checks all \
    --seed "$SEED" --max-examples "$EXAMPLES" --workers 1 --no-color \
    --generation-database none --request-timeout 30 \
    --report junit --report-junit-path "$REPORTS/$label.xml" \
    "$@" >"$out" 2>&1
  rc=$?
  local n
  n=$(python3 - "$REPORTS/$label.xml" <<'PY'
import re, sys
try:
    text = open(sys.argv[1]).read()
except OSError:
    print(0); sys.exit()
print(sum(int(m) for m in re.findall(r'<testsuite[^>]*?\btests="(\d+)"', text)))
PY
)
  # The run's own summary line ("Test cases: N generated, …") is the case count.
  local gen
  gen=$(awk '/^Test cases:/{getline; print $1; exit}' "$out")
  [ -n "$gen" ] && n=$gen
  CASES[$label]=${n:-0}
  total=$((total + ${n:-0}))
  if [ $rc -ne 0 ]; then
    failed=$((failed + 1))
    echo "contract: $label FAILED (exit $rc, ${n:-0} cases, $(( $(date +%s) - s )) s); schemathesis says:" >&2
    sed -n '/FAILURES/,$p' "$out" | head -n 400 >&2
    [ -s "$out" ] && ! grep -q FAILURES "$out" && tail -n 60 "$out" >&2
  else
    echo "contract: $label ok (${n:-0} cases, $(( $(date +%s) - s )) s)" >&2
  fi
}

# Existing records for the operations on one record (schemathesis.toml pins their
# path ids to these): without them the fuzzer mostly meets the 404 of a random id.
sql() { psql "$ANPEI_DATABASE_URL" -tAc "$1"; }
ADMIN_TOKEN=$(login fuzz-admin) || die "login as fuzz-admin failed"
# A certificate in its review window (so reviews reach R-CERT-5/6 and the store).
export ANPEI_FUZZ_CERTIFICATE=$(curl -fsS "$URL/v1/reports/certificates/people?region=140825" \
  -H "Authorization: Bearer $ADMIN_TOKEN" | python3 -c '
import json, sys
certs = [c for p in json.load(sys.stdin) for c in p["certificates"]]
pick = [c for c in certs if c["status"]["state"] == "review_window_open"] or certs
print(pick[0]["certificateId"] if pick else "")')
export ANPEI_FUZZ_MANAGEMENT_CERTIFICATE=$(sql "SELECT id FROM management_certificates ORDER BY number LIMIT 1")
export ANPEI_FUZZ_SESSION=$(sql "SELECT id FROM training_sessions ORDER BY (status = 'registered') DESC, start_date LIMIT 1")
export ANPEI_FUZZ_ENTERPRISE=$ENTERPRISE
export ANPEI_FUZZ_EMPLOYMENT=$(sql "SELECT id FROM employments WHERE enterprise_id = '$ENTERPRISE' ORDER BY start_date, id LIMIT 1")
export ANPEI_FUZZ_PERSON=$(sql "SELECT person_id FROM employments WHERE id = '$ANPEI_FUZZ_EMPLOYMENT'")
export ANPEI_FUZZ_TRAINING_RECORD=$(sql "SELECT completion_code FROM training_enrollments WHERE completion_code IS NOT NULL ORDER BY completion_code LIMIT 1")
for v in CERTIFICATE MANAGEMENT_CERTIFICATE SESSION ENTERPRISE EMPLOYMENT PERSON TRAINING_RECORD; do
  eval "[ -n \"\$ANPEI_FUZZ_$v\" ]" || die "no demo record for ANPEI_FUZZ_$v"
done

exclude=()
for op in "${ACCOUNT_OPS[@]}"; do exclude+=(--exclude-name "$op"); done
for role in $ROLES; do
  case $role in
    admin|regulator|enterprise)
      token=$(login "fuzz-$role") || die "login as fuzz-$role failed"
      st_run "$role" "$token" "${exclude[@]}" ;;
    accounts)
      # One throwaway admin per account operation, all signed in first: fuzzing
      # the login itself (last) trips the per-address login throttle.
      tokens=()
      for i in "${!ACCOUNT_OPS[@]}"; do
        user "throwaway-$i" admin
        tokens[$i]=$(login "throwaway-$i") || die "login as throwaway-$i failed"
      done
      for i in "${!ACCOUNT_OPS[@]}"; do
        op=${ACCOUNT_OPS[$i]}
        if [ "$op" = "POST /v1/auth/login" ]; then continue; fi
        st_run "account-$i" "${tokens[$i]}" --include-name "$op"
      done
      st_run "account-login" "" --include-name "POST /v1/auth/login" ;;
  esac
done

echo "contract: test cases per run:" >&2
for k in "${!CASES[@]}"; do echo "  $k: ${CASES[$k]}" >&2; done | sort >&2
echo "contract: $total test cases in total, $failed failed runs, $(( $(date +%s) - t0 )) s" >&2
if grep -qE '"level": ?"(error|critical)"' "$WORK/serve.log" 2>/dev/null; then
  echo "contract: the server logged errors:" >&2
  grep -E '"level": ?"(error|critical)"' "$WORK/serve.log" | head -n 20 >&2
fi
[ "$failed" -eq 0 ]
