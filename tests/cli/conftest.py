"""Shared fixtures: the simulate binary and small real results files made once per session."""
import os
import pathlib
import subprocess

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


@pytest.fixture(scope="session")
def small_results(tmp_path_factory):
    """A real results file of the small scenario (3000 trials)."""
    out = tmp_path_factory.mktemp("small") / "small.h5"
    simulate(SMALL, "-o", out, "-q")
    return out
