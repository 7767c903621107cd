#!/usr/bin/env bash
# Command 1 (README): run anpei with a local PostgreSQL and demo data.
# Installs what is missing, starts a project-local cluster in .anpei/pg
# (git-ignored; as an unprivileged user when run as root), migrates, creates
# the demo admin and serves on 127.0.0.1:8080. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

PG_DIR=${ANPEI_DEV_PG_DIR:-.anpei/pg}
PG_PORT=${ANPEI_DEV_PG_PORT:-54329}
LISTEN=${ANPEI_LISTEN:-127.0.0.1:8080}
DEMO_USER=admin
DEMO_PASSWORD=${ANPEI_DEMO_PASSWORD:-anpei-demo-2026}

anpei_install_deps

if curl -fsS "http://$LISTEN/healthz" >/dev/null 2>&1; then
  echo "anpei is already serving on http://$LISTEN (demo login: $DEMO_USER / $DEMO_PASSWORD)"
  exit 0
fi

echo "==> PostgreSQL in $PG_DIR on 127.0.0.1:$PG_PORT" >&2
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT"
ADMIN_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)
if ! psql "$ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = 'anpei'" | grep -q 1; then
  psql "$ADMIN_URL" -qc "CREATE DATABASE anpei" >/dev/null
fi
export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" anpei)

echo "==> building (swift build)" >&2
swift build --product anpei 2>&1 | tail -n 1 >&2
BIN=$(swift build --show-bin-path)/anpei

"$BIN" db migrate
printf '%s\n' "$DEMO_PASSWORD" | "$BIN" admin create-user --username "$DEMO_USER" --display-name "演示管理员" \
  --role admin --if-not-exists
# A realistic county: 36 enterprises across high-risk and ordinary sectors,
# 560 people with employment, 5 institutions (one cleared out, one pending inspection). Re-importing
# the same files changes nothing.
"$BIN" demo generate --out .anpei/demo >/dev/null
for kind in enterprises institutions people; do
  "$BIN" import "$kind" ".anpei/demo/$kind.csv" --direct
done
# Certificates in every status (valid, review due, overdue, expired, revoked,
# cancelled, needs a new practical exam).
"$BIN" demo certificates
# The wave plans (national baseline and the four seed jurisdictions), then two
# institutions' sessions for the county's waves of 2024-2026 with attendance
# and completion; coverage stays below 100% so the missing list has names.
"$BIN" wave load db/waves/*.yaml --direct
"$BIN" demo training
# The question banks in git and their exam blueprints (idempotent).
"$BIN" demo exams
# 三违 cases in every state (off post, overdue, repeat, reinstated, corrected,
# a failed spot exam) and a training ledger with shortfalls (未培训先上岗).
"$BIN" demo safety
printf '%s\n' "$DEMO_PASSWORD" | "$BIN" admin create-user --username xinjiang-yjj --display-name "新绛县应急管理局" \
  --role regulator --region-code 140825 --if-not-exists

cat <<MSG

  anpei 正在启动 / starting: http://$LISTEN
  演示管理员 / demo admin:   $DEMO_USER / $DEMO_PASSWORD
  县监管账户 / regulator:    xinjiang-yjj / $DEMO_PASSWORD   (新绛县 140825)
  覆盖率 / coverage:  anpei login --username xinjiang-yjj && anpei coverage --year 2024
  题库 / exams:      anpei bank list; anpei blueprint list   (README: "Exams in five commands")
  三违 / violations: anpei violation summary; anpei case list --status open; anpei ledger report ENTERPRISE
  试一试 / try:  curl -s http://$LISTEN/v1/auth/login -H 'content-type: application/json' \\
                   -d '{"username":"$DEMO_USER","password":"$DEMO_PASSWORD"}'
  停止 / stop:   Ctrl-C, then  bash deploy/pg-local.sh stop $PG_DIR

MSG
exec "$BIN" serve --listen "$LISTEN"
