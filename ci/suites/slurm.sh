#!/usr/bin/env bash
# Integration suite: a real Slurm (with slurmdbd accounting) started here, stopped after.
set -uo pipefail
cd "$(dirname "$0")/../.."
bash ci/slurm/up.sh || exit 1
pnpm --filter @jq/slurm test:integration
status=$?
bash ci/slurm/down.sh
exit $status
