"""Live Slurm: the batch scripts of scripts/slurm/ on a private one-node cluster.

The cluster (scripts/slurm/cluster_up.sh) keeps every file in this test's own temp folder and is
always torn down by PID (scripts/slurm/cluster_down.sh), on failure too. Checks:
  * submit.sh: a job array of 4 shards and an afterok merge job all end COMPLETED, and the merged
    file's /summary and /accumulators (every dataset, its bytes, dimensions and attributes) and
    the run attributes equal a single-process run (-j 1);
  * a shard that fails: its array tasks end FAILED, the merge job is cancelled, nothing merged;
  * mpi.sbatch: `srun --mpi=pmix` with 2 ranks writes one file equal to the -j 1 run (skipped,
    alone, unless `simulate --version` reports MPI support).
Skipped as a whole (exit code 77, see conftest.py) when not root or without Slurm and munge.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

SOURCE = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SIMULATE = Path(os.environ.get("RAMPUP_SIMULATE", SOURCE / "build/sim/cli/simulate")).resolve()
SCRIPTS = SOURCE / "scripts/slurm"
SCENARIO = (SOURCE / "scenarios/hague.yaml").resolve()
TRIALS, SHARDS, RANKS = 20000, 4, 2
DEADLINE = 120  # seconds a batch of jobs may take, well inside ctest's TIMEOUT
PATH = os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"
PROGRAMS = ["munged", "mungekey", "munge", "unmunge", "slurmctld", "slurmd", "sbatch", "squeue",
            "scontrol", "scancel", "sinfo", "srun"]
SCRIPT_VARS = {"SCENARIO", "TRIALS", "SHARDS", "OUTDIR", "OUT", "SIMULATE_ARGS", "MERGE_ARGS",
               "SBATCH_ARGS"}
# Run attributes that must match; the rest (title, library versions...) follows from these.
RUN_ATTRS = ["scenario_name", "scenario_sha256", "scenario_text", "seed", "trials",
             "trial_begin", "trial_end", "shard", "format_version", "software_version",
             "git_commit"]

if os.geteuid() != 0:
    pytest.skip("live Slurm test needs root (it starts munged, slurmctld, slurmd)",
                allow_module_level=True)
_missing = [p for p in PROGRAMS if shutil.which(p, path=PATH) is None]
if _missing:
    pytest.skip(f"live Slurm test: {', '.join(_missing)} not installed (scripts/setup.sh "
                "installs slurmctld slurmd slurm-client munge)", allow_module_level=True)


def run(cmd, env, timeout=60, **kwargs):
    return subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def mpi_support():
    """True when a line of `simulate --version` mentions MPI without saying it is off
    ("MPI: yes (Open MPI 4.1.4)" counts; "MPI: no" or "built without MPI" does not)."""
    out = run([SIMULATE, "--version"], os.environ).stdout
    off = re.compile(r"\b(no|off|disabled|none|not|without)\b", re.I)
    return any("MPI" in line and not off.search(line) for line in out.splitlines())


@pytest.fixture(scope="module")
def cluster():
    """(temp folder, environment with SLURM_CONF) of a private cluster; always torn down."""
    tmp = Path(tempfile.mkdtemp(prefix="rampup-slurm-"))
    tmp.chmod(0o755)  # munged wants every folder above its socket world-executable
    (tmp / "jobtmp").mkdir()
    root = tmp / "cluster"
    # Jobs inherit this environment (sbatch --export=ALL): TMPDIR keeps Open MPI's session
    # folders in the temp folder too.
    # The scripts' own settings and Slurm's input variables (set inside a job) are dropped.
    env = {k: v for k, v in os.environ.items()
           if k not in SCRIPT_VARS and not k.startswith(("SLURM_", "SBATCH_", "SALLOC_", "SRUN_"))}
    env.update(PATH=PATH, SIMULATE=str(SIMULATE), TMPDIR=str(tmp / "jobtmp"))
    try:
        start = time.monotonic()
        # --cpus 4: all shards at once and 2 ranks fit even on a 1-core runner. --lifetime: a
        # watchdog tears the cluster down even if ctest kills this process at its TIMEOUT.
        up = run([SCRIPTS / "cluster_up.sh", root, "--cpus", 4, "--lifetime", 330], env,
                 timeout=90)
        assert up.returncode == 0, f"cluster_up.sh failed:\n{up.stdout}{up.stderr}"
        print(f"\n[slurm] cluster up (node idle) in {time.monotonic() - start:.2f} s")
        yield tmp, dict(env, SLURM_CONF=str(root / "etc/slurm.conf"))
    finally:
        start = time.monotonic()
        down = run([SCRIPTS / "cluster_down.sh", root], env, timeout=120)
        print(f"[slurm] cluster down in {time.monotonic() - start:.2f} s")
        if down.returncode == 0:
            shutil.rmtree(tmp, ignore_errors=True)
        assert down.returncode == 0, f"cluster_down.sh failed:\n{down.stdout}{down.stderr}"
        assert not root.exists()


@pytest.fixture(scope="module")
def reference(cluster):
    """The single-process run (-j 1) every Slurm result must equal."""
    out = cluster[0] / "reference.h5"
    proc = run([SIMULATE, SCENARIO, "-n", TRIALS, "-j", 1, "-o", out, "-q"], os.environ,
               timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out


def wait_for(env, job_ids, logs):
    """Polls squeue until the jobs have left it; fails after DEADLINE seconds."""
    ids = ",".join(job_ids)
    end = time.monotonic() + DEADLINE
    while True:
        q = run(["squeue", "-h", "-o", "%i %T %r", "-j", ids], env)
        if (q.returncode == 0 and not q.stdout.strip()) or "Invalid job id" in q.stderr:
            return
        if time.monotonic() > end:
            text = "".join(f"--- {p.name}\n{p.read_text()}" for p in sorted(logs.glob("*")))
            pytest.fail(f"jobs {ids} still queued after {DEADLINE} s:\n{q.stdout}{q.stderr}\n{text}")
        time.sleep(0.2)


def states(env, job_id):
    """{array task id or job id: (JobState, ExitCode)} from scontrol (kept for MinJobAge)."""
    out = run(["scontrol", "-o", "show", "job", job_id], env)
    assert out.returncode == 0, out.stderr
    found = {}
    for line in out.stdout.splitlines():
        field = dict(re.findall(r"\b(JobId|ArrayTaskId|JobState|ExitCode)=(\S+)", line))
        found[field.get("ArrayTaskId", field["JobId"])] = (field["JobState"], field["ExitCode"])
    return found


def value(v):
    """A comparable form of a dataset's or attribute's value: dtype, shape and raw bytes."""
    a = np.asarray(v)
    if a.dtype.kind == "O":  # variable-length strings
        return ("O", a.shape, repr(a.tolist()))
    return (a.dtype.str, a.shape, a.tobytes())


def contents(path):
    """Everything in /summary and /accumulators, plus the run attributes, in comparable form."""
    found = {}
    with h5py.File(path, "r") as f:
        found["/"] = {k: value(f.attrs[k]) for k in RUN_ATTRS}

        def add(obj):
            # netCDF's dimension bookkeeping holds object references: compare scale names.
            attrs = {k: value(v) for k, v in obj.attrs.items()
                     if k not in ("DIMENSION_LIST", "REFERENCE_LIST")}
            if isinstance(obj, h5py.Dataset):
                dims = [[s.name for s in d.values()] for d in obj.dims]
                found[obj.name] = (value(obj[()]), obj.chunks, obj.compression, dims, attrs)
            else:
                found[obj.name] = attrs

        for group in ("summary", "accumulators"):
            add(f[group])
            f[group].visititems(lambda _, obj: add(obj))
    return found


def assert_same_contents(path, reference):
    got, want = contents(path), contents(reference)
    assert len(want) > 100  # both groups are really there
    assert sorted(got) == sorted(want)
    differ = [name for name in want if got[name] != want[name]]
    assert not differ, f"{path.name} differs from the -j 1 run in {differ}"


def test_job_array_and_merge_equal_one_process(cluster, reference):
    tmp, env = cluster
    out = tmp / "array"
    start = time.monotonic()
    sub = run([SCRIPTS / "submit.sh", SCENARIO, TRIALS, SHARDS, out], env, cwd=tmp)
    assert sub.returncode == 0, sub.stderr
    ids = dict(re.findall(r"^(array|merge) job: (\d+)$", sub.stdout, re.M))
    assert set(ids) == {"array", "merge"}, sub.stdout
    wait_for(env, [ids["array"], ids["merge"]], out / "logs")
    print(f"[slurm] array of {SHARDS} shards + merge, {TRIALS} trials: "
          f"{time.monotonic() - start:.2f} s from submission")

    tasks = states(env, ids["array"])
    assert tasks == {str(k): ("COMPLETED", "0:0") for k in range(1, SHARDS + 1)}
    assert states(env, ids["merge"]) == {ids["merge"]: ("COMPLETED", "0:0")}
    for k in range(1, SHARDS + 1):
        assert (out / f"hague.shard-{k}-of-{SHARDS}.h5").is_file()
    assert_same_contents(out / "hague.h5", reference)


def test_failed_shard_cancels_the_merge(cluster):
    tmp, env = cluster
    out = tmp / "failing"
    env = dict(env, SIMULATE_ARGS="--set no.such.key=1")  # every shard exits 2 (bad input)
    sub = run([SCRIPTS / "submit.sh", SCENARIO, 100, 2, out], env, cwd=tmp)
    assert sub.returncode == 0, sub.stderr
    ids = dict(re.findall(r"^(array|merge) job: (\d+)$", sub.stdout, re.M))
    wait_for(env, [ids["array"], ids["merge"]], out / "logs")
    assert states(env, ids["array"]) == {"1": ("FAILED", "2:0"), "2": ("FAILED", "2:0")}
    assert states(env, ids["merge"])[ids["merge"]][0] == "CANCELLED"
    assert not (out / "hague.h5").exists()
    assert "unknown key" in (out / f"logs/shard-{ids['array']}_1.log").read_text()


def test_mpi_batch_job_equals_one_process(cluster, reference):
    if not mpi_support():
        pytest.skip("simulate --version does not report MPI support: MPI batch job not run")
    tmp, env = cluster
    out = tmp / "mpi" / "hague.h5"
    log = tmp / "mpi-logs"
    log.mkdir()
    start = time.monotonic()
    sub = run(["sbatch", "--parsable", f"--ntasks={RANKS}", "-o", log / "mpi-%j.log",
               SCRIPTS / "mpi.sbatch", SCENARIO, TRIALS, out], env, cwd=tmp)
    assert sub.returncode == 0, sub.stderr
    job = sub.stdout.strip().split(";")[0]
    wait_for(env, [job], log)
    print(f"[slurm] MPI job, {RANKS} ranks, {TRIALS} trials: "
          f"{time.monotonic() - start:.2f} s from submission")
    assert states(env, job) == {job: ("COMPLETED", "0:0")}, (log / f"mpi-{job}.log").read_text()
    assert_same_contents(out, reference)
