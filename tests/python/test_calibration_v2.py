"""Tests of analysis/calibrate_v2.py and analysis/proximity.py (docs/MODEL.md v2.3-v2.5).

* No look-ahead: perturbing every datum after the origin O (NATO release-A columns > O, SIPRI
  years > O, IMF WEO years > O, every series) leaves the calibration output - the parameter-draw
  CSV and the per-member inputs - byte-identical, for O in {2014, 2017, 2021}. And perturbing a
  datum at or before O does change it (so the test can fail).
* Sanity: the CSV has exactly the v2.3 columns in order, plain decimals, integer noise_dof; every
  value is in its range; the same seed gives the same bytes, another seed other bytes; O = 2014
  is priors only; the prior constants are those of v2.5; proximity matches the values of v2.4.
"""
import csv
import io
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analysis import calibrate_v2 as cv2
from analysis import proximity as prox

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
ROWS = 24  # enough rows to exercise the bootstrap, quick enough for ctest


def output(origin, data_dir, rows=ROWS, seed=7):
    res = cv2.calibrate(origin, data_dir, rows=rows, seed=seed)
    return cv2.to_csv(res.rows) + repr(sorted(res.inputs.items()))


def perturb_after(src: Path, dst: Path, origin: int, bump: float = 0.37):
    """Copies data/ to dst and moves every datum of a year > origin in the three v2 sources."""
    shutil.copytree(src, dst)
    # NATO release A: wide, one column per year ("2024e" is 2024)
    path = dst / cv2.NATO_FILE
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    years = [int(h.rstrip("e")) for h in rows[0][1:]]
    for r in rows[1:]:
        for k, y in enumerate(years, start=1):
            if y > origin and r[k].strip():
                r[k] = repr(float(r[k]) + bump)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    # SIPRI and WEO: long, one row per year
    for name, col in ((cv2.SIPRI_FILE, "pct_gdp"), (cv2.WEO_FILE, "value")):
        path = dst / name
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        for r in rows:
            if int(r["year"]) > origin and r[col]:
                r[col] = repr(float(r[col]) * 1.5 + bump)
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)


@pytest.mark.parametrize("origin", [2014, 2017, 2021])
def test_no_look_ahead(origin, tmp_path):
    perturbed = tmp_path / "data"
    perturb_after(DATA, perturbed, origin)
    assert output(origin, DATA) == output(origin, perturbed)


@pytest.mark.parametrize("origin", [2014, 2017, 2021])
def test_data_at_the_origin_matter(origin, tmp_path):
    perturbed = tmp_path / "data"
    perturb_after(DATA, perturbed, origin - 1)  # now the origin year itself moves
    assert output(origin, DATA) != output(origin, perturbed)


def read_rows(text):
    lines = text.splitlines()
    return lines[0].split(","), [line.split(",") for line in lines[1:]]


def test_columns_format_and_ranges():
    for origin in (2014, 2021, 2024):
        res = cv2.calibrate(origin, DATA, rows=ROWS, seed=3)
        header, rows = read_rows(cv2.to_csv(res.rows))
        assert header == cv2.COLUMNS
        assert len(header) == 29 and len(rows) == ROWS
        for r in rows:
            assert len(r) == len(header)
            v = dict(zip(header, r))
            assert v["noise_dof"] == "4"
            for c, s in v.items():
                assert "e" not in s.lower() and s.strip() == s, (c, s)
                float(s)
            f = {c: float(s) for c, s in v.items()}
            for c in ("lambda_calm", "lambda_elevated", "lambda_acute"):
                assert 0 < f[c] <= 1, (origin, c, f[c])
            for c in ("sigma_calm", "sigma_elevated", "sigma_acute", "tau_member",
                      "budget_execution_sd", "one_off_mean_pp", "compliance_reach_pp"):
                assert f[c] > 0, c
            assert 0 <= f["one_off_prob"] <= 1 and 0 <= f["one_off_reversal"] <= 1
            assert f["noise_dof"] == 0 or (f["noise_dof"] >= 4 and f["noise_dof"] % 2 == 0)
            assert all(abs(f[c]) <= 50 for c in header)


def test_priors_are_the_preregistered_ones():
    res = cv2.calibrate(2014, DATA, rows=400, seed=11)
    col = {c: res.rows[:, i] for i, c in enumerate(cv2.COLUMNS)}
    fixed = {"noise_dof": 4, "tau_member": 0.05, "kappa_0": 0.0, "kappa_lead": 0.15,
             "kappa_debt": 1.0, "kappa_us": 0.5, "kappa_deadline": 1.0, "kappa_government": 1.0,
             "compliance_0": -3.5, "compliance_deadline": 2.5, "compliance_review": 1.0,
             "compliance_us": 1.0, "compliance_reach_pp": 0.8, "one_off_prob": 0.02,
             "one_off_mean_pp": 0.5, "one_off_reversal": 0.9, "budget_execution_sd": 0.15}
    for c, v in fixed.items():
        assert np.all(col[c] == v), c
    lam = col["lambda_elevated"]
    assert lam.min() >= 0.02 and lam.max() <= 0.25
    assert col["theta_elevated"].min() >= 0
    assert abs(col["alpha_elevated"].mean()) < 0.06 and 0.25 < col["alpha_elevated"].std() < 0.35
    assert abs(col["delta_elevated"].mean() + 0.3) < 0.08
    assert np.allclose(col["sigma_elevated"], col["sigma_calm"] * 1.1)
    assert np.allclose(col["sigma_acute"], col["sigma_calm"] * 1.3)
    ratio = np.log(col["lambda_acute"] / (2 * lam))
    assert abs(ratio.mean()) < 0.06 and 0.33 < ratio.std() < 0.47
    assert res.fitted_regimes == [] and res.n_obs == 0


def test_fitted_origins_fit_what_they_should():
    assert cv2.calibrate(2016, DATA, rows=4).fitted_regimes == ["elevated"]
    r23 = cv2.calibrate(2023, DATA, rows=4)
    assert r23.fitted_regimes == ["elevated", "acute"] and r23.n_obs == 26 * 9
    assert len(r23.panel_members) == 26 and "USA" not in r23.panel_members
    # calm regime (SIPRI 1995-2013): mean reversion about 0.17 a year, residual sd about 0.16
    assert 0.1 < r23.central["lambda_calm"] < 0.25 and 0.1 < r23.central["sigma_calm"] < 0.25


def test_deterministic_for_a_seed():
    a = cv2.to_csv(cv2.calibrate(2019, DATA, rows=10, seed=5).rows)
    b = cv2.to_csv(cv2.calibrate(2019, DATA, rows=10, seed=5).rows)
    c = cv2.to_csv(cv2.calibrate(2019, DATA, rows=10, seed=6).rows)
    assert a == b and a != c


def test_member_inputs():
    inp = cv2.member_inputs(2014)
    assert list(inp) == [r["iso3"] for r in csv.DictReader(open(DATA / "members.csv", encoding="utf-8"))]
    assert inp["ISL"]["baseline_pct"] is None
    assert inp["USA"]["regime_response"] is False and inp["USA"]["baseline_pct"] == 3.71
    assert all(v["regime_response"] for k, v in inp.items() if k != "USA")
    assert inp["USA"]["debt_pct_gdp"] == pytest.approx(104.6, abs=3)  # WEO 2014, not 2024 (120.79)
    for k, v in inp.items():
        if v["baseline_pct"] is not None:
            assert 0.2 < v["baseline_pct"] < 4.5, k
    assert cv2.member_inputs(2024)["USA"]["debt_pct_gdp"] == 120.79  # = members.csv 2024


def test_cli_writes_the_file(tmp_path):
    out = tmp_path / "v2.csv"
    r = subprocess.run([sys.executable, "-m", "analysis.calibrate_v2", "--origin", "2017", "--rows", "5",
                        "--seed", "1", "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_text().splitlines()[0] == ",".join(cv2.COLUMNS)
    assert "kappa_0" in r.stdout
    bad = subprocess.run([sys.executable, "-m", "analysis.calibrate_v2", "--origin", "2013"],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2


def test_committed_calibration_files_match_the_code():
    folder = ROOT / "scenarios" / "calibration"
    files = sorted(folder.glob("v2_origin_*.csv"))
    assert [f.name for f in files] == [f"v2_origin_{o}.csv" for o in (2014, 2016, 2017, 2019, 2021, 2023, 2024)]
    for f in files[:2]:  # regenerating all seven takes ~10 s; two keep the test quick
        origin = int(f.stem.rsplit("_", 1)[1])
        assert cv2.to_csv(cv2.calibrate(origin, DATA).rows) == f.read_text(encoding="utf-8"), f.name


# --- proximity (docs/MODEL.md v2.4) ---------------------------------------------------------------

def test_proximity_values():
    x = prox.proximity()
    assert len(x) == 32
    for iso in ("LTU", "LVA", "EST", "POL", "FIN"):
        assert x[iso] == pytest.approx(1.0)
    assert x["ROU"] == pytest.approx(0.88, abs=0.01)
    for iso in ("FRA", "GBR", "ITA"):
        assert x[iso] == pytest.approx(0.26, abs=0.015)
    for iso in ("ESP", "PRT", "CAN", "USA"):
        assert x[iso] < 0.03
    assert all(0 <= v <= 1 for v in x.values())


def test_haversine_and_index():
    # one degree of latitude is 6371 * pi / 180 = 111.19 km
    assert prox.haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.01)
    assert prox.index_from_distance(100) == 1.0 and prox.index_from_distance(9000) == 0.0
    mid = math.sqrt(300 * 2500)  # geometric midpoint of the clip range
    assert prox.index_from_distance(mid) == pytest.approx(0.5)


# --- the v2 scenarios (analysis/hindcast_scenarios.py, scenarios/hague.yaml) -----------------------

import yaml  # noqa: E402

from analysis import hindcast_scenarios as hs  # noqa: E402

SCEN = ROOT / "scenarios"
MODEL_KEYS = ["version", "parameter_draws", "start_regime", "regime_transition", "us_pressure_years",
              "us_pressure_known_until", "us_pressure_term_prob"]


def load(rel):
    return yaml.safe_load((SCEN / rel).read_text(encoding="utf-8"))


def test_hindcast_files_are_up_to_date():
    for path, text in hs.outputs().items():
        assert path.read_text(encoding="utf-8") == text, path.name


@pytest.mark.parametrize("origin", hs.WALES_ORIGINS)
def test_wales_hindcast(origin):
    doc = load(f"hindcast/wales_origin_{origin}.yaml")
    wales = load("wales2014.yaml")
    assert list(doc["members"]) == list(wales["members"])
    assert doc["horizon"] == {"start_year": origin, "end_year": 2024}
    assert doc["targets"]["target_year"] == 2024 and doc["targets"]["core_pct"] == 2.0
    assert doc["targets"]["review_year"] == (2019 if origin < 2019 else 2024)
    m = doc["model"]
    assert list(m) == MODEL_KEYS and m["version"] == 2
    assert m["parameter_draws"] == f"../calibration/v2_origin_{origin}.csv"
    assert (SCEN / "hindcast" / m["parameter_draws"]).resolve().exists()
    assert m["start_regime"] == ("elevated" if origin <= 2021 else "acute")
    assert m["us_pressure_years"] == ([] if origin < 2016 else [2017, 2018, 2019, 2020])
    d = cv2.load_data(origin, DATA)
    inputs = cv2.member_inputs(origin)
    for iso, mem in doc["members"].items():
        assert mem["proximity"] == inputs[iso]["proximity"]
        assert mem["debt_pct_gdp"] == inputs[iso]["debt_pct_gdp"]
        assert mem["elections"] == []
        if iso == "ISL":
            assert mem["armed_forces"] is False and "baseline_pct" not in mem
            continue
        assert mem["core_share_start_pct"] == round(d.nato[iso][origin], 2)
        assert mem["baseline_pct"] == inputs[iso]["baseline_pct"]
        assert mem["regime_response"] is (iso != "USA")
        sp = mem["spending"]
        assert sp["plan_adopted_year"] == (2023 if origin >= 2023 else 2014)
        plan = sp.get("core_plan")
        if origin >= 2023:
            assert (plan == {2024: 2.0}) == (mem["core_share_start_pct"] < 2.0), iso
        elif origin > 2014 and round(d.nato[iso][2014], 2) < 2.0:
            assert set(plan) == {origin, 2024} and plan[2024] == 2.0
            assert plan[origin] == pytest.approx(cv2.wales_plan(d.nato[iso][2014], origin), abs=6e-4)
        else:
            assert plan is None


def test_hague_hindcast_2024():
    doc = load("hindcast/hague_origin_2024.yaml")
    hague = load("hague.yaml")
    assert list(doc["members"]) == list(hague["members"])
    assert doc["horizon"] == {"start_year": 2024, "end_year": 2035}
    assert doc["targets"] == hague["targets"]
    m = doc["model"]
    assert list(m) == MODEL_KEYS and m["start_regime"] == "acute"
    assert m["us_pressure_years"] == [2025, 2026, 2027, 2028] and m["us_pressure_known_until"] == 2028
    start = {iso: mem.get("core_share_start_pct") for iso, mem in doc["members"].items()}
    for iso, mem in doc["members"].items():
        assert mem["elections"] == hague["members"][iso]["elections"]
        if iso == "ISL":
            continue
        # No adopted budget and no 2025 announcement: 2025 is a genuine one-step forecast.
        assert "adopted_budget" not in mem["spending"]
        assert mem["spending"]["plan_adopted_year"] == 2023
        assert mem["spending"]["core_plan"] == {2025: round(max(start[iso], 2.0), 2)}


def test_hague_v2_inputs():
    doc = load("hague.yaml")
    m = doc["model"]
    assert list(m) == MODEL_KEYS and m["parameter_draws"] == "calibration/v2_origin_2024.csv"
    assert (SCEN / m["parameter_draws"]).exists() and m["start_regime"] == "acute"
    inputs = cv2.member_inputs(2024)
    for iso, mem in doc["members"].items():
        assert mem["proximity"] == inputs[iso]["proximity"]
        if iso == "ISL":
            continue
        assert mem["regime_response"] is (iso != "USA")
        expected = mem["core_share_start_pct"] if iso == "USA" else inputs[iso]["baseline_pct"]
        assert mem["baseline_pct"] == expected
        if "core_plan" in mem["spending"]:
            assert mem["spending"]["plan_adopted_year"] == 2025
