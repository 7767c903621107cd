#!/usr/bin/env bash
# Nightly logical backup: pg_dump custom format, keep the newest N (default 14).
#   deploy/backup.sh /var/backups/anpei [KEEP]
# Connection from ANPEI_DATABASE_URL (or libpq's PG* variables and ~/.pgpass).
set -euo pipefail
dir=${1:?usage: backup.sh DIR [KEEP]}
keep=${2:-14}
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$dir/anpei-$stamp.dump"
pg_dump --format=custom --no-owner --file="$out.partial" "${ANPEI_DATABASE_URL:-}"
mv "$out.partial" "$out"
ls -1t "$dir"/anpei-*.dump | tail -n +$((keep + 1)) | xargs -r rm --
echo "$out"
