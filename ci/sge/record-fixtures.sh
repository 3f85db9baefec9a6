#!/usr/bin/env bash
# ci/sge/record-fixtures.sh - record real qsub/qstat/qacct/qdel outputs from the SGE
# that ci/sge/up.sh started, as @jq/sge test fixtures. Each fixture is a
# CommandResult (argv, exitCode, stdout, stderr, timedOut) in JSON; scenario.json
# names the job ids. Takes about a minute. It needs the queue to itself (8 slots),
# briefly stops sge_execd (SIGSTOP) to catch the transferring and deleting states,
# and stops sge_qmaster to record its "down" errors, then runs up.sh to restart it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/common.sh"
. "$here/../lib/fixtures.sh"
fixtures_init sge "${1:-$here/../../packages/sge/test/fixtures}"
cd "$work"
NAME=jq-fixture

# state_of <id> [task]: the job's (or task's) state letters in plain qstat
state_of() { qstat -g d | awk -v id="$1" -v task="${2:-}" '$1 == id && (task == "" || $NF == task) { print $5; exit }'; }
is_state() { [ "$(state_of "$1" "${3:-}")" = "$2" ]; }
gone() { ! qstat -j "$1" >/dev/null 2>&1; }
accounted() { qacct -j "$1" >/dev/null 2>&1; }
submit=(qsub -terse -N "$NAME" -o /dev/null -j y)
submit() { "${submit[@]}" "$@"; }
execd_pid=$(cat /var/spool/gridengine/execd/*/execd.pid)
# whatever happens, leave the execd running and the queue unsuspended
trap 'kill -CONT "$execd_pid" 2>/dev/null || true; qmod -usq "all.q@$(hostname -s)" >/dev/null 2>&1 || true' EXIT

if [ -n "$(qstat -u '*')" ]; then log "the queue is not empty; record on an idle SGE"; exit 1; fi

log "jobs that end: completed, failed (exit 3), timeout (h_rt), error state (Eqw)"
error=$(submit -o /nonexistent/jq-fixture/out -b y true)
completed=$(submit -b y true)
failed=$(submit -b y 'exit 3')
timeout=$(submit -l h_rt=0:0:2 -b y sleep 60)
wait_until 30 "job $error in Eqw" is_state "$error" Eqw
for id in "$completed" "$failed" "$timeout"; do wait_until 60 "job $id to end" gone "$id"; done

log "queue snapshot: running, suspended, array (running + pending range), held, pending forever, error"
capture qsub-terse "${submit[@]}" -b y sleep 600 >/dev/null
single=$(cat "$work/stdout")
suspended=$(submit -b y sleep 600)
wait_until 30 "job $suspended running" is_state "$suspended" r
qmod -sj "$suspended" >/dev/null
wait_until 30 "job $suspended suspended" is_state "$suspended" s
capture qsub-terse-array "${submit[@]}" -t 1-8 -b y sleep 600 >/dev/null
array=$(cut -d. -f1 "$work/stdout")
held=$(submit -h -b y true)
big=$(submit -pe smp 64 -b y true)
wait_until 30 "6 array tasks running" sh -c "[ \$(qstat -g d | awk '\$1 == $array && \$5 == \"r\"' | wc -l) -eq 6 ]"
capture qstat-xml-mixed qstat -xml >/dev/null
capture qstat-xml-mixed-all-users qstat -xml -u '*' >/dev/null
capture qstat-xml-mixed-tasks qstat -xml -g d >/dev/null
capture qstat-text-mixed qstat >/dev/null

log "cancel: one qdel for array tasks, a held and a pending job, and an unknown id"
capture qdel-mixed qdel "$array.7" "$array.8" "$held" "$big" 999999 >/dev/null
capture qdel-running qdel "$single" "$array" >/dev/null
capture qdel-unknown qdel 999998 >/dev/null
for id in "$single" "$array" "$held" "$big"; do wait_until 60 "job $id to leave" gone "$id"; done

log "transitional states: transferring (t), deleting (dr), rescheduled (Rq) with sge_execd stopped"
victim=$(submit -b y sleep 600)
rerun=$(submit -r y -b y sleep 600)
wait_until 30 "job $victim running" is_state "$victim" r
wait_until 30 "job $rerun running" is_state "$rerun" r
qmod -rj "$rerun" >/dev/null
wait_until 30 "job $rerun rescheduled" sh -c "qstat | awk '\$1 == $rerun { print \$5 }' | grep -q R"
kill -STOP "$execd_pid"
qdel "$victim" >/dev/null
transfer=$(submit -b y sleep 600)
wait_until 30 "job $transfer transferring" is_state "$transfer" t
wait_until 30 "job $victim deleting" is_state "$victim" dr
capture qstat-xml-transitional qstat -xml >/dev/null
kill -CONT "$execd_pid"
wait_until 30 "job $transfer running" is_state "$transfer" r

log "queue suspended (S) and a held running job (hr)"
qhold "$transfer" >/dev/null
qmod -sq "all.q@$(hostname -s)" >/dev/null
wait_until 30 "job $transfer suspended with its queue" sh -c "qstat | awk '\$1 == $transfer { print \$5 }' | grep -q S"
capture qstat-xml-queue-suspended qstat -xml >/dev/null
qmod -usq "all.q@$(hostname -s)" >/dev/null
wait_until 30 "job $transfer running again" is_state "$transfer" hr
capture qstat-xml-held-running qstat -xml >/dev/null
qdel "$transfer" "$rerun" "$error" "$suspended" >/dev/null
for id in "$victim" "$transfer" "$rerun" "$error" "$suspended"; do wait_until 60 "job $id to leave" gone "$id"; done
capture qstat-xml-empty qstat -xml >/dev/null

log "accounting: ONE qacct by job name for every job that ended"
for id in "$completed" "$failed" "$timeout" "$single" "$victim" "$transfer"; do wait_until 30 "job $id in qacct" accounted "$id"; done
capture qacct-by-name qacct -j "$NAME" -E -d 1 >/dev/null
capture qacct-unknown-name qacct -j jq-nosuch-name -E -d 1 >/dev/null
capture qacct-unknown-id qacct -j 999999 >/dev/null

log "submissions SGE refuses"
printf '#!/bin/bash\ntrue\n' > job.sh
capture qsub-unknown-queue qsub -terse -q nosuch.q "$work/job.sh" >/dev/null
capture qsub-unknown-resource qsub -terse -l nosuchresource=1 "$work/job.sh" >/dev/null
capture qsub-bad-memory-value qsub -terse -l h_vmem=lots "$work/job.sh" >/dev/null
capture qsub-unknown-project qsub -terse -P nosuchproject "$work/job.sh" >/dev/null
capture qsub-unknown-pe qsub -terse -pe nosuchpe 2 "$work/job.sh" >/dev/null
capture qsub-no-suitable-queue qsub -terse -w e -pe smp 64 "$work/job.sh" >/dev/null
capture qsub-bad-name qsub -terse -N 1job "$work/job.sh" >/dev/null
capture qsub-missing-script qsub -terse "$work/no-such-script.sh" >/dev/null

log "qmaster down: stopping it for a few seconds"
qmaster_pid=$(cat /var/spool/gridengine/qmaster/qmaster.pid)
kill "$qmaster_pid"
wait_until 30 "sge_qmaster to stop" sh -c "! kill -0 $qmaster_pid 2>/dev/null"
capture qstat-qmaster-down qstat -xml >/dev/null
capture qsub-qmaster-down qsub -terse "$work/job.sh" >/dev/null
capture qdel-qmaster-down qdel 1 >/dev/null
bash "$here/up.sh" >/dev/null

/usr/bin/python3 - "$out/scenario.json" <<PY
import json, sys
json.dump({'jobName': '$NAME', 'single': '$single', 'suspended': '$suspended', 'array': '$array', 'arrayTasks': 8,
           'held': '$held', 'big': '$big', 'error': '$error', 'completed': '$completed', 'failed': '$failed',
           'timeout': '$timeout', 'victim': '$victim', 'rerun': '$rerun', 'transfer': '$transfer'},
          open(sys.argv[1], 'w'), indent=2)
open(sys.argv[1], 'a').write('\n')
PY
rm -rf "$work"
log "done: fixtures in $out"
