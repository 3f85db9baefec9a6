#!/usr/bin/env bash
# ci/dask/up.sh - install Dask distributed for /usr/bin/python3 from Debian (idempotent).
#
# Debian bookworm's python3-distributed (2022.12.1) is the only `distributed` this
# machine kind can get: PyPI is unreachable and the pyenv `python3` on PATH cannot
# import it. Nothing is started here: @jq/dask starts its own scheduler per cluster.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/dask/up
PY=/usr/bin/python3

if ! "$PY" -c 'import distributed' 2>/dev/null; then
  apt_install_missing python3-distributed python3-dask
fi
# openssl makes the TLS material for `security: true`
command -v openssl >/dev/null 2>&1 || apt_install_missing openssl

version=$("$PY" -c 'import distributed; print(distributed.__version__)')
log "ready: $PY imports distributed $version ($(elapsed)s)"
