"""Golden regression values: a few small fixed-seed runs of `simulate`, their summary numbers and
a few per-trial paths, compared exactly with tests/golden/*.json. Any change to a random stream
or a model equation changes some of these numbers and fails here.

Update deliberately, in a commit of its own, after checking that the change is intended:

    RAMPUP_UPDATE_GOLDEN=1 /usr/bin/python3 -m pytest -q tests/golden
"""
import json
import os
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
UPDATE = os.environ.get("RAMPUP_UPDATE_GOLDEN") == "1"

# name: (scenario, extra arguments). v1 on the small test scenario; v2 on hague.yaml and on one
# Wales hindcast (both read a calibration file).
CASES = {
    "small_v1": ("tests/cli/data/small.yaml", ["-n", "1500", "--seed", "7"]),
    "hague_v2": ("scenarios/hague.yaml", ["-n", "1500", "--seed", "11"]),
    "wales_origin_2016_v2": ("scenarios/hindcast/wales_origin_2016.yaml",
                             ["-n", "1500", "--seed", "13"]),
}
SUMMARY = ["core_share_mean", "core_share_quantile", "p_core_target", "first_year_core_prob",
           "alliance_share_quantile", "members_at_core_target_mean", "spending_mean",
           "p_first_at_target_by_jump", "share_reached_by_jump"]
TRIALS = ["core_share", "growth", "will"]  # first 3 trials, every member and year
TRIALS_INPUTS = ["regime", "param_row", "recession"]


def simulate():
    exe = Path(os.environ.get("RAMPUP_SIMULATE", ROOT / "build/sim/cli/simulate"))
    if not exe.is_file():
        pytest.skip(f"simulate binary not found ({exe}); set RAMPUP_SIMULATE")
    return exe


def numbers(a):
    """Exact JSON form: float64 by repr (round-trips), NaN as null."""
    a = np.asarray(a)
    if a.dtype.kind == "f":
        return [None if np.isnan(x) else float(x) for x in a.astype(np.float64).ravel()]
    return [int(x) for x in a.ravel()]


def values_of(path: Path) -> dict:
    out = {}
    with h5py.File(path, "r") as f:
        s, t = f["summary"], f["trials"]
        for name in SUMMARY:
            if name in s:
                out["summary/" + name] = numbers(s[name][()])
        for name in TRIALS:
            out["trials/" + name] = numbers(t[name][:3])
        for name in TRIALS_INPUTS:
            if name in t:
                out["trials/" + name] = numbers(t[name][:3])
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, tmp_path):
    scenario, extra = CASES[name]
    out = tmp_path / f"{name}.h5"
    r = subprocess.run([str(simulate()), scenario, *extra, "--save-trials", "-o", str(out), "-q",
                        "-j", "2"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    got = values_of(out)
    golden = HERE / f"{name}.json"
    if UPDATE:
        golden.write_text(json.dumps(got, separators=(",", ":")) + "\n")
        pytest.skip(f"updated {golden.name}")
    assert golden.exists(), f"no golden file {golden.name}: run with RAMPUP_UPDATE_GOLDEN=1"
    want = json.loads(golden.read_text())
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], f"{name}: {key} differs from the golden values"
