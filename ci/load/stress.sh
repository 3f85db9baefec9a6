#!/usr/bin/env bash
# ci/load/stress.sh [seconds, default 600] [cpu workers, default 2] - keep the CPUs
# busy (stress-ng --cpu) while a person runs the suites by hand, to check that
# nothing passes only on an idle machine. Not run in CI. Installs stress-ng if
# missing; Ctrl-C ends the load early.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/load/stress
duration=${1:-600}
workers=${2:-2}
[[ $duration =~ ^[1-9][0-9]*$ ]] || die "duration must be a whole number of seconds, got '$duration'"
[[ $workers =~ ^[1-9][0-9]*$ ]] || die "cpu workers must be a whole number, got '$workers'"

apt_install_missing stress-ng
log "loading $workers CPU(s) for ${duration}s"
stress-ng --cpu "$workers" --timeout "${duration}s" --metrics-brief
log "done"
