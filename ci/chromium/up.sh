#!/usr/bin/env bash
# ci/chromium/up.sh - Debian's Chromium (/usr/bin/chromium) for browser tests, which
# drive it with playwright-core (launch option executablePath: '/usr/bin/chromium').
# Idempotent: installs chromium and fonts if missing, prints the version and checks
# that a headless run renders a page. Nothing stays running.
#
# Flags every headless start here needs: --headless --no-sandbox (root has no user
# namespace sandbox) --disable-gpu, and --disable-background-networking
# --disable-component-update --disable-sync --no-first-run, without which Chromium
# keeps dialling Google's hosts, which this machine's closed network refuses.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/chromium/up
CHROMIUM=/usr/bin/chromium

apt_install_missing chromium fonts-liberation fonts-dejavu-core
# (stderr: the Debian launcher's /etc/chromium.d/dev-shm test trips over two /dev/shm mounts, harmlessly)
version=$("$CHROMIUM" --version 2>/dev/null)
log "$version"

profile=$(mktemp -d -t jq-chromium.XXXX)
trap 'rm -rf "$profile"' EXIT
page='data:text/html,<title>jq</title><p id="probe">jq-chromium-ready</p>'
dom=$(timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --dump-dom "$page" 2>"$profile/stderr") || { cat "$profile/stderr" >&2; die "headless chromium failed"; }
echo "$dom" | grep -q '<p id="probe">jq-chromium-ready</p>' || die "headless chromium did not render the page: $dom"
log "READY $CHROMIUM ($version) rendered a page headless in $(elapsed)s"
