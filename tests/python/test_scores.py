"""Tests of analysis/scores.py (proper scores, PIT, coverage, bootstrap) and analysis/baselines.py.

Hand-computed values are checked exactly where the arithmetic is exact; the baselines are
checked for using only data <= the origin (perturbing later data leaves every sample unchanged).
"""
import math
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from analysis import baselines as bl  # noqa: E402
from analysis import scores as sc  # noqa: E402


# --- CRPS -----------------------------------------------------------------------------------------

def test_crps_two_point_hand_example():
    # E|X - 0.5| = 0.5, E|X - X'| = (0 + 1 + 1 + 0)/4 = 0.5 -> 0.5 - 0.25
    assert sc.crps_samples([0.0, 1.0], 0.5) == 0.25


def test_crps_single_sample_is_absolute_error():
    assert sc.crps_samples([3.0], 1.0) == 2.0
    assert sc.crps_samples([[1.25], [-2.0]], [1.0, 0.0]).tolist() == [0.25, 2.0]


def test_crps_hand_example_three_samples():
    # samples {0, 1, 3}, y = 1: E|X-y| = (1+0+2)/3 = 1; E|X-X'| = 2*(1+3+2)/9 = 12/9
    assert sc.crps_samples([3.0, 0.0, 1.0], 1.0) == pytest.approx(1.0 - 6.0 / 9.0, abs=1e-15)


def brute_crps(x, y):
    x = np.asarray(x, float)
    return np.mean(np.abs(x - y)) - 0.5 * np.mean(np.abs(x[:, None] - x[None, :]))


def test_crps_equals_pairwise_definition_vectorised():
    rng = np.random.default_rng(3)
    x = rng.standard_t(4, size=(2, 3, 57))
    y = rng.normal(size=(2, 3))
    got = sc.crps_samples(x, y)
    assert got.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert got[i, j] == pytest.approx(brute_crps(x[i, j], y[i, j]), abs=1e-12)
    # order of samples does not matter
    assert np.allclose(sc.crps_samples(x[..., ::-1], y), got, atol=1e-13)


def test_crps_normal_closed_form():
    rng = np.random.default_rng(7)
    x = rng.normal(size=200_000)
    z = 0.3
    phi = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    exact = z * (2 * cdf - 1) + 2 * phi - 1 / math.sqrt(math.pi)
    assert sc.crps_samples(x, z) == pytest.approx(exact, abs=3e-3)


# --- RPS of a count ---------------------------------------------------------------------------------

def test_rps_count_hand_example():
    # F(0)=.25, F(1)=.75, F(2)=1; y=1: (.25-0)^2 + (.75-1)^2 + (1-1)^2 = 0.125
    assert sc.rps_count_samples([0, 1, 1, 2], 1) == 0.125
    assert sc.rps_count_samples([[5, 5]], [5]).tolist() == [0.0]
    # y outside the samples: F = .5, .5, 1, 1, 1 at k = 0..4, step at 4: .25+.25+1+1+0
    assert sc.rps_count_samples([0, 2], 4) == 2.5


def test_rps_count_equals_crps_for_integers():
    rng = np.random.default_rng(1)
    c = rng.integers(0, 12, size=(4, 500)).astype(float)
    y = np.array([0, 3, 7, 15])
    assert np.allclose(sc.rps_count_samples(c, y), sc.crps_samples(c, y), atol=1e-12)


def test_rps_count_rejects_non_integers():
    with pytest.raises(ValueError):
        sc.rps_count_samples([0.5, 1.0], 1)


# --- Brier, skill, log score -------------------------------------------------------------------------

def test_brier_and_skill_hand_examples():
    assert sc.brier(0.7, 1).item() == pytest.approx(0.09)
    assert sc.brier([1.0, 0.0], [1, 0]).tolist() == [0.0, 0.0]
    # reference 0.5 everywhere: BS_ref = 0.25; forecast 0.75/0.25 on outcomes 1/0: BS = 0.0625
    assert sc.brier_skill([0.75, 0.25], [1, 0], [0.5, 0.5]) == 0.75
    assert sc.skill([1.0, 3.0], [2.0, 6.0]) == 0.5
    with pytest.raises(ValueError):
        sc.brier(1.5, 1)


def test_event_prob():
    assert sc.event_prob([1.99, 1.995, 2.0, 3.0], 1.995) == 0.75


def test_log_score_binned_hand_example_and_floor():
    # bins [k/10, (k+1)/10): y = 2.00 is in [2.0, 2.1); 3 of 4 samples there
    assert sc.log_score_binned([1.95, 2.0, 2.05, 2.09], 2.0) == pytest.approx(-math.log(0.75))
    assert sc.log_score_binned([1.0, 1.05], 5.0) == pytest.approx(-math.log(1e-3))
    # 0.3 / 0.1 is 2.9999... in binary: the bin guard keeps 0.3 in [0.3, 0.4)
    assert sc.share_bin(0.3) == 3 and sc.share_bin(2.0) == 20 and sc.share_bin(1.999) == 19


# --- PIT and coverage --------------------------------------------------------------------------------

def test_pit_mid_rank_and_randomised():
    x = [0.0, 1.0, 2.0, 3.0]
    # F(2-) = 0.5, F(2) = 0.75 -> mid 0.625
    assert sc.pit(x, 2.0) == 0.625
    assert sc.pit(x, 2.5) == 0.75
    assert sc.pit(x, -1.0) == 0.0 and sc.pit(x, 9.0) == 1.0
    rng = np.random.default_rng(0)
    r = sc.pit(np.tile(x, (1000, 1)), np.full(1000, 2.0), method="random", rng=rng)
    assert r.min() >= 0.5 and r.max() <= 0.75 and abs(r.mean() - 0.625) < 0.01
    with pytest.raises(ValueError):
        sc.pit(x, 2.0, method="random")


def test_pit_histogram():
    assert sc.pit_histogram([0.0, 0.05, 0.15, 0.95, 1.0, np.nan]).tolist() == \
        [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_coverage_hand_example():
    x = np.arange(101.0)                      # quantiles are exact: q25 = 25, q75 = 75
    assert sc.covered(x, 25.0, 0.5) == 1.0    # closed interval
    assert sc.covered(x, 24.9, 0.5) == 0.0
    assert sc.covered(x, 95.0, 0.9) == 1.0 and sc.covered(x, 95.5, 0.9) == 0.0
    lo, hi = sc.central_interval(x, 0.9)
    assert (lo, hi) == (5.0, 95.0)


# --- bootstrap and Diebold-Mariano -------------------------------------------------------------------

def test_block_bootstrap_deterministic_and_correct_point():
    rng = np.random.default_rng(5)
    s = rng.uniform(0.1, 1.0, 60)
    r = rng.uniform(0.2, 1.2, 60)
    blocks = np.repeat(np.arange(12), 5)
    a = sc.block_bootstrap_skill(s, r, blocks)
    b = sc.block_bootstrap_skill(s, r, blocks)
    assert a == b
    assert a["skill"] == pytest.approx(1 - s.mean() / r.mean(), abs=1e-12)
    assert a["lo"] < a["skill"] < a["hi"] and a["blocks"] == 12 and a["n_boot"] == 10_000
    c = sc.block_bootstrap_skill(s, r, blocks, seed=1)
    assert (c["lo"], c["hi"]) != (a["lo"], a["hi"])


def test_block_bootstrap_equal_scores_and_exact_ratio():
    s = np.array([1.0, 2.0, 3.0, 4.0])
    z = sc.block_bootstrap_skill(s, s, ["a", "a", "b", "b"], n_boot=500)
    assert z["skill"] == 0.0 and z["lo"] == 0.0 and z["hi"] == 0.0
    # model = half the reference in every cell: skill 0.5 in every resample
    h = sc.block_bootstrap_skill(s / 2, s, ["a", "b", "c", "d"], n_boot=500)
    assert h["skill"] == 0.5 and h["lo"] == pytest.approx(0.5) and h["hi"] == pytest.approx(0.5)


def test_block_bootstrap_keeps_blocks_together():
    # two blocks: one where the model is perfect, one where it is worse; a resample either has
    # both, or twice one of them, so the skills are exactly three values
    s = np.array([0.0, 0.0, 2.0, 2.0])
    r = np.array([1.0, 1.0, 1.0, 1.0])
    out = sc.block_bootstrap_skill(s, r, [0, 0, 1, 1], n_boot=2000, level=0.5)
    assert out["lo"] in (1.0, 0.0, -1.0) and out["hi"] in (1.0, 0.0, -1.0)


def test_diebold_mariano_hand_example():
    # member means of d: -1, -2, -3 -> mean -2, sd 1, DM = -2 / (1/sqrt 3)
    s = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    r = np.array([1.0, 1.0, 2.0, 2.0, 3.0, 3.0])
    out = sc.diebold_mariano(s, r, [0, 0, 1, 1, 2, 2])
    assert out["mean_diff"] == -2.0 and out["sd_diff"] == 1.0 and out["blocks"] == 3
    assert out["dm_stat"] == pytest.approx(-2.0 * math.sqrt(3.0))
    assert out["p_normal"] == pytest.approx(math.erfc(2 * math.sqrt(3) / math.sqrt(2)))
    # all 3 signs alike in 2 of the 8 sign patterns: p ~ 0.25
    assert 0.2 < out["p_sign_flip"] < 0.3


# --- baselines ----------------------------------------------------------------------------------------

MEMBERS = ["BEL", "EST", "POL", "USA"]


@pytest.fixture(scope="module")
def data():
    a = bl.load_release_a(ROOT / "data")
    sipri_path = ROOT / "data" / bl.SIPRI_FILE
    s = bl.load_sipri(ROOT / "data") if sipri_path.exists() else None
    return a, s


def perturbed(a, s, origin, rng):
    a2 = a.copy()
    later = [c for c in a2.columns if c > origin]
    a2.loc[:, later] = a2.loc[:, later] + rng.normal(0, 0.5, size=(len(a2), len(later)))
    s2 = None
    if s is not None:
        s2 = s.copy()
        later = [c for c in s2.columns if c > origin]
        s2.loc[:, later] = s2.loc[:, later] + rng.normal(0, 0.5, size=(len(s2), len(later)))
    return a2, s2


@pytest.mark.parametrize("kind", bl.KINDS)
@pytest.mark.parametrize("origin", [2014, 2019])
def test_baselines_use_only_data_up_to_origin(data, kind, origin):
    a, s = data
    years = list(range(origin, 2025))
    x = bl.baseline_samples(kind, origin, MEMBERS, years, 500, 11, a, s)
    a2, s2 = perturbed(a, s, origin, np.random.default_rng(2))
    assert not a2.equals(a)
    y = bl.baseline_samples(kind, origin, MEMBERS, years, 500, 11, a2, s2)
    assert x.shape == (500, len(MEMBERS), len(years))
    assert np.array_equal(x, y)
    # the origin year is the observed value in every sample
    assert np.array_equal(x[:, :, 0], np.broadcast_to(a.loc[MEMBERS, origin].to_numpy(), (500, 4)))


def test_history_splices_sipri_without_a_step(data):
    a, s = data
    if s is None:
        pytest.skip("SIPRI file not in data/")
    h = bl.history(2016, ["BEL"], a, s)
    assert list(h.columns) == list(range(1995, 2017))
    assert h.at["BEL", 2014] == a.at["BEL", 2014]
    # a pre-2014 change is SIPRI's own change
    assert h.at["BEL", 2013] - h.at["BEL", 2012] == pytest.approx(
        s.at["BEL", 2013] - s.at["BEL", 2012], abs=1e-12)
    assert 0.1 < bl.pooled_change_sd(bl.history(2014, MEMBERS, a, s)) < 0.5


def test_persistence_and_plan_literal_centres(data):
    a, s = data
    years = [2014, 2019, 2024, 2025]
    p = bl.baseline_samples("persistence", 2014, MEMBERS, years, 20000, 3, a, s, return_fit=True)
    x, fit = p
    s0 = a.loc[MEMBERS, 2014].to_numpy()
    # random-walk noise: sd sigma*sqrt(h) (clipping at 0 is far away for these members)
    assert np.allclose(x[:, :, 2].std(axis=0), fit["sigma"] * math.sqrt(10), rtol=0.03)
    assert np.allclose(np.median(x[:, :, 2], axis=0), s0, atol=0.03)
    pl = bl.baseline_samples("plan_literal", 2014, MEMBERS, years, 20000, 3, a, s)
    med = np.median(pl[:, :, 2], axis=0)
    # BEL, EST, POL below 2 in 2014 -> 2.0 in 2024; USA above -> flat
    assert np.allclose(med[:3], 2.0, atol=0.03) and abs(med[3] - s0[3]) < 0.03
    path = bl.plan_path(np.array([1.0, 2.5]), 2014, [2014, 2019, 2024, 2030], 2.0, 2024)
    assert path.tolist() == [[1.0, 1.5, 2.0, 2.0], [2.5, 2.5, 2.5, 2.5]]


def test_publish_rounding_half_up():
    assert bl.publish_round("1.005") == 1.01 and bl.publish_round(2.345) == 2.35
    assert math.isnan(bl.publish_round(""))
