#!/usr/bin/env bash
# ci/dask/down.sh - nothing to stop: up.sh only installs packages, and every Dask
# scheduler/worker is a child of the test that started it and is stopped by close().
# Kept so every up.sh has a down.sh.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/dask/down
log "nothing to stop"
