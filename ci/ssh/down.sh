#!/usr/bin/env bash
# ci/ssh/down.sh - stop the sshd ci/ssh/up.sh started (checked by pid) and nothing
# else. `--purge` also deletes the state folder (keys, known_hosts, logs) and, if
# up.sh created it, the jqssh user with its home and Slurm association.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/ssh/down
DIR=${JQ_SSH_DIR:-/run/jq-ci-ssh}
STATE=$DIR/started
TEST_USER=jqssh

nothing_recorded || stop_recorded sshd
if [ "${1:-}" = --purge ]; then
  if [ -e "$DIR/created-user" ]; then
    if timeout 10 scontrol ping >/dev/null 2>&1; then
      log "removing Slurm user $TEST_USER"; sacctmgr -i -Q delete user "$TEST_USER" >/dev/null 2>&1
    fi
    log "deleting user $TEST_USER"; userdel --remove "$TEST_USER" 2>/dev/null
  fi
  log "deleting $DIR"; rm -rf "$DIR"
fi
rm -f "$STATE"
log "done"
