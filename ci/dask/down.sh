#!/usr/bin/env bash
# ci/dask/down.sh - nothing to stop: up.sh only installs packages, and every Dask
# scheduler/worker is a child of the test that started it and is stopped by close().
# Kept so .ci/run can pair every up.sh with a down.sh.
set -euo pipefail
echo "[ci/dask/down] nothing to stop"
