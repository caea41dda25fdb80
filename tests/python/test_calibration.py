"""Tests of analysis/calibrate.py and its estimators (analysis/calibration_estimators.py).

1. The committed scenarios are what the data give (`--check`), and `--check` does catch a stale
   or malformed file.
2. The estimators recover known parameters from a panel simulated with the model's own growth
   equations (models/growth.h). Tolerances, with N = 30 members and T = 4000 years (about 3-4
   standard errors of each estimator at these sizes):
     mean_pct +-0.25 pp, sd_pct +-6 %, persistence +-0.05, common_loading +-0.07,
     recession_depth_pct +-0.6 pp, recession_prob +-0.015.
3. Hand-computed values: Norway's and Germany's mean and sd from the CSV rows with the standard
   library, the cap rule for Bulgaria (one-off dropped) and Estonia (raised to its adopted 2026
   step), and the recession years 2009 and 2020.
"""
import csv
import math
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import calibrate  # noqa: E402
from analysis import calibration_estimators as est  # noqa: E402

PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
CALIBRATED = ["scenarios/hague.yaml", "scenarios/wales2014.yaml"]


def run_calibrate(*args, cwd=ROOT):
    return subprocess.run([PYTHON, "-m", "analysis.calibrate", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


# --- 1. the committed files -------------------------------------------------------------------

def test_check_passes_on_committed_scenarios():
    result = run_calibrate("--check", *CALIBRATED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_fails_on_stale_file(tmp_path):
    path = tmp_path / "hague.yaml"
    text = (ROOT / "scenarios/hague.yaml").read_text(encoding="utf-8")
    stale = text.replace("      mean_pct: 1.64", "      mean_pct: 1.65", 1)
    assert stale != text
    path.write_text(stale, encoding="utf-8")
    result = run_calibrate("--check", str(path))
    assert result.returncode == 1
    assert "mean_pct: 1.64" in result.stdout  # the diff shows what the data give
    # and without --check the file is repaired in place
    assert run_calibrate(str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == text


def test_missing_growth_block_is_an_error(tmp_path):
    text = (ROOT / "scenarios/hague.yaml").read_text(encoding="utf-8")
    start = text.index("    # >>> calibrate: growth DEU")
    end = text.index("    # <<< calibrate: growth DEU") + len("    # <<< calibrate: growth DEU\n")
    path = tmp_path / "hague.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_calibrate("--check", str(path))
    assert result.returncode == 2
    assert "DEU" in result.stderr


def test_rewrite_keeps_everything_outside_the_markers():
    text = (ROOT / "scenarios/hague.yaml").read_text(encoding="utf-8")
    scrambled = text.replace("      sd_pct: ", "      sd_pct: 9", 1)
    assert calibrate.regenerate(scrambled) == text


# --- 2. synthetic panel -----------------------------------------------------------------------

def simulate_panel(rng, mu, sd, phi, lam, depth, p_rec, years):
    """models/growth.h with normal shocks: returns growth (members x years) and recession flags."""
    n = len(mu)
    rec = rng.random(years) < p_rec
    a = mu + sd * rng.standard_normal(n)  # stationary start
    g = np.empty((n, years))
    innovation_sd = sd * np.sqrt(1 - phi**2)
    for t in range(years):
        shock = np.sqrt(lam) * rng.standard_normal() + np.sqrt(1 - lam) * rng.standard_normal(n)
        a = mu + phi * (a - mu) + innovation_sd * shock
        g[:, t] = a - rec[t] * depth
    return g, rec


@pytest.fixture(scope="module")
def synthetic():
    rng = np.random.default_rng(7)
    n, years = 30, 4000
    truth = dict(mu=rng.uniform(1, 5, n), sd=rng.uniform(1, 4, n), phi=rng.uniform(0, 0.7, n),
                 lam=rng.uniform(0.1, 0.8, n), depth=rng.uniform(3, 10, n))
    g, rec = simulate_panel(rng, p_rec=0.08, years=years, **truth)
    year_list = list(range(1000, 1000 + years))
    panel = {f"M{i:02d}": dict(zip(year_list, g[i])) for i in range(n)}
    recession = [y for y, r in zip(year_list, rec) if r]
    fits = [est.member_growth(panel[f"M{i:02d}"], year_list, recession) for i in range(n)]
    common = sorted(set.intersection(*(set(f.innovations) for f in fits)))
    u = np.array([[f.innovations[y] for y in common] for f in fits])
    lam, _ = est.common_loadings(u)
    return truth, fits, lam, recession, years


def test_recovers_mean_sd_persistence_depth(synthetic):
    truth, fits, _, _, _ = synthetic
    for i, f in enumerate(fits):
        assert f.mean_pct == pytest.approx(truth["mu"][i], abs=0.25)
        assert f.sd_pct == pytest.approx(truth["sd"][i], rel=0.06)
        assert f.persistence == pytest.approx(truth["phi"][i], abs=0.05)
        assert f.recession_depth_pct == pytest.approx(truth["depth"][i], abs=0.6)


def test_recovers_common_loadings(synthetic):
    truth, _, lam, _, _ = synthetic
    np.testing.assert_allclose(lam, truth["lam"], atol=0.07)
    # the disattenuation matters: raw squared correlations are biased low on average
    assert abs(np.mean(lam - truth["lam"])) < 0.02


def test_recovers_recession_probability(synthetic):
    _, _, _, recession, years = synthetic
    assert len(recession) / years == pytest.approx(0.08, abs=0.015)


def test_recession_detection_on_a_clear_panel():
    panel = {f"M{i}": {2000: 1.0, 2001: -2.0, 2002: (-1.0 if i < 2 else 2.0)} for i in range(5)}
    assert est.recession_years(panel, [2000, 2001, 2002]) == [2001]


def test_loadings_at_the_extremes():
    rng = np.random.default_rng(3)
    independent = rng.standard_normal((20, 3000))
    lam, _ = est.common_loadings(independent)
    # no factor: the reliability correction is weakly identified, so only near zero
    assert np.all(lam < 0.1) and lam.mean() < 0.02
    factor = rng.standard_normal(3000)
    lam, _ = est.common_loadings(np.tile(factor, (20, 1)))
    np.testing.assert_allclose(lam, 1.0)


def test_persistence_is_clipped():
    years = list(range(2000, 2030))
    alternating = {y: (1.0 if y % 2 else -1.0) for y in years}
    assert est.member_growth(alternating, years, []).persistence == 0.0
    trend = {y: float(y - 2000) for y in years}
    assert est.member_growth(trend, years, []).persistence == est.PERSISTENCE_MAX


# --- 3. hand-computed values on the real data ---------------------------------------------------

def growth_rows(iso):
    with open(ROOT / "data/real_growth.csv", newline="", encoding="utf-8") as f:
        return {int(r["year"]): float(r["pct"]) for r in csv.DictReader(f) if r["iso3"] == iso}


def test_recession_years_and_probability_on_real_data():
    panel = calibrate.read_growth(ROOT / "data/real_growth.csv")
    years = list(range(2000, 2025))
    assert est.recession_years(panel, years) == [2009, 2020]
    doc = yaml.safe_load((ROOT / "scenarios/hague.yaml").read_text(encoding="utf-8"))
    assert doc["shocks"]["recession_prob"] == pytest.approx(2 / 25)


@pytest.mark.parametrize("iso, mean, sd", [("NOR", 1.94, 1.10), ("DEU", 1.64, 1.43)])
def test_hand_computed_mean_and_sd(iso, mean, sd):
    rows = growth_rows(iso)
    normal = [rows[y] for y in range(2000, 2025) if y not in (2009, 2020)]
    assert len(normal) == 23
    hand_mean = sum(normal) / len(normal)
    hand_sd = math.sqrt(sum((x - hand_mean) ** 2 for x in normal) / (len(normal) - 1))
    assert hand_sd == pytest.approx(statistics.stdev(normal))
    assert round(hand_mean, 2) == mean and round(hand_sd, 2) == sd
    fit = est.member_growth(rows, list(range(2000, 2025)), [2009, 2020])
    assert fit.mean_pct == pytest.approx(hand_mean, abs=1e-12)
    assert fit.sd_pct == pytest.approx(hand_sd, abs=1e-12)
    depth = statistics.mean([hand_mean - rows[2009], hand_mean - rows[2020]])
    assert fit.recession_depth_pct == pytest.approx(depth, abs=1e-12)
    member = yaml.safe_load((ROOT / "scenarios/hague.yaml").read_text(encoding="utf-8"))["members"][iso]
    assert member["growth"]["mean_pct"] == mean
    assert member["growth"]["sd_pct"] == sd
    assert member["growth"]["last_growth_pct"] == rows[2024]
    # the model's long-run mean growth equals the plain 2000-2024 mean
    assert fit.mean_pct - 2 / 25 * fit.recession_depth_pct == pytest.approx(statistics.mean(rows.values()))


def test_cap_rule_by_hand():
    shares = calibrate.read_release_shares(ROOT / "data/defence_share.csv")
    # Bulgaria: 2019 +1.68 (F-16 payment) reversed by -1.54 in 2020 -> dropped as one-off (and
    # 2020 is a recession year); the two largest remaining rises are 2023 +0.37 and 2018 +0.23.
    bgr = est.absorption_cap(shares["BGR"], [2009, 2020])
    assert [y for y, _ in bgr.dropped] == [2019, 2020]
    assert bgr.cap_pp == 0.30
    # Estonia: rule (0.88 + 0.39) / 2 = 0.635 -> 0.64; the adopted 2026 budget (5.4% from 3.38%)
    # needs +2.02, so the cap is raised to it.
    est_cap = est.absorption_cap(shares["EST"], [2009, 2020], first_step_pp=5.4 - 3.38)
    assert est_cap.rule_pp == 0.64 and est_cap.cap_pp == 2.02
    # Spain: tiny rises only -> the 0.15 floor.
    assert est.absorption_cap(shares["ESP"], [2009, 2020]).cap_pp == est.CAP_MIN_PP


def test_no_look_ahead_in_the_hindcast():
    doc = yaml.safe_load((ROOT / "scenarios/wales2014.yaml").read_text(encoding="utf-8"))
    deu = doc["members"]["DEU"]["growth"]
    rows = growth_rows("DEU")
    normal = [rows[y] for y in range(2000, 2014) if y != 2009]
    assert deu["mean_pct"] == round(statistics.mean(normal), 2)
    assert deu["last_growth_pct"] == rows[2013]
    assert doc["shocks"]["recession_prob"] == round(1 / 14, 3)
    for m in doc["members"].values():  # no caps fitted on 2015-2024
        assert "max_rise_pp_per_year" not in (m.get("spending") or {})


def test_module_runs_from_another_directory(tmp_path):
    copy = tmp_path / "wales2014.yaml"
    shutil.copy(ROOT / "scenarios/wales2014.yaml", copy)
    result = run_calibrate("--check", str(copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
