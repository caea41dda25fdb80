"""Tests of analysis/validate.py, the v2 validation harness (docs/VALIDATION.md).

1. On a tiny synthetic results file (h5py, shaped like /trials of docs/FORMAT.md) and synthetic
   observations, the harness gives the hand-computed numbers: the "v2" forecast puts half its
   trials at y - 0.5 and half at y + 0.5 (CRPS 0.25 in every cell, PIT 0.5, inside both central
   intervals), the "v1" forecast is y + 1 in every trial (CRPS 1.0, skill of v2 vs v1 exactly
   0.75), Brier and count scores follow from three members at 1.0, 3.0 and 2.0; the targets
   table judges them by the §6 rules (e.g. 3/3 inside the 50% interval is NOT within 9-20 of 27).
2. With the real binary (RAMPUP_SIMULATE, fallback build/sim/cli/simulate), the command line
   runs end to end at 400 trials into a temporary directory. Skipped if it is not built.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

ROOT = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from analysis import validate as va  # noqa: E402
from analysis import validation_report as vr  # noqa: E402

SIMULATE = Path(os.environ.get("RAMPUP_SIMULATE", ROOT / "build/sim/cli/simulate"))
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
ORIGIN = 2019
FILE_YEARS = list(range(ORIGIN, 2026))          # 2019..2025
MEMBERS = ["AAA", "BBB", "CCC", "ISL"]          # ISL: no armed forces, never scored
LEVEL = {"AAA": 1.0, "BBB": 3.0, "CCC": 2.0}    # observed share in every year
N = 400


def write_results(path, shares, name="wales_origin_2019"):
    """A results file with the /trials layout and the root attributes the harness reads."""
    dt = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as f:
        for k, v in {"format_version": np.int32(1), "start_year": np.int32(ORIGIN),
                     "end_year": np.int32(FILE_YEARS[-1]), "trials": np.int64(shares.shape[0]),
                     "seed": "7", "git_commit": "test", "software_version": "0.0",
                     "scenario_name": name, "scenario_sha256": "0" * 64,
                     "core_target_pct": 2.0, "target_year": np.int32(2024)}.items():
            f.attrs[k] = v
        t = f.create_group("trials")
        t.create_dataset("member", data=np.array(MEMBERS, dtype=object), dtype=dt)
        t.create_dataset("year", data=np.array(FILE_YEARS, np.int32))
        t.create_dataset("armed_forces", data=np.array([1, 1, 1, 0], np.int32))
        t.create_dataset("core_share", data=shares.astype(np.float32))


def obs_matrix():
    return np.array([[LEVEL[m]] * len(FILE_YEARS) for m in MEMBERS[:3]])


@pytest.fixture()
def synthetic(tmp_path):
    y = obs_matrix()                                           # (3, years)
    sign = np.where(np.arange(N) % 2 == 0, -0.5, 0.5)          # half below, half above
    v2 = np.zeros((N, 4, len(FILE_YEARS)))
    v2[:, :3, :] = y[None] + sign[:, None, None]
    v2[:, 3, :] = np.nan
    v1 = np.zeros_like(v2)
    v1[:, :3, :] = y[None] + 1.0
    v1[:, 3, :] = np.nan
    write_results(tmp_path / "v2.h5", v2)
    write_results(tmp_path / "v1.h5", v1)

    years_a = list(range(2014, 2025))
    a = pd.DataFrame({yr: [LEVEL[m] for m in MEMBERS[:3]] for yr in years_a},
                     index=MEMBERS[:3], dtype=float)
    a.loc["AAA", [2014, 2015, 2016]] = [0.9, 0.95, 1.1]        # some history for ARIMA
    a.loc["BBB", [2016, 2017]] = [2.9, 3.1]
    a.loc["CCC", [2015, 2018]] = [1.9, 2.1]
    obs = va.Observations.__new__(va.Observations)
    obs.a = a
    obs.b = a.copy()
    obs.b_est = pd.DataFrame(False, index=a.index, columns=a.columns)
    obs.y2025 = pd.DataFrame({"share": [LEVEL[m] for m in MEMBERS[:3]],
                              "provenance": ["x"] * 3}, index=MEMBERS[:3])
    obs.sipri = None
    scen = [{"name": "wales_origin_2019", "path": tmp_path / "s.yaml", "origin": ORIGIN,
             "kind": "wales"}]
    runs = {"wales_origin_2019": {"v2": tmp_path / "v2.h5", "v1": tmp_path / "v1.h5",
                                  "v1_source": "test", "errors": []}}
    rep, df = va.validate(scen, runs, obs, N, 7, n_boot=300, log=lambda m: None)
    return rep, df


def test_read_trials_layout(tmp_path):
    x = np.random.default_rng(0).uniform(size=(5, 4, len(FILE_YEARS)))
    write_results(tmp_path / "r.h5", x)
    tr = va.read_trials(tmp_path / "r.h5")
    assert tr["members"] == MEMBERS and tr["years"] == FILE_YEARS
    assert tr["start_year"] == ORIGIN and tr["armed"].tolist() == [True, True, True, False]
    sel = va.select(tr, ["CCC", "AAA"], [2020, 2024])
    assert sel.shape == (2, 2, 5)
    assert np.array_equal(sel[0, 1], x[:, 2, FILE_YEARS.index(2024)].astype(np.float32))


def test_hand_computed_scores(synthetic):
    rep, df = synthetic
    (s,) = rep["scenarios"]
    assert s["members"] == ["AAA", "BBB", "CCC"] and s["years"] == FILE_YEARS[1:]
    a = s["summary"]["A"]
    v2, v1 = a["forecasters"]["v2"], a["forecasters"]["v1"]
    assert v2["crps_last_year"] == 0.25 and v2["crps_all_years"] == 0.25
    assert v1["crps_last_year"] == 1.0
    # coverage: y is the midpoint of the two-point sample: inside both intervals
    assert (v2["cov50_last_year"], v2["cov90_last_year"]) == (3, 3)
    assert (v1["cov50_last_year"], v1["cov90_last_year"]) == (0, 0)
    # Brier of >= 2%: AAA p=0,o=0; BBB p=1,o=1; CCC p=0.5,o=1 -> 0.25/3
    assert v2["brier_last_year"] == pytest.approx(0.25 / 3, abs=1e-15)
    # v1 (y + 1): AAA 2.0 -> p=1, o=0 -> 1; BBB, CCC p=1, o=1 -> 0
    assert v1["brier_last_year"] == pytest.approx(1 / 3, abs=1e-15)
    # count at >= 2%: obs 2 (BBB, CCC); v2 trials give 1 or 2, half each
    c = v2["count_last_year"]
    assert (c["observed"], c["median"], c["lo90"], c["hi90"]) == (2, 1, 1, 2)
    assert c["p_le_obs"] == 1.0 and c["in_90"]
    assert v2["rps_count_by_year"][-1] == 0.25          # (F(1) - 0)^2 = 0.5^2
    # climatology: 2 of 3 at 2% -> p = 2/3, Brier (1/9 + 1/9 + 4/9)/3
    assert a["climatology_brier_last_year"] == pytest.approx(6 / 27)
    # PIT: mid-rank of y in {y-0.5, y+0.5} = 0.5 in every cell; release B = A here
    v2cells = df[(df.forecaster == "v2") & (df.release == "A")]
    assert (v2cells.pit == 0.5).all() and (v2cells.pit_idio == 0.5).all()
    assert s["summary"]["B"]["forecasters"]["v2"]["crps_all_years"] == 0.25
    # 2025 scored separately
    assert s["summary"]["2025"]["forecasters"]["v2"]["crps"] == 0.25


def test_skills_and_targets(synthetic):
    rep, _ = synthetic
    sk = rep["skill_by_origin"][ORIGIN]["v2"]["v1"]
    assert sk["skill"] == 0.75 and sk["lo"] == pytest.approx(0.75) and sk["hi"] == pytest.approx(0.75)
    assert sk["dm"]["mean_diff"] == -0.75
    pooled = rep["pooled"]["A"]
    assert pooled["skill_crps_2024"]["v2"]["v1"]["skill"] == 0.75
    assert pooled["pit_hist"]["v2"] == [0, 0, 0, 0, 0, 15, 0, 0, 0, 0]   # 3 members x 2020..2024
    b = pooled["brier_skill_clim_2024"]["v2"]
    assert b["skill"] == pytest.approx(1 - (0.25 / 3) / (6 / 27))
    t = {x["id"]: x for x in rep["targets"]}
    assert t["T1"]["status"] == "not run"                 # no 2014 origin
    assert t["T2"]["status"] == "met"                     # 0.25 <= 0.28 at origin 2019
    assert t["T5"]["status"] == "met"                     # 3/3 >= 21/27
    assert t["T6"]["status"] == "NOT met"                 # 3/3 > 20/27
    h = {x["id"]: x for x in rep["honesty"]}
    assert h["H3"]["status"] == "absent"
    # the report renders and says what was not run
    md = vr.render(rep | {"run": {"trials": N, "seed": 7, "seconds": 1.0,
                                  "example_command": "simulate ..."}, "figures": []})
    assert "| T6 |" in md and "**NOT met**" in md and "**not run**" in md
    json.dumps(va._jsonable(rep))                         # serialisable


def test_discover(tmp_path):
    for n in ("wales_origin_2016.yaml", "wales_origin_2014.yaml", "hague_origin_2024.yaml",
              "other.yaml"):
        (tmp_path / n).write_text("name: x\n")
    got = [(s["name"], s["origin"], s["kind"]) for s in va.discover(tmp_path)]
    assert got == [("wales_origin_2014", 2014, "wales"), ("wales_origin_2016", 2016, "wales"),
                   ("hague_origin_2024", 2024, "hague")]


@pytest.mark.skipif(not SIMULATE.exists(), reason=f"{SIMULATE} not built")
def test_command_line_end_to_end(tmp_path):
    out = tmp_path / "VALIDATION.md"
    p = subprocess.run([PYTHON, "-m", "analysis.validate", "--simulate", str(SIMULATE),
                        "--trials", "400", "--results-dir", str(tmp_path / "res"),
                        "--out", str(out), "--figures", str(tmp_path / "fig"), "--n-boot", "200"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    rep = json.loads((tmp_path / "fig" / "validation.json").read_text())
    assert rep["targets"] and rep["scenarios"]
    text = out.read_text()
    assert "## Targets" in text and "conditional on" in text
