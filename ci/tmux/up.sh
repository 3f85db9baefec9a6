#!/usr/bin/env bash
# ci/tmux/up.sh - Debian's tmux, which the command line's terminal test (@jq/cli,
# test/cli-up-terminal.test.ts) drives to run `jobqueue up` in a real pseudo-terminal and
# press Ctrl-C. Idempotent: installs tmux if missing and prints its version.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/tmux/up

apt_install_missing tmux
log "$(tmux -V)"
