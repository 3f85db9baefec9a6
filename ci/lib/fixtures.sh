# ci/lib/fixtures.sh - sourced after common.sh by the record-fixtures scripts, which
# record real command outputs as test fixtures, into $out, with scratch files in
# $work (both set by fixtures_init). Log lines go to stderr: stdout carries data.
CI_LOG_FD=2

# fixtures_init <system> <fixture folder>: sets $out (created) and $work (a new scratch folder)
fixtures_init() {
  ci_init "ci/$1/record-fixtures"
  out=$2
  mkdir -p "$out"
  work=$(mktemp -d -t "jq-$1-fixtures.XXXX")
}

# capture <fixture> <argv...>: run argv, store its CommandResult (argv, exitCode,
# stdout, stderr, timedOut) as $out/<fixture>.json and print its stdout
capture() {
  local name=$1; shift
  local code=0
  "$@" >"$work/stdout" 2>"$work/stderr" || code=$?
  /usr/bin/python3 - "$out/$name.json" "$code" "$work/stdout" "$work/stderr" "$@" <<'PY'
import json, sys
path, code, stdout, stderr, *argv = sys.argv[1:]
with open(path, 'w') as f:
    json.dump({'argv': argv, 'exitCode': int(code), 'stdout': open(stdout).read(),
               'stderr': open(stderr).read(), 'timedOut': False}, f, indent=2)
    f.write('\n')
PY
  cat "$work/stdout"
}

# wait_until <seconds> <description> <command...>: wait_for, and end the recording on a timeout
wait_until() { wait_for "$@" || exit 1; }
