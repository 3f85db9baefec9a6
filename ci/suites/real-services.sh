#!/usr/bin/env bash
# Integration suites against real services started here: Slurm 22.05 with slurmdbd
# accounting (ci/slurm) and Dask 2022.12 from Debian (ci/dask). Stops what it started.
set -uo pipefail
cd "$(dirname "$0")/../.."
status=0
bash ci/slurm/up.sh || exit 1
bash ci/dask/up.sh || status=1
pnpm --filter @jq/slurm test:integration || status=1
JQ_SLURM_TESTS=1 pnpm --filter @jq/dask test:integration || status=1
bash ci/dask/down.sh
bash ci/slurm/down.sh
exit $status
