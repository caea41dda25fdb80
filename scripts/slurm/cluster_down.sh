#!/usr/bin/env bash
# Stop a cluster started by cluster_up.sh and delete its folder:
#
#   scripts/slurm/cluster_down.sh DIR
#
# Cancels all jobs, stops slurmd, slurmctld and munged by the PIDs in DIR/run (TERM, wait up to
# 10 s, then KILL; a zombie counts as stopped), then any other process whose environment holds
# SLURM_CONF=DIR/etc/slurm.conf (job steps, slurmscriptd), and removes DIR. Safe to call on a
# half-started cluster and more than once. Exits 1 if a process survived (DIR is then kept).
set -uo pipefail
PATH=$PATH:/usr/sbin:/sbin
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
[ -d "$1" ] || exit 0                          # already gone
ROOT=$(cd "$1" && pwd)
CONF=$ROOT/etc/slurm.conf
# Refuse to delete a folder that cluster_up.sh did not make.
if [ -e "$ROOT/etc" ] && ! grep -qs '^ClusterName=rampup$' "$CONF"; then
  [ -n "$(ls -A "$ROOT/etc")" ] && { echo "cluster_down.sh: $ROOT is not a cluster folder" >&2; exit 1; }
fi

alive() {   # running and not a zombie
  local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $st != Z* ]]
}
stop() {    # stop PID: TERM, wait up to 10 s, KILL
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null
  for _ in $(seq 1 25); do alive "$pid" || return 0; sleep 0.2; done
  echo "cluster_down.sh: PID $pid survived KILL" >&2; return 1
}
pid_of() { [ -s "$ROOT/run/$1.pid" ] && cat "$ROOT/run/$1.pid"; }

# The watchdog first (unless this is the watchdog itself), so it cannot start a second teardown.
w=$(pid_of watchdog) && [ "$w" != "$$" ] && stop "$w"

# Cancel the jobs while slurmctld still runs; wait (10 s at most) until none is left.
if [ -f "$CONF" ] && w=$(pid_of slurmctld) && alive "$w"; then
  export SLURM_CONF=$CONF
  scancel --full --user=root 2>/dev/null
  for _ in $(seq 1 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
fi

rc=0
for d in slurmd slurmctld munged; do
  p=$(pid_of $d) && { stop "$p" || rc=1; }
done
# Strays: processes started by this cluster (inherited SLURM_CONF), except this script's own
# ancestors (a caller that exported SLURM_CONF).
keep=" "; p=$$
while [ "${p:-0}" -gt 1 ]; do keep+="$p "; p=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' '); done
for env in /proc/[0-9]*/environ; do
  p=${env#/proc/}; p=${p%/environ}
  [[ $keep == *" $p "* ]] && continue
  if { tr '\0' '\n' < "$env"; } 2>/dev/null | grep -qxF "SLURM_CONF=$CONF"; then
    stop "$p" || rc=1
  fi
done
[ $rc -eq 0 ] && rm -rf "$ROOT"
exit $rc
