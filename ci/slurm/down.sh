#!/usr/bin/env bash
# ci/slurm/down.sh - stop the daemons ci/slurm/up.sh started (listed in its state
# file, checked by pid) and nothing else. Jobs are cancelled first so no
# slurmstepd outlives its slurmd. `--purge` also wipes job state and logs.
set -uo pipefail
log() { echo "[ci/slurm/down] $*"; }
STATE=${JQ_SLURM_STATE:-/run/jq-ci-slurm/started}
if [ ! -s "$STATE" ]; then log "nothing recorded in $STATE: nothing to stop"; exit 0; fi

started() { grep -q "^$1 " "$STATE"; }
stop() { # stop <name>: only if the recorded pid is still the one in the pid file
  local line pid pidfile
  line=$(grep "^$1 " "$STATE") || return 0
  pid=$(echo "$line" | cut -d' ' -f2); pidfile=$(echo "$line" | cut -d' ' -f3)
  if kill -0 "$pid" 2>/dev/null && [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ]; then
    log "stopping $1 (pid $pid)"; kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$1 still alive after 10s: SIGKILL"; kill -9 "$pid"; fi
  fi
  grep -v "^$1 " "$STATE" > "$STATE.new"; mv "$STATE.new" "$STATE"
}

if started slurmd && scontrol ping >/dev/null 2>&1; then
  log "cancelling jobs"
  scancel --partition=debug 2>/dev/null; scancel --partition=batch 2>/dev/null
  for _ in $(seq 100); do [ -z "$(squeue -h -t R,CG 2>/dev/null)" ] && break; sleep 0.1; done
fi
for daemon in slurmd slurmctld slurmdbd; do stop "$daemon"; done
if [ "${1:-}" = --purge ] && started mariadbd; then
  # job ids restart at 1 once the spool is wiped: old accounting rows would clash
  log "dropping slurm_acct_db"; mariadb -e 'DROP DATABASE IF EXISTS slurm_acct_db'
fi
for daemon in mariadbd munged; do stop "$daemon"; done
if [ "${1:-}" = --purge ]; then
  log "purging job state and logs"
  rm -rf /var/spool/slurmctld/* /var/spool/slurmd/* /var/log/slurm/*
fi
rm -f "$STATE"
log "done"
