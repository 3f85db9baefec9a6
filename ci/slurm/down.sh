#!/usr/bin/env bash
# ci/slurm/down.sh - stop the daemons ci/slurm/up.sh started (listed in its state
# file, checked by pid) and nothing else. Jobs are cancelled first so no
# slurmstepd outlives its slurmd. `--purge` also wipes job state and logs.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/slurm/down
STATE=${JQ_SLURM_STATE:-/run/jq-ci-slurm/started}
nothing_recorded && exit 0
# one slurmd per node, recorded as slurmd-<node> (slurmd: the older one-node layout)
mapfile -t slurmds < <(cut -d' ' -f1 "$STATE" | grep -E '^slurmd(-|$)' || true)

if [ ${#slurmds[@]} -gt 0 ] && scontrol ping >/dev/null 2>&1; then
  log "cancelling jobs"
  for partition in debug batch pair; do scancel --partition=$partition 2>/dev/null; done
  wait_for 10 "jobs to end" sh -c '[ -z "$(squeue -h -t R,CG)" ]'
fi
for daemon in "${slurmds[@]}" slurmctld slurmdbd; do stop_recorded "$daemon"; done
if [ "${1:-}" = --purge ] && started mariadbd; then
  # job ids restart at 1 once the spool is wiped: old accounting rows would clash
  log "dropping slurm_acct_db"; mariadb -e 'DROP DATABASE IF EXISTS slurm_acct_db'
fi
for daemon in mariadbd munged; do stop_recorded "$daemon"; done
if [ "${1:-}" = --purge ]; then
  log "purging job state and logs"
  rm -rf /var/spool/slurmctld/* /var/spool/slurmd/* /var/log/slurm/*
fi
rm -f "$STATE"
log "done"
