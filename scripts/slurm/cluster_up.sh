#!/usr/bin/env bash
# Start a private one-node Slurm cluster (munged + slurmctld + slurmd) for tests and CI.
#
#   scripts/slurm/cluster_up.sh DIR [--cpus N] [--lifetime SECONDS]
#
# Every file (config, keys, sockets, state, logs, PID files, job tmp) lives under DIR, which
# must be empty or absent; /etc, /run and the default ports are never used, so two clusters
# (or a leftover) can run side by side. Needs root and the Debian packages slurmctld, slurmd,
# slurm-client and munge (scripts/setup.sh). Waits until the node is idle, then prints
#   export SLURM_CONF=DIR/etc/slurm.conf
# (also written to DIR/env.sh): every client command (sbatch, squeue, ...) needs it.
# --lifetime starts a watchdog that runs cluster_down.sh after SECONDS, in case the caller is
# killed before it can tear down. Stop with scripts/slurm/cluster_down.sh DIR.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() { echo "usage: $0 DIR [--cpus N] [--lifetime SECONDS]" >&2; exit 2; }
[ $# -ge 1 ] || usage
ROOT=$1; shift
CPUS=$(nproc); LIFETIME=0
while [ $# -gt 0 ]; do
  case $1 in
    --cpus) CPUS=$2; shift 2 ;;
    --lifetime) LIFETIME=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "cluster_up.sh: must run as root" >&2; exit 1; }
for bin in munged mungekey munge slurmctld slurmd sinfo; do
  command -v "$bin" >/dev/null || { echo "cluster_up.sh: $bin not found" >&2; exit 1; }
done
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
[ -z "$(ls -A "$ROOT")" ] || { echo "cluster_up.sh: $ROOT is not empty" >&2; exit 1; }
mkdir -p "$ROOT"/{etc,state,spool,log,run,munge,tmp}
chmod 0755 "$ROOT" "$ROOT/munge"
# munged wants every folder above its socket world-executable (mktemp -d makes 0700 folders).
d=$ROOT
while [ "$d" != / ]; do
  d=$(dirname "$d")
  [ "$(( 0$(stat -c %a "$d") & 1 ))" = 1 ] ||
    { echo "cluster_up.sh: $d must be world-executable (chmod o+x) for munged" >&2; exit 1; }
done

# Two free TCP ports, chosen by the kernel (bind to port 0), for slurmctld and slurmd.
read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')

# The daemons carry SLURM_CONF in their environment: cluster_down.sh finds strays by it.
export SLURM_CONF=$ROOT/etc/slurm.conf

# munge: a private key and socket (not /etc/munge, not /run/munge).
mungekey --create --keyfile="$ROOT/munge/munge.key"
chmod 0600 "$ROOT/munge/munge.key"
SOCK=$ROOT/munge/munge.socket
munged --key-file="$ROOT/munge/munge.key" --socket="$SOCK" --pid-file="$ROOT/run/munged.pid" \
       --log-file="$ROOT/log/munged.log" --seed-file="$ROOT/munge/munged.seed" \
       </dev/null >>"$ROOT/log/munged.log" 2>&1
munge -S "$SOCK" -n | unmunge -S "$SOCK" >/dev/null   # credentials work

# slurm.conf: root runs everything, no cgroups, no accounting daemon. Notes:
#  AuthInfo      both auth and cred plugins use the private munged
#  TmpFS         PMIx scratch folders go here instead of /tmp (job ids restart at 1 per cluster)
#  MpiDefault    none: MPI jobs must ask for --mpi=pmix, as on most production clusters
#  Scheduler...  schedule at once instead of every 2-3 s
#  (no DependencyParameters=kill_invalid_depend, as on many sites: a job whose dependency
#   failed pends for ever unless submitted with --kill-on-invalid-dep=yes, as submit.sh does)
#  jobcomp       a record of every finished job (there is no sacct without slurmdbd)
#  config_overrides     --cpus may declare more CPUs than the machine has
H=$(hostname -s)
MEM_MB=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 / 2 ))
cat > "$SLURM_CONF" <<CONF
ClusterName=rampup
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$ROOT/state
SlurmdSpoolDir=$ROOT/spool
TmpFS=$ROOT/tmp
SlurmctldPidFile=$ROOT/run/slurmctld.pid
SlurmdPidFile=$ROOT/run/slurmd.pid
SlurmctldLogFile=$ROOT/log/slurmctld.log
SlurmdLogFile=$ROOT/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$ROOT/log/jobcomp.txt
SwitchType=switch/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=100000,batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdParameters=config_overrides
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$H NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
echo "export SLURM_CONF=$SLURM_CONF" > "$ROOT/env.sh"

# Both daemonize and write their PID files.
slurmctld -f "$SLURM_CONF" </dev/null >>"$ROOT/log/slurmctld.log" 2>&1
slurmd -f "$SLURM_CONF" </dev/null >>"$ROOT/log/slurmd.log" 2>&1

if [ "$LIFETIME" -gt 0 ]; then   # watchdog: tears down unless cluster_down.sh kills it first
  # shellcheck disable=SC2016  # $s, $1.. are the inner shell's
  nohup bash -c 'trap "kill \$s 2>/dev/null; exit 0" TERM; sleep "$1" & s=$!; wait $s
                 exec "$2/cluster_down.sh" "$3"' watchdog "$LIFETIME" "$HERE" "$ROOT" \
        </dev/null >>"$ROOT/log/watchdog.log" 2>&1 &
  echo $! > "$ROOT/run/watchdog.pid"
fi

deadline=$(( $(date +%s) + 60 ))   # the node is normally idle within a second
until [ "$(sinfo -h -o %T 2>/dev/null)" = idle ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "cluster_up.sh: the node did not become idle in 60 s" >&2
    tail -n 20 "$ROOT"/log/*.log >&2
    exit 1
  fi
  sleep 0.2
done
echo "export SLURM_CONF=$SLURM_CONF"
