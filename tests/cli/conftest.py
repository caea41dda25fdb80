"""Shared fixtures: the simulate binary and small real results files made once per session."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

SOURCE = pathlib.Path(os.environ.get("RAMPUP_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SIMULATE = os.environ.get("RAMPUP_SIMULATE", str(SOURCE / "build/sim/cli/simulate"))
SMALL = SOURCE / "tests/cli/data/small.yaml"


def simulate(*args, check=True, **kwargs):
    """Runs simulate; returns the CompletedProcess (text mode)."""
    proc = subprocess.run([SIMULATE, *map(str, args)], capture_output=True, text=True, **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError(f"simulate {args} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def simulate_rusage(*args):
    """The resource usage of one `simulate` run (peak RSS in KiB, minor page faults), measured
    in a fresh Python child so that RUSAGE_CHILDREN sees only that run."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(u.ru_maxrss, u.ru_minflt)\n")
    out = subprocess.run([sys.executable, "-c", probe, SIMULATE, *map(str, args)],
                         check=True, capture_output=True, text=True).stdout
    maxrss_kib, minor_faults = map(int, out.split())
    return {"maxrss_kib": maxrss_kib, "minor_faults": minor_faults}


MPIRUN = shutil.which("mpirun")
HAVE_MPI = MPIRUN is not None and "MPI: yes" in simulate("--version").stdout
needs_mpi = pytest.mark.skipif(not HAVE_MPI, reason="simulate built without MPI, or no mpirun")

# Open MPI refuses root unless told twice (CI runs as root); --oversubscribe allows 3 ranks on
# 2 cores.
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def mpirun(ranks, *args, check=True):
    """Runs simulate under `mpirun -n RANKS`; returns the CompletedProcess (text mode)."""
    cmd = [MPIRUN, "--oversubscribe", "-n", str(ranks), SIMULATE, *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=MPI_ENV, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def small_results(tmp_path_factory):
    """A real results file of the small scenario (3000 trials)."""
    out = tmp_path_factory.mktemp("small") / "small.h5"
    simulate(SMALL, "-o", out, "-q")
    return out
