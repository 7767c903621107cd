#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a folder of our own, for development and
# tests. PostgreSQL refuses to run as root, so when run as root the server
# runs as an unprivileged system user (anpei-pg, created on demand); as an
# ordinary user it runs as that user.
#
#   deploy/pg-local.sh start DIR PORT   init (once) and start; prints nothing else
#   deploy/pg-local.sh stop DIR         fast shutdown
#   deploy/pg-local.sh url DIR PORT [DB]  the libpq URI to reach it
#
# The cluster listens on 127.0.0.1 only and trusts local connections: it is
# for a developer machine or CI, never for production (see deploy/README.md).
set -euo pipefail

PG_USER_NAME=anpei-pg

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    echo "pg-local: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$d"
}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$PG_USER_NAME" -- "$@"
    else
      su -s /bin/sh "$PG_USER_NAME" -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

ensure_user() {
  if [ "$(id -u)" -eq 0 ] && ! id "$PG_USER_NAME" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER_NAME"
  fi
}

cmd_start() {
  local dir=$1 port=$2 bin
  bin=$(pg_bindir)
  ensure_user
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown "$PG_USER_NAME" "$dir"
    # The server user must be able to reach the folder through its parents.
    local p=$dir
    while [ "$p" != "/" ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir/data" -U anpei --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    mkdir -p "$dir/run" && [ "$(id -u)" -ne 0 ] || chown "$PG_USER_NAME" "$dir/run"
  fi
  mkdir -p "$dir/run"
  [ "$(id -u)" -ne 0 ] || chown "$PG_USER_NAME" "$dir/run"
  if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    return 0
  fi
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/run/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/run -c fsync=off -c max_connections=200" \
    start >/dev/null || { tail -n 30 "$dir/run/server.log" >&2; exit 1; }
}

cmd_stop() {
  local dir=$1 bin
  bin=$(pg_bindir)
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

cmd_url() {
  echo "postgresql://anpei@127.0.0.1:$2/${3:-postgres}"
}

case "${1:-}" in
  start) cmd_start "$2" "$3" ;;
  stop) cmd_stop "$2" ;;
  url) cmd_url "$2" "$3" "${4:-}" ;;
  *) echo "usage: $0 start DIR PORT | stop DIR | url DIR PORT [DB]" >&2; exit 2 ;;
esac
