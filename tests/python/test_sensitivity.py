"""Sobol estimators of analysis/sensitivity.py (docs/EXPLORE.md) on functions with known indices,
evaluated on Saltelli designs built as `simulate explore --design saltelli` builds them (A and B
independent Latin hypercubes; AB_i = A with column i from B):

1. Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424,
   0.2437); every estimate within 0.05 and every analytic value inside its bootstrap 95% interval
   (widened by 0.01 for the percentile method's coarseness).
2. A linear additive model y = sum a_i x_i, x_i ~ U(0, 1): S_i = ST_i = a_i^2 / sum a_j^2.
3. The blocks of a file (saltelli_matrix, base_row) are split back into f_A, f_B, f_AB.
"""
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import sensitivity  # noqa: E402
from analysis.explore_io import Exploration  # noqa: E402


def lhs(n, k, rng):
    """Latin hypercube: one point per stratum and column, random order, uniform in the stratum."""
    u = np.empty((n, k))
    for c in range(k):
        u[:, c] = (rng.permutation(n) + rng.random(n)) / n
    return u


def saltelli(n, k, seed):
    rng = np.random.default_rng(seed)
    a, b = lhs(n, k, rng), lhs(n, k, rng)
    ab = np.repeat(a[None], k, axis=0)
    for i in range(k):
        ab[i, :, i] = b[:, i]
    return a, b, ab


def ishigami(u, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[..., 0]) + a * np.sin(x[..., 1]) ** 2 + b * x[..., 2] ** 4 * np.sin(x[..., 0])


def ishigami_indices(a=7.0, b=0.1):
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0]) / v, np.array([v1 + v13, v2, v13]) / v


def check(first, total, ci_first, ci_total, s_true, st_true, tol=0.05):
    np.testing.assert_allclose(first, s_true, atol=tol)
    np.testing.assert_allclose(total, st_true, atol=tol)
    assert np.all(ci_first[0] - 0.01 <= s_true) and np.all(s_true <= ci_first[1] + 0.01)
    assert np.all(ci_total[0] - 0.01 <= st_true) and np.all(st_true <= ci_total[1] + 0.01)


def test_ishigami_indices_match_analytic_values():
    s_true, st_true = ishigami_indices()
    assert s_true == pytest.approx([0.3139, 0.4424, 0.0], abs=1e-4)
    assert st_true == pytest.approx([0.5576, 0.4424, 0.2437], abs=1e-4)
    a, b, ab = saltelli(4096, 3, seed=1)
    f_a, f_b, f_ab = ishigami(a), ishigami(b), ishigami(ab)
    first, total = sensitivity.sobol_indices(f_a, f_b, f_ab)
    ci_first, ci_total = sensitivity.bootstrap(f_a, f_b, f_ab, draws=300, seed=2)
    check(first, total, ci_first, ci_total, s_true, st_true)


def test_linear_additive_model():
    coef = np.array([1.0, 2.0, 0.5, 0.0])
    a, b, ab = saltelli(2048, 4, seed=3)
    f = lambda u: 10.0 + u @ coef  # a large mean: the centring keeps S_i stable
    first, total = sensitivity.sobol_indices(f(a), f(b), f(ab))
    ci_first, ci_total = sensitivity.bootstrap(f(a), f(b), f(ab), draws=300, seed=4)
    s_true = coef ** 2 / np.sum(coef ** 2)
    check(first, total, ci_first, ci_total, s_true, s_true, tol=0.03)


def test_constant_outcome_gives_nan_not_an_error():
    first, total = sensitivity.sobol_indices(np.ones(8), np.ones(8), np.ones((2, 8)))
    assert np.all(np.isnan(first)) and np.all(np.isnan(total))


def test_split_matrices_inverts_the_block_layout():
    n, k = 5, 2
    blocks = np.repeat(np.arange(k + 2), n)
    rows = np.tile(np.arange(n), k + 2)
    y = 100 * blocks + rows
    e = Exploration("x.h5", {"design": "saltelli"}, ["p", "q"], np.zeros((n * (k + 2), k)),
                    ["DEU"], {}, blocks, rows)
    f_a, f_b, f_ab = sensitivity.split_matrices(e, y)
    np.testing.assert_array_equal(f_a, np.arange(n))
    np.testing.assert_array_equal(f_b, 100 + np.arange(n))
    np.testing.assert_array_equal(f_ab[1], 300 + np.arange(n))
