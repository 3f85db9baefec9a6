# ci/lib/common.sh - the shell library every ci/ script sources:
#
#   . "$(dirname "$0")/../lib/common.sh"
#   ci_init ci/slurm/up [state file]
#
# ci_init names the script in its log lines and, given a state file, creates it
# (in a 0700 directory): one line "<name> <pid> <pid file>" per daemon THIS script
# started, so the matching down script stops exactly those (stop_recorded) and
# leaves alone whatever someone else started.
#
# log lines go to stdout; a script whose stdout is data sets CI_LOG_FD=2 first.

ci_init() { # ci_init <tag> [state file]
  CI_TAG=$1
  CI_STARTED_AT=$(date +%s)
  STATE=${2:-}
  if [ -n "$STATE" ]; then
    [ -d "$(dirname "$STATE")" ] || install -d -m 0700 "$(dirname "$STATE")"
    touch "$STATE"
  fi
}

log() { echo "[$CI_TAG] $*" >&"${CI_LOG_FD:-1}"; }
die() { log "$*"; exit 1; }
elapsed() { echo $(( $(date +%s) - CI_STARTED_AT )); }

# wait_for <seconds> <description> <command...>: poll the command (output dropped)
# until it succeeds; after <seconds> log a TIMEOUT naming <description> and fail.
wait_for() {
  local limit=$1 description=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then log "TIMEOUT after ${limit}s waiting for $description"; return 1; fi
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; } # port_open <port> [host]
alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; } # alive <pid file>

# install_changed <mode> <new file> <target>: install the new file (which is then
# removed) unless the target already has that content; true when it changed.
install_changed() {
  local mode=$1 new=$2 target=$3
  if cmp -s "$new" "$target" 2>/dev/null; then rm -f "$new"; return 1; fi
  install -m "$mode" "$new" "$target"; rm -f "$new"
}

# ------------------------------------------------------------------ packages
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing_packages() { local package; for package in "$@"; do installed "$package" || echo "$package"; done; }

# apt_install_missing <package...>: install those not installed yet, without
# recommends. Other scripts may hold the dpkg lock at the same time: wait for it.
# The package lists are refreshed only when one of the packages is unknown to them,
# or when installing from them failed (stale lists point at removed files).
apt_install_missing() {
  local package missing update=0 status=0 made_policy=0
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -gt 0 ] || return 0
  for package in "${missing[@]}"; do apt-cache show "$package" >/dev/null 2>&1 || update=1; done
  log "installing ${missing[*]}"
  # Packages must not start their services (a system sshd on port 22, say): the ci
  # scripts start what they need themselves. Docker-like machines already have this.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# written by jq ci/lib/common.sh for the time of an install\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d; made_policy=1
  fi
  apt_get_install "$update" "${missing[@]}" || status=$?
  [ $made_policy = 0 ] || rm -f /usr/sbin/policy-rc.d
  return $status
}
apt_get_install() { # apt_get_install <refresh first: 0|1> <package...>
  local update=$1; shift
  local apt=(apt-get -o DPkg::Lock::Timeout=300 -qq)
  export DEBIAN_FRONTEND=noninteractive
  if [ "$update" = 1 ]; then "${apt[@]}" update || return; fi
  "${apt[@]}" install -y --no-install-recommends "$@" >/dev/null && return
  [ "$update" = 0 ] || return 1
  log "install failed: refreshing the package lists and trying again"
  "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "$@" >/dev/null
}

# ------------------------------------------------------------------ daemons this script started
# record <name> <pid file>: remember that this script started the daemon. Daemons fork
# into the background and write their pid file a moment later; the caller removed any
# stale one first, so the pid recorded is the new daemon's.
record() {
  wait_for 30 "$1 pid file" sh -c "test -s '$2' && kill -0 \$(cat '$2')"
  { grep -v "^$1 " "$STATE" || true; echo "$1 $(cat "$2") $2"; } > "$STATE.new"
  mv "$STATE.new" "$STATE"
}
started() { [ -f "$STATE" ] && grep -q "^$1 " "$STATE"; }
started_names() { cut -d' ' -f1 "$STATE" | tr '\n' ' '; }
# nothing_recorded: true (and says so) when the state file names no daemon
nothing_recorded() {
  [ -s "$STATE" ] && return 1
  log "nothing recorded in $STATE: nothing to stop"
}

# terminate <name> <pid> [seconds, default 10]: SIGTERM, then SIGKILL after <seconds>
terminate() {
  local name=$1 pid=$2 limit=${3:-10} _
  log "stopping $name (pid $pid)"; kill "$pid" 2>/dev/null || return 0
  for _ in $(seq $(( limit * 10 ))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$name still alive after ${limit}s: SIGKILL"; kill -9 "$pid"
}

# stop_recorded <name> [seconds, default 10]: stop the daemon if its recorded pid is
# still the one in its pid file (terminate), and forget it.
stop_recorded() {
  local name=$1 limit=${2:-10} line pid pidfile
  line=$(grep "^$name " "$STATE") || return 0
  pid=$(echo "$line" | cut -d' ' -f2); pidfile=$(echo "$line" | cut -d' ' -f3)
  if kill -0 "$pid" 2>/dev/null && [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ]; then
    terminate "$name" "$pid" "$limit"
  else
    log "$name (pid $pid) is no longer the one this script's up.sh started: left alone"
  fi
  { grep -v "^$name " "$STATE" || true; } > "$STATE.new"; mv "$STATE.new" "$STATE"
}
