"""Scenario discovery (analysis/prim.py, analysis/discover.py; docs/EXPLORE.md):

1. PRIM recovers a planted box: 2000 uniform points in 4 dimensions, outcome = inside
   [0.2, 0.6] x [0.5, 0.9] on the first two, 5% of labels flipped. The chosen box's limits on the
   planted inputs are within 0.1 of the truth, density >= 0.8, coverage >= 0.6, the planted
   inputs have small quasi-p-values and, after pruning, the two noise inputs are unrestricted.
2. The peeling trajectory starts from the whole data (coverage 1) and its density rises.
3. The box reads in words with the keys and percentages; CART's rules name the planted inputs.
"""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import discover, prim  # noqa: E402

KEYS = ["threat", "pressure", "noise_a", "noise_b"]


def planted(seed=11, n=2000):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 4))
    y = (x[:, 0] >= 0.2) & (x[:, 0] <= 0.6) & (x[:, 1] >= 0.5) & (x[:, 1] <= 0.9)
    flip = rng.random(n) < 0.05
    return x, y ^ flip


def test_prim_recovers_a_planted_box():
    x, y = planted()
    trajectory = prim.peel(x, y, alpha=0.05, min_support=0.05)
    box = prim.prune(prim.paste(prim.choose(trajectory, 0.8), x, y, 0.05), x, y)
    np.testing.assert_allclose(box.low[:2], [0.2, 0.5], atol=0.1)
    np.testing.assert_allclose(box.high[:2], [0.6, 0.9], atol=0.1)
    assert box.density >= 0.8
    assert box.coverage >= 0.6
    assert prim.restricted(box, x) == [0, 1]  # the noise inputs' slivers were lifted
    p = prim.quasi_p_values(box, x, y)
    assert p[0] < 1e-6 and p[1] < 1e-6


def test_trajectory_starts_with_all_data_and_gets_denser():
    x, y = planted(seed=12)
    trajectory = prim.peel(x, y)
    assert trajectory[0].coverage == 1.0 and trajectory[0].support == 1.0
    assert trajectory[-1].density > trajectory[0].density + 0.5
    assert all(b.support >= 0.05 for b in trajectory)


def test_box_in_words_and_cart_rules():
    x, y = planted(seed=13)
    box = prim.prune(prim.paste(prim.choose(prim.peel(x, y), 0.8), x, y), x, y)
    words = discover.box_in_words(box, KEYS, x, "ok")
    assert words.startswith("when threat is between 0.")
    assert "and pressure is " in words and "% of the experiments, covering" in words
    rules = discover.cart_rules(x, y, KEYS)
    assert "threat" in rules and "pressure" in rules
