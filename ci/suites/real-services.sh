#!/usr/bin/env bash
# Integration suites against real services started here: Slurm 22.05 with slurmdbd
# accounting (ci/slurm) and Dask 2022.12 from Debian (ci/dask). Starts Slurm unless a
# controller already answers, and then stops Slurm only if it started it (others on
# this machine may be using a Slurm that was already up).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
status=0
already_up=0
timeout 10 scontrol ping >/dev/null 2>&1 && already_up=1
bash ci/slurm/up.sh || exit 1
bash ci/dask/up.sh || status=1
pnpm --filter @jq/slurm test:integration || status=1
pnpm --filter @jq/engine test:integration || status=1
JQ_SLURM_TESTS=1 pnpm --filter @jq/dask test:integration || status=1
pnpm --filter @jq/runner test:integration || status=1
pnpm --filter @jq/cli test:integration || status=1
pnpm --filter @jq/dashboard test:integration || status=1
bash ci/dask/down.sh
[ $already_up = 1 ] || bash ci/slurm/down.sh
exit $status
