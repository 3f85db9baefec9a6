#!/usr/bin/env bash
# ci/slurm/record-fixtures.sh - record real sbatch/squeue/sacct/scancel outputs from
# the Slurm that ci/slurm/up.sh started, as @jq/slurm test fixtures. Each fixture is
# a CommandResult (argv, exitCode, stdout, stderr, timedOut) in JSON; scenario.json
# names the job ids. Takes about 2 minutes (it waits for a job to hit its time limit).
# It briefly stops slurmctld and slurmdbd to record the "controller down" errors,
# then runs up.sh again to restart them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/common.sh"
. "$here/../lib/fixtures.sh"
fixtures_init slurm "${1:-$here/../../packages/slurm/test/fixtures}"
cd "$work"

state_of() { squeue -h -t all -j "$1,$1" -o %T 2>/dev/null | head -1; }
is_state() { [ "$(state_of "$1")" = "$2" ]; }
in_sacct() { [ -n "$(sacct -n -X -P -j "$1" -o State 2>/dev/null | grep -v PENDING)" ]; }

format='%i|%t|%r'
log "submitting"
printf '#!/bin/bash\nsleep 600\n' > sleeper.sh
single=$(capture sbatch-parsable sbatch --parsable -J jq-fixture-0 -o /dev/null sleeper.sh | tr -d '\n')
held=$(sbatch --parsable --hold -J jq-held -o /dev/null sleeper.sh)
failed=$(sbatch --parsable -J jq-failed -o /dev/null --wrap 'exit 3')
completed=$(sbatch --parsable -J jq-done -o /dev/null --wrap 'true')
timeout=$(sbatch --parsable -t 1 -J jq-timeout -o /dev/null sleeper.sh)
cancelled=$(sbatch --parsable -J jq-cancel -o /dev/null sleeper.sh)
wait_until 30 "single running" is_state "$single" RUNNING
wait_until 30 "to-be-cancelled running" is_state "$cancelled" RUNNING
wait_until 30 "failed job ended" is_state "$failed" FAILED
wait_until 30 "completed job ended" is_state "$completed" COMPLETED
# submitted last: its pending tasks outrank later jobs and would keep them waiting.
# 3 one-CPU jobs run, so two 2-CPU tasks fit on the 8 CPUs and tasks 2-11 wait.
array=$(capture sbatch-parsable-array sbatch --parsable --array=0-11 -c 2 -J jq-fixture-1 -o /dev/null sleeper.sh | tr -d '\n')
wait_until 30 "array tasks 0 and 1 running" is_state "${array}_1" RUNNING

log "queue snapshots"
all_ids="$single,$held,$failed,$completed,$timeout,$cancelled"
for task in $(seq 0 11); do all_ids="$all_ids,${array}_$task"; done
capture squeue-mixed squeue --noheader --states=all --format="$format" --jobs="$all_ids" >/dev/null
capture squeue-mixed-array-flag squeue --noheader --states=all --array --format="$format" --jobs="$all_ids" >/dev/null
capture squeue-default squeue --states=all >/dev/null
capture scancel-running scancel "$cancelled" >/dev/null
capture scancel-array-tasks scancel "${array}_0" "${array}_11" >/dev/null
wait_until 30 "cancelled" is_state "$cancelled" CANCELLED
log "waiting up to 150 s for job $timeout to hit its 1-minute limit"
wait_until 150 "timeout" is_state "$timeout" TIMEOUT
wait_until 30 "accounting has the timeout" in_sacct "$timeout"
capture squeue-ended squeue --noheader --states=all --format="$format" --jobs="$all_ids" >/dev/null
capture sacct-ended sacct --noheader --parsable2 --allocations --format=JobID,State,ExitCode,Reason \
  --jobs="$single,$array,$held,$failed,$completed,$timeout,$cancelled" >/dev/null
capture sacct-default sacct --jobs="$single,$array,$failed,$completed,$timeout,$cancelled" >/dev/null

log "errors"
capture sbatch-invalid-partition sbatch --parsable -p nosuch sleeper.sh >/dev/null
capture sbatch-too-much-memory sbatch --parsable --mem=100G sleeper.sh >/dev/null
capture sbatch-too-many-cpus sbatch --parsable -c 64 sleeper.sh >/dev/null
capture sbatch-invalid-account sbatch --parsable -A nosuchacct sleeper.sh >/dev/null
capture squeue-unknown-single squeue --noheader --states=all --format="$format" --jobs=999999 >/dev/null
capture squeue-unknown-repeated squeue --noheader --states=all --format="$format" --jobs=999999,999999 >/dev/null
capture scancel-unknown scancel 999999 >/dev/null
capture sacct-unknown sacct --noheader --parsable2 --allocations --format=JobID,State,ExitCode,Reason --jobs=999999 >/dev/null

log "controller down (slurmctld and slurmdbd stopped briefly)"
kill "$(cat /run/slurm/slurmctld.pid)"
wait_until 20 "slurmctld stopped" sh -c '! scontrol ping >/dev/null 2>&1'
capture squeue-controller-down squeue --noheader --states=all --format="$format" --jobs="$single,$single" >/dev/null
capture sbatch-controller-down sbatch --parsable sleeper.sh >/dev/null
capture scancel-controller-down scancel "$single" >/dev/null
kill "$(cat /run/slurm/slurmdbd.pid)"
wait_until 20 "slurmdbd stopped" sh -c '! (exec 3<>/dev/tcp/127.0.0.1/6819) 2>/dev/null'
capture sacct-dbd-down sacct --noheader --parsable2 --allocations --format=JobID,State,ExitCode,Reason --jobs="$single" >/dev/null
bash "$here/up.sh" >&2

scancel "$single" "$array" "$held" 2>/dev/null || true
/usr/bin/python3 - "$out/scenario.json" <<PY
import json, sys
json.dump({'single': '$single', 'array': '$array', 'held': '$held', 'failed': '$failed', 'completed': '$completed',
           'timeout': '$timeout', 'cancelled': '$cancelled', 'arrayTasks': 12}, open(sys.argv[1], 'w'), indent=2)
PY
rm -rf "$work"
log "done: $(ls "$out" | wc -l) files in $out"
