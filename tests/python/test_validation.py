"""Tests of analysis/validate_wales.py, the Wales 2014 hindcast check (docs/VALIDATION.md).

1. Observed counts recomputed from the data files (round to 2 decimals, count >= 2.00):
   release A (Aug 2025) over all allies = docs/POLICY.md §2.2/§6 item 1 (3, 4, 4, 3, 5, 6, 8, 6,
   7, 10, 18); release B (June 2024) 2024 = 23 (§6 item 2); over the 27 armed allies of 2014 the lists
   differ only by Finland (2023-24) and Sweden (2024); the back-test of §6 item 3 (13 and 16 of
   the 24 allies below 2% in 2014).
2. The scores against hand-computed examples (Brier, log score with clipping, baselines, AUC,
   reliability bins).
3. On a real 2000-trial run of scenarios/wales2014.yaml (binary from RAMPUP_SIMULATE, fallback
   build/sim/cli/simulate): the simulated 2014 count is the observed start count with
   probability 1, and the script runs end to end (JSON and Markdown, both releases) with the
   expected rows. Skipped, with the reason, if the binary is not built.
"""
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from analysis import validate_wales as vw  # noqa: E402

SIMULATE = Path(os.environ.get("RAMPUP_SIMULATE", ROOT / "build/sim/cli/simulate"))
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
YEARS = list(range(2014, 2025))
POLICY_A = [3, 4, 4, 3, 5, 6, 8, 6, 7, 10, 18]
SCENARIO_ALLIES = ["ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FRA", "DEU", "GRC",
                   "HUN", "ITA", "LVA", "LTU", "LUX", "NLD", "NOR", "POL", "PRT", "ROU", "SVK",
                   "SVN", "ESP", "TUR", "GBR", "USA"]   # the 28 allies of 2014 less Iceland


# --- 1. observed counts -------------------------------------------------------------------------

def test_release_a_counts_equal_policy_list():
    shares = vw.load_release("aug2025", ROOT / "data")
    assert [vw.allies_counts(shares, ROOT / "data")[y] for y in YEARS] == POLICY_A
    # every ally in the file, regardless of accession year, gives the same list
    assert [int(vw.at_target(shares[y].dropna()).sum()) for y in YEARS] == POLICY_A


def test_release_a_counts_over_the_scenario_allies():
    shares = vw.load_release("aug2025", ROOT / "data")
    counts = vw.observed_counts(shares, SCENARIO_ALLIES)
    assert [counts[y] for y in YEARS] == [3, 4, 4, 3, 5, 6, 8, 6, 7, 9, 16]
    # the difference from docs/POLICY.md's list is exactly the allies that joined after 2014
    assert vw.at_target(shares.at["FIN", 2023]) and vw.at_target(shares.at["SWE", 2024])
    assert vw.at_target(shares.at["FIN", 2024])


def test_release_b_2024_count():
    shares = vw.load_release("jun2024", ROOT / "data")
    assert vw.allies_counts(shares, ROOT / "data")[2024] == 23
    assert vw.allies_counts(shares, ROOT / "data")[2014] == 3
    assert vw.observed_counts(shares, SCENARIO_ALLIES)[2024] == 19


@pytest.mark.parametrize("release,expected", [("aug2025", 13), ("jun2024", 16)])
def test_backtest_of_the_24_below_two_percent(release, expected):
    shares = vw.load_release(release, ROOT / "data")
    below = [m for m in SCENARIO_ALLIES if not vw.at_target(shares.at[m, 2014])]
    assert len(below) == 24
    assert int(vw.at_target(shares.loc[below, 2024]).sum()) == expected


def test_start_shares_are_release_a_2014():
    """The scenario's start shares are release A's 2014 column, as published (2 decimals)."""
    import yaml
    doc = yaml.safe_load((ROOT / "scenarios/wales2014.yaml").read_text(encoding="utf-8"))
    shares = vw.load_release("aug2025", ROOT / "data")
    for m in SCENARIO_ALLIES:
        assert doc["members"][m]["core_share_start_pct"] == pytest.approx(shares.at[m, 2014], abs=1e-9)


def test_publish_rounding():
    assert vw.publish_round("1.995933772") == 2.00      # POL 2018 in release A counts
    assert vw.publish_round("1.9949") == 1.99
    assert vw.publish_round("2.003724285") == 2.00
    assert list(vw.at_target([1.99, 2.00, 2.01])) == [False, True, True]


# --- 2. scores ----------------------------------------------------------------------------------

def test_brier_hand_example():
    p, o = [0.9, 0.2, 0.5], [1, 0, 1]
    assert vw.brier(p, o) == pytest.approx((0.01 + 0.04 + 0.25) / 3)
    assert vw.brier(p, o) == pytest.approx(0.1)


def test_log_score_hand_example_and_clipping():
    p, o = [0.9, 0.2, 0.5], [1, 0, 1]
    assert vw.log_score(p, o) == pytest.approx(-(math.log(0.9) + math.log(0.8) + math.log(0.5)) / 3)
    # persistence-style forecasts of 0/1 are clipped to [0.02, 0.98]
    assert vw.log_score([0.0, 1.0], [1, 1]) == pytest.approx(-(math.log(0.02) + math.log(0.98)) / 2)


def test_baselines_hand_example():
    o = np.array([1, 0, 0, 1])
    assert list(vw.base_rate_forecast(o)) == [0.5] * 4
    assert vw.brier(vw.base_rate_forecast(o), o) == pytest.approx(0.25)
    pers = vw.persistence_forecast([2.24, 1.99, 0.97, 2.00])
    assert list(pers) == [1.0, 0.0, 0.0, 1.0]
    assert vw.brier(pers, o) == 0.0


def test_auc_and_reliability_hand_example():
    p, o = np.array([0.9, 0.7, 0.7, 0.1]), np.array([1, 1, 0, 0])
    # pairs (pos, neg): (0.9,0.7)=1 (0.9,0.1)=1 (0.7,0.7)=0.5 (0.7,0.1)=1 -> 3.5/4
    assert vw.auc(p, o) == pytest.approx(0.875)
    rows = vw.reliability(p, o, edges=(0.0, 0.5, 1.0))
    assert [r["n"] for r in rows] == [1, 3]
    assert rows[1]["mean_forecast"] == pytest.approx(2.3 / 3)
    assert rows[1]["observed_freq"] == pytest.approx(2 / 3)


def test_count_distribution_hand_example():
    support = np.arange(6)
    prob = np.array([0.0, 0.04, 0.5, 0.3, 0.1, 0.06])
    d = vw.count_distribution(prob, support, observed=4)
    assert (d["lo90"], d["median"], d["hi90"]) == (2, 2, 5)
    assert d["mean"] == pytest.approx(0.04 + 1.0 + 0.9 + 0.4 + 0.3)
    assert d["p_ge_obs"] == pytest.approx(0.16) and d["p_le_obs"] == pytest.approx(0.94)
    assert d["in_90"]


# --- 3. a real run -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wales_results(tmp_path_factory):
    if not SIMULATE.exists():
        pytest.skip(f"simulate binary not built ({SIMULATE}); set RAMPUP_SIMULATE")
    out = tmp_path_factory.mktemp("wales") / "wales.h5"
    subprocess.run([str(SIMULATE), str(ROOT / "scenarios/wales2014.yaml"), "-n", "2000",
                    "-j", "2", "-o", str(out), "-q", "--force"],
                   check=True, capture_output=True, text=True, timeout=60)
    return out


def run_validate(*args):
    return subprocess.run([PYTHON, "-m", "analysis.validate_wales", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_simulated_2014_count_is_the_observed_start_count(wales_results):
    observed = vw.observed_counts(vw.load_release("aug2025", ROOT / "data"), SCENARIO_ALLIES)[2014]
    with h5py.File(wales_results, "r") as f:
        s = f["summary"]
        years = list(s["year"][()])
        prob = s["members_at_core_target_prob"][years.index(2014)]
        k = list(s["members_at_target"][()]).index(observed)
        assert prob[k] == 1.0
        assert s["members_at_core_target_mean"][years.index(2014)] == observed
    assert observed == 3


def test_end_to_end_json(wales_results, tmp_path):
    out = tmp_path / "report.json"
    r = run_validate(wales_results, "-o", out)
    assert r.returncode == 0, r.stderr
    rep = json.loads(out.read_text())
    assert rep["primary_release"] == "aug2025" and rep["run"]["trials"] == 2000
    assert rep["run"]["scenario_matches_repo"] is True
    a, b = rep["releases"]["aug2025"], rep["releases"]["jun2024"]
    assert [c["year"] for c in a["counts"]] == YEARS
    assert [c["observed"] for c in a["counts"]] == [3, 4, 4, 3, 5, 6, 8, 6, 7, 9, 16]
    assert [c["observed_all_allies"] for c in a["counts"]] == POLICY_A
    assert b["counts"][-1]["observed_all_allies"] == 23
    for c in a["counts"]:
        assert c["lo90"] <= c["median"] <= c["hi90"]
        assert 0.0 <= c["p_le_obs"] <= 1.0
    assert a["counts"][0]["median"] == a["counts"][0]["lo90"] == a["counts"][0]["hi90"] == 3
    assert [r["member"] for r in a["per_member"]] == SCENARIO_ALLIES   # Iceland left out
    assert a["n_below_2pct_in_2014"] == 24
    for key in ("reached_by_2024", "at_2024"):
        sc = a["scores"][key]["below_2pct_in_2014"]
        assert sc["n"] == 24 and set(sc["brier"]) == {"model", "base_rate", "persistence"}
        # persistence says 0 for all 24, so its Brier score is the observed fraction
        assert sc["brier"]["persistence"] == pytest.approx(sc["observed"] / 24)
        assert sc["brier"]["base_rate"] == pytest.approx(
            sc["observed"] / 24 * (1 - sc["observed"] / 24))
        assert sum(row["n"] for row in sc["reliability"]) == 24
        boot = sc["brier_diff_bootstrap"]["base_rate"]
        assert boot["lo95"] <= boot["hi95"]
    assert a["scores"]["at_2024"]["below_2pct_in_2014"]["observed"] == 13
    assert b["scores"]["at_2024"]["below_2pct_in_2014"]["observed"] == 16
    assert "2014" in a["trend_baseline"]                             # skipped, with the reason


def test_end_to_end_markdown_keeps_text_outside_markers(wales_results, tmp_path):
    doc = tmp_path / "VALIDATION.md"
    doc.write_text(f"# Intro kept\n\n{vw.BEGIN_MARK}\nold\n{vw.END_MARK}\n\n## Reading kept\n")
    r = run_validate(wales_results, "--release", "jun2024", "-o", doc)
    assert r.returncode == 0, r.stderr
    text = doc.read_text()
    assert text.startswith("# Intro kept") and text.rstrip().endswith("## Reading kept")
    assert "\nold\n" not in text
    lines = text.splitlines()
    # two count tables (primary jun2024 first), each with a row per year
    for y in YEARS:
        assert sum(1 for line in lines if line.startswith(f"| {y} |")) == 2
    assert text.index("June-2024 release") < text.index("Aug-2025 release")
    for m in SCENARIO_ALLIES:
        assert any(line.startswith(f"| {m} |") for line in lines)
    assert "| ISL |" not in text
    assert "| at_2024 | 24 below 2% in 2014 | 16/24 | model |" in text


def test_rejects_a_results_file_of_another_scenario(wales_results, tmp_path):
    other = tmp_path / "other.h5"
    other.write_bytes(wales_results.read_bytes())
    with h5py.File(other, "r+") as f:
        f.attrs["end_year"] = np.int32(2035)
    r = run_validate(other)
    assert r.returncode == 2 and "not a Wales 2014 hindcast" in r.stderr
