"""Sobol indices with known values through a real scenario (docs/EXPLORE.md, issue 13):
`simulate explore --design saltelli` on tests/cli/data/sobol_exact.yaml, then
analysis.sensitivity on the file.

The scenario makes every target-year (2035) core share an exact function of the varied keys
(see its header): no growth noise, no recessions, will constant and above will_full. With

    P  = members.AAA.spending.core_plan.2026        ~ U(3, 4)
    c  = members.AAA.spending.max_rise_pp_per_year  ~ U(0.1, 0.2)
    xB = members.BBB.core_share_start_pct           ~ U(1, 2)
    xC = members.CCC.core_share_start_pct           ~ U(2, 4)
    d  = members.BBB.will.initial                   ~ U(0.2, 0.9)   (no effect: BBB cannot move)

AAA climbs from 2.0 % by at most c a year towards its plan P, so its 2035 share is
m = min(P, 2 + 10 c) = 3 + min(U1, U2) with U1, U2 independent U(0, 1); BBB and CCC stay at
their start shares. Analytic indices (keys in the order above):

1. median_core_share[AAA] = m. Var min(U1, U2) = 1/18; E[min | U1 = u] = u - u^2/2 has variance
   1/45, so S = (0.4, 0.4, 0, 0, 0) and ST_i = 1 - S_other = (0.6, 0.6, 0, 0, 0).
2. alliance_share_median = 0.5 m + 0.25 xB + 0.25 xC (GDP 200:100:100, equal growth). Parts of
   the variance: P and c 0.25/45 each alone and 0.25 (1/18 - 2/45) = 0.25/90 together, xB
   0.0625/12, xC 0.0625 * 4/12; V = 0.25/18 + 0.0625/12 + 0.0625/3. S = (0.25/45, 0.25/45,
   0.0625/12, 0.0625/3, 0) / V = (0.1391, 0.1391, 0.1304, 0.5217, 0), ST = (0.2087, 0.2087,
   0.1304, 0.5217, 0).
3. members_at_core_target_mean = 1[m >= 3.495] + 1[xC >= 3.495] (a share meets 3.5 % as
   rounded to 2 decimals; BBB never does) = A1 A2 + C with A1 = 1[P >= 3.495], A2 =
   1[2 + 10 c >= 3.495] ~ Bernoulli(a = 0.505) and C ~ Bernoulli(q = 0.2525). Var(A1 A2) =
   a^2 (1 - a^2), its part from A1 alone a^3 (1 - a), Var C = q (1 - q): S_P = a^3 (1 - a) / V,
   ST_P = (a^2 (1 - a^2) - a^3 (1 - a)) / V, S_C = ST_C = q (1 - q) / V.
4. p_core_target[CCC] = 1[xC >= 3.495]: S = ST = (0, 0, 0, 1, 0).

The shares are exact up to the 0.01 pp bins of the file's medians (a variance of about 1e-5
against 0.04-0.06: negligible). With N = 1024 base rows (7168 experiments x 16 trials) the
bootstrap standard errors of the estimates are at most about 0.035. Checked: every estimate
within 0.1 of its analytic value (about 3 standard errors) and every analytic value inside its
99.9 % bootstrap interval (about 20 intervals are not degenerate, so a family-wise level near
98 %); indices of keys that do not enter an outcome are exactly 0. The table printed by
`python3 -m analysis.sensitivity` shows the same estimates.
"""
import csv
import re
import subprocess
import sys

import numpy as np
import pytest

from conftest import SOURCE, simulate

sys.path.insert(0, str(SOURCE))
from analysis import sensitivity  # noqa: E402
from analysis.explore_io import read_exploration  # noqa: E402

SCENARIO = SOURCE / "tests/cli/data/sobol_exact.yaml"
VARY = ["members.AAA.spending.core_plan.2026=3:4",
        "members.AAA.spending.max_rise_pp_per_year=0.1:0.2",
        "members.BBB.core_share_start_pct=1:2",
        "members.CCC.core_share_start_pct=2:4",
        "members.BBB.will.initial=0.2:0.9"]
BASE_ROWS = 1024


def analytic():
    out = {"median_core_share[AAA]": ([0.4, 0.4, 0, 0, 0], [0.6, 0.6, 0, 0, 0])}
    v = 0.25 / 18 + 0.0625 / 12 + 0.0625 / 3
    out["alliance_share_median"] = (
        np.array([0.25 / 45, 0.25 / 45, 0.0625 / 12, 0.0625 / 3, 0]) / v,
        np.array([0.25 / 30, 0.25 / 30, 0.0625 / 12, 0.0625 / 3, 0]) / v)
    a, q = 0.505, 0.2525
    v_prod, v_alone, v_c = a ** 2 * (1 - a ** 2), a ** 3 * (1 - a), q * (1 - q)
    v = v_prod + v_c
    out["members_at_core_target_mean"] = (
        np.array([v_alone, v_alone, 0, v_c, 0]) / v,
        np.array([v_prod - v_alone, v_prod - v_alone, 0, v_c, 0]) / v)
    out["p_core_target[CCC]"] = ([0, 0, 0, 1, 0], [0, 0, 0, 1, 0])
    return out


@pytest.fixture(scope="module")
def saltelli_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("sobol") / "sobol.h5"
    args = ["explore", SCENARIO, "--design", "saltelli", "--experiments", BASE_ROWS, "-n", 16,
            "-j", 2, "-o", out, "-q"]
    for v in VARY:
        args += ["--vary", v]
    simulate(*args)
    return out


def test_the_derivation_matches_its_numbers():
    s, st = analytic()["alliance_share_median"]
    np.testing.assert_allclose(s, [0.1391, 0.1391, 0.1304, 0.5217, 0], atol=1e-4)
    np.testing.assert_allclose(st, [0.2087, 0.2087, 0.1304, 0.5217, 0], atol=1e-4)
    # Monte Carlo check of the min(U1, U2) decomposition used above.
    rng = np.random.default_rng(0)
    u1, u2 = rng.random(2_000_000), rng.random(2_000_000)
    assert np.var(np.minimum(u1, u2)) == pytest.approx(1 / 18, rel=0.01)
    assert np.var(u1 - u1 ** 2 / 2) == pytest.approx(1 / 45, rel=0.01)


@pytest.mark.parametrize("outcome", sorted(analytic()))
def test_indices_match_the_analytic_values(saltelli_file, outcome):
    e = read_exploration(saltelli_file)
    assert e.keys == [v.split("=")[0] for v in VARY]
    assert len(e.values) == BASE_ROWS * (len(VARY) + 2)
    s_true, st_true = map(np.asarray, analytic()[outcome])
    r = sensitivity.analyse(e, outcome, draws=1000, seed=1, level=0.999)
    np.testing.assert_allclose(r["first"], s_true, atol=0.1)
    np.testing.assert_allclose(r["total"], st_true, atol=0.1)
    for est, ci, true in ((r["first"], r["ci_first"], s_true), (r["total"], r["ci_total"],
                                                                  st_true)):
        assert np.all(ci[0] <= true + 1e-12) and np.all(true <= ci[1] + 1e-12), (ci, true)
        # keys that do not enter the outcome: exactly zero, not just small
        np.testing.assert_array_equal(est[true == 0], 0)


def test_the_printed_table_shows_the_same_estimates(saltelli_file):
    proc = subprocess.run([sys.executable, "-m", "analysis.sensitivity", str(saltelli_file),
                           "--outcome", "median_core_share[AAA]", "--bootstrap", "200"],
                          capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 0, proc.stderr
    r = sensitivity.analyse(read_exploration(saltelli_file), "median_core_share[AAA]", draws=10)
    rows = {line.split()[0]: [float(x) for x in re.findall(r"-?\d+\.\d+", line.split(None, 1)[1])]
            for line in proc.stdout.splitlines() if line.strip().startswith("members.")}
    for i, v in enumerate(VARY):
        first, _, _, total, _, _ = rows[v.split("=")[0]]
        assert first == pytest.approx(r["first"][i], abs=5e-4)
        assert total == pytest.approx(r["total"][i], abs=5e-4)


def test_report_page_and_what_it_takes_on_the_real_file(saltelli_file, tmp_path):
    """analysis.report on the same file: the sensitivity page, and per member the conditions of
    P(reached 3.5 % by 2035) >= 0.5 that the scenario implies: AAA needs its plan P >= 3.495 and
    its yearly rise c >= 0.1495 (to climb 1.495 pp in ten years), CCC a start share >= 3.495,
    BBB (at most 2 %) never. Box limits within 3 % of the key's range."""
    out = tmp_path / "page"
    proc = subprocess.run([sys.executable, "-m", "analysis.report", str(saltelli_file), "-o",
                           str(out), "--resamples", "100", "--outcome", "p_reached[AAA] >= 0.5"],
                          capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 0, proc.stderr
    html = (out / "report.html").read_text()
    for name in ("sobol_indices", "prim_tradeoff", "prim_box"):
        assert f'<figure id="{name}"><img' in html
    # The alliance share never reaches 3.495 here (at most 0.5 * 4 + 0.25 * 2 + 0.25 * 4 = 3.5,
    # only at the corner): that outcome is constant and the page says so.
    assert "alliance_p_core_target: the same in every experiment" in html
    with open(out / "what_it_takes.csv", newline="") as f:
        rows = {r["member"]: r for r in csv.DictReader(f)}
    assert rows["BBB"]["status"] == "none"
    limits = {}
    for member in ("AAA", "CCC"):
        assert rows[member]["status"] == "box" and float(rows[member]["density"]) >= 0.9
        assert float(rows[member]["coverage"]) >= 0.9
        for key, low in re.findall(r"(\S+) is at least ([0-9.]+)", rows[member]["conditions"]):
            limits[key] = float(low)
        assert "at most" not in rows[member]["conditions"]
        assert "between" not in rows[member]["conditions"]
    assert sorted(limits) == sorted(v.split("=")[0] for v in VARY[:2] + VARY[3:4])
    assert limits[VARY[0].split("=")[0]] == pytest.approx(3.495, abs=0.03)
    assert limits[VARY[1].split("=")[0]] == pytest.approx(0.1495, abs=0.003)
    assert limits[VARY[3].split("=")[0]] == pytest.approx(3.495, abs=0.06)
