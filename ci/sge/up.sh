#!/usr/bin/env bash
# ci/sge/up.sh - a single-node Son of Grid Engine 8.1.9 (Debian bookworm packages
# gridengine-master/-exec/-client) for @jq/sge's integration tests. Idempotent:
# installs missing packages, (re)initialises the spool, starts only the daemons that
# are not running, (re)applies the configuration, waits until `qstat -f` shows the
# queue and a test job has run and reached `qacct`. Every daemon THIS script starts
# is recorded in the state file, so ci/sge/down.sh stops those and nothing else.
#
# Result: cell "default", queue all.q (SGE_SLOTS slots) on this host, parallel
# environment "smp" ($pe_slots), a project "jqtest", scheduling every second, root
# may run jobs, qacct sees a finished job within about a second.
#
# Knobs: SGE_SLOTS (default 8), JQ_SGE_STATE (default /run/jq-ci-sge/started).
#
# Slurm (ci/slurm) can run at the same time: other ports (6444/6445), other
# daemons. gridengine-client Conflicts with slurm-wlm-torque (both ship qsub,
# qstat, qdel); ci/slurm does not install it, and this script refuses to remove it.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
ci_init ci/sge/up "${JQ_SGE_STATE:-/run/jq-ci-sge/started}"

SGE_SLOTS=${SGE_SLOTS:-8}
HOST=$(hostname -s)
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
COMMON=$SGE_ROOT/$SGE_CELL/common
QMASTER_PID=/var/spool/gridengine/qmaster/qmaster.pid
execd_pidfile() { ls /var/spool/gridengine/execd/*/execd.pid 2>/dev/null | head -1; }

# ------------------------------------------------------------------ packages
packages=(gridengine-master gridengine-exec gridengine-client)
if [ -n "$(missing_packages "${packages[@]}")" ]; then
  if ! installed gridengine-client && installed slurm-wlm-torque; then
    die "slurm-wlm-torque is installed and Conflicts with gridengine-client: refusing to remove it"
  fi
  # The debconf questions belong to gridengine-common; its postinst then runs init_cluster.
  printf '%s\n' \
    "gridengine-common shared/gridengineconfig boolean true" \
    "gridengine-common shared/gridenginecell string $SGE_CELL" \
    "gridengine-common shared/gridenginemaster string $HOST" | debconf-set-selections
  apt_install_missing "${packages[@]}"
fi

# ------------------------------------------------------------------ spool and host names
# The postinst initialises the spool on first install; `down.sh --purge` wipes it.
if [ ! -e /var/spool/gridengine/spooldb/sge ]; then
  log "initialising the cluster spool"
  install -d -o sgeadmin -g sgeadmin /var/spool/gridengine/qmaster /var/spool/gridengine/qmaster/job_scripts /var/spool/gridengine/spooldb
  su -s /bin/sh -c "/usr/share/gridengine/scripts/init_cluster $SGE_ROOT $SGE_CELL /var/spool/gridengine/spooldb sgeadmin" sgeadmin >/dev/null
fi
install -d -o sgeadmin -g sgeadmin /var/spool/gridengine/execd /run/gridengine
# /etc/hosts maps 127.0.0.1 to several names, so the reverse lookup of our own address
# gives "localhost" and commlib refuses clients that call themselves "$HOST" ("access
# denied (client IP resolved to host name "localhost" …)"). host_aliases makes every
# loopback name an alias of the real host name, without touching /etc/hosts.
aliases=$(awk '$1 ~ /^127\./ { for (i = 2; i <= NF; i++) print $i }' /etc/hosts | grep -vx "$HOST" | sort -u | tr '\n' ' ')
echo "$HOST localhost $aliases" | tr -s ' ' | sed 's/ $//' > "$COMMON/host_aliases"
echo "$HOST" > "$COMMON/act_qmaster"

# ------------------------------------------------------------------ qmaster
if ! alive "$QMASTER_PID"; then
  log "starting sge_qmaster"
  rm -f "$QMASTER_PID"
  /usr/sbin/sge_qmaster
  record sge_qmaster "$QMASTER_PID"
fi
wait_for 60 "sge_qmaster" timeout 5 qconf -sh

# ------------------------------------------------------------------ configuration
# qedit <sed expression> <qconf -m… arguments>: qconf's -m commands open $EDITOR, so a sed script stands in.
qedit() {
  local editor; editor=$(mktemp)
  printf '#!/bin/sh\nsed -i -e %q "$1"\n' "$1" > "$editor"; chmod 0700 "$editor"; shift
  EDITOR=$editor qconf "$@" >/dev/null; rm -f "$editor"
}
# Schedule every second (the default waits 15 s between runs) and flush submits and ends at once.
qedit 's/^schedule_interval .*/schedule_interval 0:0:1/; s/^flush_submit_sec .*/flush_submit_sec 1/; s/^flush_finish_sec .*/flush_finish_sec 1/' -msconf
# Root may run jobs (min_uid 1000 by default); accounting records reach qacct within a second.
# No login shells: a login bash sources root's profile (pyenv init and rehash here), which
# slows every job start and hangs behind the rehash lock of a job that qdel killed.
qedit 's/^min_uid .*/min_uid 0/; s/^min_gid .*/min_gid 0/; s/flush_time=[0-9:]*/flush_time=00:00:01/; s/^load_report_time .*/load_report_time 00:00:05/; s/^login_shells .*/login_shells NONE/' -mconf global
qconf -ss 2>/dev/null | grep -qx "$HOST" || qconf -as "$HOST" >/dev/null
qconf -sh 2>/dev/null | grep -qx "$HOST" || qconf -ah "$HOST" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/exec" <<EOF
hostname              $HOST
load_scaling          NONE
complex_values        NONE
user_lists            NONE
xuser_lists           NONE
projects              NONE
xprojects             NONE
usage_scaling         NONE
report_variables      NONE
EOF
qconf -se "$HOST" >/dev/null 2>&1 || qconf -Ae "$work/exec" >/dev/null
cat > "$work/pe" <<'EOF'
pe_name            smp
slots              999
user_lists         NONE
xuser_lists        NONE
start_proc_args    NONE
stop_proc_args     NONE
allocation_rule    $pe_slots
control_slaves     FALSE
job_is_first_task  TRUE
urgency_slots      min
accounting_summary FALSE
qsort_args         NONE
EOF
if qconf -sp smp >/dev/null 2>&1; then qconf -Mp "$work/pe" >/dev/null; else qconf -Ap "$work/pe" >/dev/null; fi
# a project, so tests can render and submit -P (an unknown one is refused at submit)
cat > "$work/project" <<'EOF'
name    jqtest
oticket 0
fshare  0
acl     NONE
xacl    NONE
EOF
qconf -sprj jqtest >/dev/null 2>&1 || qconf -Aprj "$work/project" >/dev/null
# The queue starts from qconf's own template (grabbed through EDITOR), then gets our values.
printf '#!/bin/sh\ncp "$1" %q\n' "$work/template" > "$work/grab"; chmod 0700 "$work/grab"
EDITOR=$work/grab qconf -aq >/dev/null 2>&1 || true
sed -e "s/^qname .*/qname all.q/; s/^hostlist .*/hostlist $HOST/; s/^slots .*/slots $SGE_SLOTS/; s/^pe_list .*/pe_list smp/" \
    -e "s/^load_thresholds .*/load_thresholds NONE/; s#^shell .*#shell /bin/bash#" \
  "$work/template" > "$work/queue"
if qconf -sq all.q >/dev/null 2>&1; then qconf -Mq "$work/queue" >/dev/null; else qconf -Aq "$work/queue" >/dev/null; fi

# ------------------------------------------------------------------ execd
if [ -z "$(execd_pidfile)" ] || ! alive "$(execd_pidfile)"; then
  log "starting sge_execd"
  rm -f /var/spool/gridengine/execd/*/execd.pid
  /usr/sbin/sge_execd
  wait_for 30 "sge_execd pid file" sh -c 'ls /var/spool/gridengine/execd/*/execd.pid'
  record sge_execd "$(execd_pidfile)"
fi
# Ready: the host reports a load, and the queue instance is not in alarm/unknown/disabled/error.
wait_for 60 "an sge_execd load report" sh -c "qhost -h $HOST | awk 'NR > 3 && \$7 != \"-\" { ok = 1 } END { exit !ok }'"
wait_for 60 "queue all.q@$HOST in qstat -f" sh -c "qstat -f -q all.q | grep -q '^all.q@'"
wait_for 60 "queue all.q@$HOST usable" sh -c "qstat -f -q all.q | awk '/^all.q@/ { print \$6 }' | grep -qv '[aucdE]'"
# An error state (E) sticks to a queue instance after a failed job start; clear it.
qmod -c "all.q@$HOST" >/dev/null 2>&1 || true

# ------------------------------------------------------------------ a job runs and reaches qacct
probe=$(qsub -terse -N jq-ci-ready -o /dev/null -j y -b y true)
wait_for 60 "test job $probe to run and reach qacct" qacct -j "$probe"
log "READY host=${HOST} slots=${SGE_SLOTS} in $(elapsed)s; started by this script: $(started_names)"
qstat -f
