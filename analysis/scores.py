"""Strictly proper scores for sample-based forecasts, and their uncertainty (pure numpy).

Every function takes forecasts as Monte Carlo samples along the LAST axis, ``samples`` of shape
``(..., n)``, and observations ``y`` broadcastable to ``samples.shape[:-1]``; it returns one
score per forecast (shape ``(...)``), so callers average, group and bootstrap as they need.
Lower is better for every score here; a skill score is ``1 - S_model / S_reference``.

Source for the scores and their propriety: T. Gneiting and A. E. Raftery (2007), "Strictly
proper scoring rules, prediction, and estimation", JASA 102(477):359-378 (CRPS: eq. 20-21 and
the kernel form of §4.2; Brier and the ranked probability score: §4.1 and §4.2; logarithmic
score: §3.2). PIT and central-interval coverage: T. Gneiting, F. Balabdaoui and A. E. Raftery
(2007), "Probabilistic forecasts, calibration and sharpness", JRSS B 69(2):243-268.
Block bootstrap and the Diebold-Mariano statistic: F. X. Diebold and R. S. Mariano (1995),
"Comparing predictive accuracy", JBES 13(3):253-263, applied to member-mean score differences.
"""
from __future__ import annotations

import math

import numpy as np

LOG_FLOOR = 1e-3          # probability floor of the binned log score
LOG_BIN_PP = 0.1          # bin width of the binned log score, percentage points
_BIN_EPS = 1e-9           # guards floor() against 2.0/0.1 = 19.999... style rounding
N_BOOT = 10_000
BOOT_SEED = 20140905


def _as_samples(samples, y):
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 0:
        raise ValueError("samples need a last (sample) axis")
    yy = np.broadcast_to(np.asarray(y, dtype=np.float64), x.shape[:-1])
    return x, yy


# --- continuous ranked probability score ----------------------------------------------------

def crps_samples(samples, y):
    """CRPS of the empirical distribution of ``samples`` (last axis) at the outcome ``y``.

        CRPS(F, y) = E|X - y| - 1/2 E|X - X'|,   X, X' ~ F independent   (G&R 2007, eq. 21)

    F is the empirical distribution of the n samples (the exact CRPS of that step function,
    i.e. the "V-statistic" with 1/n^2; it equals the integral of (F(x) - 1{x >= y})^2 dx).
    With the samples sorted, x_(1) <= ... <= x_(n),

        E|X - X'| = (2 / n^2) * sum_i (2i - n - 1) x_(i),

    so the score costs one sort, O(n log n) per forecast. Examples: samples {0, 1}, y = 0.5 ->
    0.5 - 0.25 = 0.25; a single sample x -> |x - y| (the absolute error). Units are those of y.
    """
    x, yy = _as_samples(samples, y)
    n = x.shape[-1]
    xs = np.sort(x, axis=-1)
    e_abs = np.mean(np.abs(xs - yy[..., None]), axis=-1)
    w = (2.0 * np.arange(1, n + 1) - n - 1.0)
    e_pair = 2.0 * (xs @ w) / (n * n)
    return e_abs - 0.5 * e_pair


def rps_count_samples(samples, y):
    """Ranked probability score of an integer-valued forecast (a count) from samples of it.

        RPS(F, y) = sum_k (F(k) - 1{y <= k})^2,   k over the integers        (G&R 2007, §4.2)

    F(k) = fraction of samples <= k. For integer-valued F and y this is exactly the CRPS
    (the integrand is constant between integers), so it equals ``crps_samples`` on the same
    samples; it is computed from the pmf here. Unnormalised (not divided by the number of
    categories), so it is in units of the count, like a CRPS.
    """
    x, yy = _as_samples(samples, y)
    if np.any(x != np.round(x)) or np.any(yy != np.round(yy)):
        raise ValueError("rps_count_samples: counts must be integers")
    xi = x.astype(np.int64)
    yi = yy.astype(np.int64)
    lo = int(min(xi.min(), yi.min()))
    hi = int(max(xi.max(), yi.max()))
    k = np.arange(lo, hi + 1)
    n = x.shape[-1]
    flat = xi.reshape(-1, n) - lo
    pmf = np.stack([np.bincount(r, minlength=len(k)) for r in flat]) / n
    cdf = np.cumsum(pmf, axis=-1).reshape(x.shape[:-1] + (len(k),))
    step = (yy[..., None] <= k).astype(np.float64)
    return np.sum((cdf - step) ** 2, axis=-1)


# --- binary events ----------------------------------------------------------------------------

def brier(p, o):
    """Brier score of a probability forecast p of a binary event o in {0, 1}:

        BS(p, o) = (p - o)^2                                              (G&R 2007, §4.1)

    Elementwise; average over forecasts for the mean Brier score.
    """
    p = np.asarray(p, dtype=np.float64)
    o = np.asarray(o, dtype=np.float64)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("brier: probabilities must be in [0, 1]")
    return (p - o) ** 2


def skill(score, score_ref):
    """Skill score  SS = 1 - mean(score) / mean(score_ref)  (positive = better than the
    reference; 1 = perfect; used for CRPS skill and Brier skill alike). NaNs are dropped pairwise.
    """
    s = np.asarray(score, dtype=np.float64).ravel()
    r = np.asarray(score_ref, dtype=np.float64).ravel()
    ok = np.isfinite(s) & np.isfinite(r)
    return float(1.0 - s[ok].mean() / r[ok].mean())


def brier_skill(p, o, p_ref):
    """Brier skill score vs a reference forecast p_ref:  BSS = 1 - mean BS(p, o) / mean BS(p_ref, o)."""
    return skill(brier(p, o), brier(p_ref, o))


def event_prob(samples, threshold):
    """P(X >= threshold) from samples (last axis)."""
    return np.mean(np.asarray(samples) >= threshold, axis=-1)


# --- logarithmic score of a binned share ------------------------------------------------------

def share_bin(x, width=LOG_BIN_PP):
    """Bin index k of a share x: the bin is [k*width, (k+1)*width) (left-closed)."""
    return np.floor(np.asarray(x, dtype=np.float64) / width + _BIN_EPS).astype(np.int64)


def log_score_binned(samples, y, width=LOG_BIN_PP, floor=LOG_FLOOR):
    """Logarithmic score of the binned share:

        LS(F, y) = -ln max(p_k(y), floor),   p_k = P(X in the bin [k w, (k+1) w) holding y)
                                                                             (G&R 2007, §3.2)

    with w = 0.1 pp and floor = 1e-3 (the floor keeps a forecast that put no sample in the
    outcome's bin finite: at most -ln 1e-3 = 6.91). Natural log; lower is better.
    """
    x, yy = _as_samples(samples, y)
    kx = share_bin(x, width)
    ky = share_bin(yy, width)
    p = np.mean(kx == ky[..., None], axis=-1)
    return -np.log(np.maximum(p, floor))


# --- calibration --------------------------------------------------------------------------------

def pit(samples, y, method="mid", rng=None):
    """Probability integral transform of y under the sample distribution (last axis).

    With F(y-) = P(X < y) and F(y) = P(X <= y):
      * ``method="mid"`` (default, deterministic): mid-rank PIT = (F(y-) + F(y)) / 2, i.e.
        ties between y and samples count one half;
      * ``method="random"``: randomised PIT = F(y-) + V (F(y) - F(y-)), V ~ U(0, 1) from
        ``rng`` (a numpy Generator; needed for discrete forecasts such as counts).
    Continuous forecasts have (almost) no ties, and both are then P(X < y). A calibrated
    forecast has uniform PITs (Gneiting, Balabdaoui & Raftery 2007).
    """
    x, yy = _as_samples(samples, y)
    below = np.mean(x < yy[..., None], axis=-1)
    at_or_below = np.mean(x <= yy[..., None], axis=-1)
    if method == "mid":
        return 0.5 * (below + at_or_below)
    if method == "random":
        if rng is None:
            raise ValueError("pit(method='random') needs rng")
        return below + rng.uniform(size=below.shape) * (at_or_below - below)
    raise ValueError(f"pit: unknown method {method!r}")


def pit_histogram(pits, bins=10):
    """Counts of PIT values in ``bins`` equal bins of [0, 1] (the last bin closed)."""
    v = np.asarray(pits, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    counts, _ = np.histogram(v, bins=bins, range=(0.0, 1.0))
    return counts


def central_interval(samples, level):
    """Central ``level`` interval of the samples: the (1-level)/2 and (1+level)/2 empirical
    quantiles (numpy's default linear interpolation)."""
    x = np.asarray(samples, dtype=np.float64)
    a = round((1.0 - level) / 2.0, 12)        # 0.05, not 0.04999999999999999
    q = np.quantile(x, [a, 1.0 - a], axis=-1)
    return q[0], q[1]


def covered(samples, y, level):
    """1 if y lies in the central ``level`` interval of the samples (closed), else 0 (float)."""
    x, yy = _as_samples(samples, y)
    lo, hi = central_interval(x, level)
    return ((lo <= yy) & (yy <= hi)).astype(np.float64)


# --- uncertainty of a skill score ---------------------------------------------------------------

def _block_sums(values, blocks):
    v = np.asarray(values, dtype=np.float64).ravel()
    b = np.asarray(blocks).ravel()
    if v.shape != b.shape:
        raise ValueError("values and blocks must have the same number of elements")
    labels, inv = np.unique(b, return_inverse=True)
    sums = np.bincount(inv, weights=v, minlength=len(labels))
    counts = np.bincount(inv, minlength=len(labels)).astype(np.float64)
    return labels, sums, counts


def block_bootstrap_skill(score, score_ref, blocks, n_boot=N_BOOT, seed=BOOT_SEED, level=0.95):
    """Skill 1 - mean(score)/mean(score_ref) with a block-bootstrap percentile interval.

    ``score``, ``score_ref``: per-forecast scores (same shape); ``blocks``: the block label of
    each forecast (the member: every year, and every origin, of a member stay together, since
    they share that member's errors). Each resample draws as many blocks as there are, with
    replacement (``n_boot`` resamples, default 10,000, numpy Generator seeded with ``seed``),
    and recomputes the skill from the resampled blocks' score sums. Returns the point skill, the
    ``level`` percentile interval, the share of resamples with skill > 0 and the number of
    blocks. Deterministic for a given seed.
    """
    s = np.asarray(score, dtype=np.float64).ravel()
    r = np.asarray(score_ref, dtype=np.float64).ravel()
    bl = np.asarray(blocks).ravel()
    ok = np.isfinite(s) & np.isfinite(r)
    labels, ss, _ = _block_sums(s[ok], bl[ok])
    _, rs, _ = _block_sums(r[ok], bl[ok])
    nb = len(labels)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, nb, size=(n_boot, nb))
    sk = 1.0 - ss[idx].sum(axis=1) / rs[idx].sum(axis=1)
    a = (1.0 - level) / 2.0 * 100.0
    lo, hi = np.percentile(sk, [a, 100.0 - a])
    return {"skill": float(1.0 - ss.sum() / rs.sum()), "lo": float(lo), "hi": float(hi),
            "p_skill_positive": float(np.mean(sk > 0)), "blocks": int(nb),
            "n_boot": int(n_boot), "seed": int(seed), "level": level}


def diebold_mariano(score, score_ref, blocks):
    """Paired Diebold-Mariano-style test on block-mean score differences.

    d_b = mean over block b of (score - score_ref) (negative = the forecast beats the reference);
    DM = mean(d) / (sd(d) / sqrt(B)), B blocks (members). Blocks are treated as independent,
    which the common shocks of one history violate, so read the p-value as optimistic. Two-sided
    p-value from the standard normal (with B = 27 a t(26) reference would give a slightly larger
    p), and a Monte Carlo sign-flip p-value (10,000 random sign flips of the d_b, seeded) that
    does not assume normality.
    """
    s = np.asarray(score, dtype=np.float64).ravel()
    r = np.asarray(score_ref, dtype=np.float64).ravel()
    bl = np.asarray(blocks).ravel()
    ok = np.isfinite(s) & np.isfinite(r)
    _, ds, cnt = _block_sums(s[ok] - r[ok], bl[ok])
    d = ds / cnt
    nb = len(d)
    mean = float(d.mean())
    sd = float(d.std(ddof=1)) if nb > 1 else float("nan")
    if not nb > 1 or sd == 0.0:
        stat = float("nan")
        p_norm = float("nan")
    else:
        stat = mean / (sd / math.sqrt(nb))
        p_norm = math.erfc(abs(stat) / math.sqrt(2.0))
    rng = np.random.default_rng(BOOT_SEED)
    flips = rng.choice([-1.0, 1.0], size=(N_BOOT, nb))
    null = np.abs((flips * d).mean(axis=1))
    p_flip = float((np.sum(null >= abs(mean) - 1e-15) + 1) / (N_BOOT + 1))
    return {"mean_diff": mean, "sd_diff": sd, "blocks": nb, "dm_stat": stat,
            "p_normal": p_norm, "p_sign_flip": p_flip}
