#!/usr/bin/env bash
# Integration suite against a real Son of Grid Engine 8.1.9 (ci/sge): @jq/sge's cluster,
# engine and conformance end-to-end tests. Starts SGE unless a qmaster already answers,
# and then stops only what it started.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
status=0
already_up=0
timeout 10 qstat -xml >/dev/null 2>&1 && already_up=1
bash ci/sge/up.sh || exit 1
pnpm --filter @jq/sge test:integration || status=1
pnpm --filter @jq/cli test:integration:sge || status=1
[ $already_up = 1 ] || bash ci/sge/down.sh
exit $status
