#!/usr/bin/env bash
# Installs the system packages anpei needs when they are missing (Debian):
# libpq and argon2 headers for the build, the PostgreSQL server for the local
# cluster, curl for the end-to-end checks. Sourced by dev.sh and test.sh.
# (sourced: the caller sets its own shell options)

anpei_install_deps() {
  local wanted=(libpq-dev libargon2-dev postgresql pkg-config curl)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq >/dev/null
  # The Debian postgresql package would start a system cluster; we only need
  # its binaries, and tests run their own clusters.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A free TCP port on 127.0.0.1.
anpei_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}
