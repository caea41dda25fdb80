"""Acceptance checks of model v2 on its rolling-origin hindcasts (docs/VALIDATION.md).

Runs the validation harness end to end (simulate -> scores) at 4,000 trials into a temporary
folder and checks the targets that v2 meets on the committed 20,000-trial run, with a Monte
Carlo tolerance of 0.01 (CRPS, skills) or one member (coverage counts). These are regression
guards: a change to the model, the calibration or the scenarios that loses them fails here.
The targets v2 does not meet (the frontline-minus-far gap of 0.8 pp at origins 2016-2021) are
reported in docs/VALIDATION.md and only guarded against falling back to v1's level.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
TOL = 0.01


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    exe = Path(os.environ.get("RAMPUP_SIMULATE", ROOT / "build/sim/cli/simulate"))
    if not exe.is_file():
        pytest.skip(f"simulate binary not found ({exe}); set RAMPUP_SIMULATE")
    d = tmp_path_factory.mktemp("validation")
    r = subprocess.run([PYTHON, "-m", "analysis.validate", "--simulate", str(exe), "--trials", "4000",
                        "--results-dir", str(d / "runs"), "--out", str(d / "VALIDATION.md"),
                        "--figures", str(d / "fig"), "--n-boot", "500"],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return json.loads((d / "fig" / "validation.json").read_text())


def v2_summary(result, origin):
    for s in result["scenarios"]:
        if s["origin"] == origin and s["kind"] != "hague":
            return s["summary"]["A"]["forecasters"]["v2"]
    raise KeyError(origin)


def test_crps_targets(result):
    assert v2_summary(result, 2014)["crps_last_year"] <= 0.33 + TOL
    for origin in (2016, 2017, 2019):
        assert v2_summary(result, origin)["crps_last_year"] <= 0.28 + TOL


def test_positive_skill_against_arima_and_plan_literal_at_every_origin(result):
    for origin, by_model in result["skill_by_origin"].items():
        if int(origin) >= 2024:
            continue
        assert by_model["v2"]["arima"]["skill"] > 0, origin
        assert by_model["v2"]["plan_literal"]["skill"] >= (0.10 if int(origin) == 2014 else 0.0) - TOL


def test_coverage_of_2024_shares(result):
    for origin in (2014, 2016, 2017, 2019, 2021, 2023):
        s = v2_summary(result, origin)
        assert s["cov90_last_year"] >= 21 - 1, origin
        assert 9 - 1 <= s["cov50_last_year"] <= 20 + 1, origin


def test_brier_skill_pooled_release_a(result):
    assert result["pooled"]["A"]["brier_skill_clim_2024"]["v2"]["skill"] >= 0.15 - TOL


def test_regressions_of_the_v1_failures(result):
    rows = [r for r in result["v7"] if r["forecaster"] == "v2" and "pol_q95" in r
            and r.get("pol_q95") is not None]
    assert {r["origin"] for r in rows} >= {2016, 2017, 2019, 2021, 2023}
    for r in rows:
        assert r["pol_q95"] > 3.0 and r["bel_q05"] < 1.5, r
        assert r["frontline_minus_far"] > 0.3, r  # v1: 0.01; the 0.8 target is not met (docs)
    v2 = result["hague_2035_medians"]["v2"]
    assert max(v2.values()) - min(v2.values()) >= 1.0


def test_in_sample_is_not_much_better_than_rolling_origin(result):
    """Sign H4 of overfitting: the 2015-2024 fit scoring > 30% better than the origin's own."""
    rows = result["in_sample"]
    assert set(rows) == {"2016", "2017", "2019"}
    assert all(r["ratio"] >= 0.7 for r in rows.values()), rows
