#!/usr/bin/env bash
# ci/sge/down.sh - stop the daemons ci/sge/up.sh started (listed in its state file,
# checked by pid) and nothing else. Jobs are deleted first so no shepherd outlives
# its execd. `--purge` also wipes the spool (jobs, configuration, accounting); the
# next up.sh re-initialises it.
set -uo pipefail
log() { echo "[ci/sge/down] $*"; }
STATE=${JQ_SGE_STATE:-/run/jq-ci-sge/started}
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
if [ ! -s "$STATE" ]; then log "nothing recorded in $STATE: nothing to stop"; exit 0; fi

started() { grep -q "^$1 " "$STATE"; }
stop() { # stop <name>: only if the recorded pid is still the one in the pid file
  local line pid pidfile
  line=$(grep "^$1 " "$STATE") || return 0
  pid=$(echo "$line" | cut -d' ' -f2); pidfile=$(echo "$line" | cut -d' ' -f3)
  if kill -0 "$pid" 2>/dev/null && [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ]; then
    log "stopping $1 (pid $pid)"; kill "$pid"
    # qmaster writes its spool on the way out, which takes several seconds
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$1 still alive after 20s: SIGKILL"; kill -9 "$pid"; fi
  else
    log "$1 (pid $pid) is no longer the one this script's up.sh started: left alone"
  fi
  grep -v "^$1 " "$STATE" > "$STATE.new"; mv "$STATE.new" "$STATE"
}

if started sge_execd && timeout 5 qconf -sh >/dev/null 2>&1; then
  log "deleting jobs"
  qdel -f -u '*' >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -z "$(qstat -u '*' 2>/dev/null)" ] && break; sleep 0.1; done
fi
# The spool may only be wiped when no qmaster is left that someone else started.
ours=0; started sge_qmaster && ours=1
stop sge_execd
stop sge_qmaster
if [ "${1:-}" = --purge ]; then
  if [ $ours = 1 ] || ! pgrep -x sge_qmaster >/dev/null; then
    log "purging the spool and accounting"
    rm -rf /var/spool/gridengine/spooldb/* /var/spool/gridengine/qmaster/* /var/spool/gridengine/execd/*
    rm -f "$SGE_ROOT/$SGE_CELL/common/accounting"
  else
    log "a qmaster this script did not start is running: not purging"
  fi
fi
rm -f "$STATE"
log "done"
