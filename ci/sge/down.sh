#!/usr/bin/env bash
# ci/sge/down.sh - stop the daemons ci/sge/up.sh started (listed in its state file,
# checked by pid) and nothing else. Jobs are deleted first so no shepherd outlives
# its execd. `--purge` also wipes the spool (jobs, configuration, accounting); the
# next up.sh re-initialises it.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/sge/down
STATE=${JQ_SGE_STATE:-/run/jq-ci-sge/started}
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
nothing_recorded && exit 0

if started sge_execd && timeout 5 qconf -sh >/dev/null 2>&1; then
  log "deleting jobs"
  qdel -f -u '*' >/dev/null 2>&1 || true
  wait_for 10 "jobs to go" sh -c '[ -z "$(qstat -u "*")" ]'
fi
# The spool may only be wiped when no qmaster is left that someone else started.
ours=0; started sge_qmaster && ours=1
stop_recorded sge_execd 20
# qmaster writes its spool on the way out, which takes several seconds
stop_recorded sge_qmaster 20
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
