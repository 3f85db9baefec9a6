#!/usr/bin/env bash
# ci/dask/up.sh - install Dask distributed for /usr/bin/python3 from Debian (idempotent).
#
# Debian bookworm's python3-distributed (2022.12.1) is the only `distributed` this
# machine kind can get: PyPI is unreachable and the pyenv `python3` on PATH cannot
# import it. Nothing is started here: @jq/dask starts its own scheduler per cluster.
set -euo pipefail
PY=/usr/bin/python3
log() { echo "[ci/dask/up] $*"; }
T_START=$(date +%s)

if ! "$PY" -c 'import distributed' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  # Other setup scripts may hold the dpkg lock at the same time: wait for it.
  apt_options=(-o DPkg::Lock::Timeout=300 -q -y --no-install-recommends)
  if ! apt-cache show python3-distributed >/dev/null 2>&1; then
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 -qq update
  fi
  log "installing python3-distributed python3-dask"
  apt-get install "${apt_options[@]}" python3-distributed python3-dask >/dev/null
fi

if ! command -v openssl >/dev/null 2>&1; then
  log "installing openssl (TLS material for security: true)"
  apt-get install -o DPkg::Lock::Timeout=300 -q -y --no-install-recommends openssl >/dev/null
fi

version=$("$PY" -c 'import distributed; print(distributed.__version__)')
log "ready: $PY imports distributed $version ($(( $(date +%s) - T_START ))s)"
