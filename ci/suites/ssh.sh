#!/usr/bin/env bash
# Integration suite: a Slurm cluster driven over SSH (@jq/ssh) against the dedicated sshd
# of ci/ssh (127.0.0.1:2222, user jqssh) and the real Slurm of ci/slurm. Starts what is not
# running (Slurm first: jqssh's association needs it), then stops only what it started.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
status=0
slurm_up=0; ssh_up=0
timeout 10 scontrol ping >/dev/null 2>&1 && slurm_up=1
[ -f /run/jq-ci-ssh/sshd.pid ] && kill -0 "$(cat /run/jq-ci-ssh/sshd.pid)" 2>/dev/null && ssh_up=1
bash ci/slurm/up.sh || exit 1
bash ci/ssh/up.sh || exit 1
pnpm --filter @jq/ssh test:integration || status=1
pnpm --filter @jq/cli test:integration:ssh || status=1
[ $ssh_up = 1 ] || bash ci/ssh/down.sh
[ $slurm_up = 1 ] || bash ci/slurm/down.sh
exit $status
