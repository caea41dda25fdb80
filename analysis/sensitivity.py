"""Variance-based global sensitivity (Sobol indices) from a `simulate explore --design saltelli`
file (docs/EXPLORE.md).

    /usr/bin/python3 -m analysis.sensitivity OUT.h5 [--outcome NAME ...] [--bootstrap 1000]

With f_A, f_B, f_ABi the outcome on the base rows of matrices A, B and AB_i (A with column i from
B), and V the variance of f_A and f_B pooled:
  first order  S_i  = mean(f_B (f_ABi - f_A)) / V          (Saltelli et al. 2010, Comput. Phys.
                                                            Commun. 181:259-270, eq. (b) of table 2)
  total effect ST_i = mean((f_A - f_ABi)^2) / (2 V)        (Jansen 1999)
(outcomes centred on the pooled mean of f_A and f_B first, which leaves both unbiased).
Confidence intervals: percentile bootstrap over the base rows (the rows of A, B and every AB_i
are resampled together). Each experiment's outcome also carries Monte Carlo noise from its
finite trials; `mc_noise_share` = mean(se^2) / V is the share of V that noise alone explains
(an upper bound: with common random numbers much of the noise is shared by all experiments and
cancels in the differences the indices are built from; a share near or above 1 means the outcome
barely moves with the varied keys at this number of trials).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

from analysis.explore_io import OUTCOMES, read_exploration


def sobol_indices(f_a, f_b, f_ab):
    """First-order and total indices from f_A (N), f_B (N) and f_AB (k x N)."""
    f_a, f_b, f_ab = np.asarray(f_a, float), np.asarray(f_b, float), np.asarray(f_ab, float)
    pooled = np.concatenate([f_a, f_b])
    v = np.var(pooled, ddof=1)
    # Centring leaves both estimators unbiased (E[f_ABi - f_A] = 0) and keeps S_i stable when the
    # mean is large against the spread.
    mean = pooled.mean()
    f_a, f_b, f_ab = f_a - mean, f_b - mean, f_ab - mean
    if not np.isfinite(v) or v <= 0:
        nan = np.full(f_ab.shape[0], np.nan)
        return nan, nan.copy()
    first = np.mean(f_b * (f_ab - f_a), axis=1) / v
    total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=1) / v
    return first, total


def bootstrap(f_a, f_b, f_ab, draws=1000, level=0.95, seed=0):
    """Percentile intervals (lo, hi) of S_i and ST_i, resampling base rows: (2, k) arrays each."""
    rng = np.random.default_rng(seed)
    n = len(f_a)
    firsts, totals = [], []
    for _ in range(draws):
        j = rng.integers(0, n, n)
        s, t = sobol_indices(f_a[j], f_b[j], f_ab[:, j])
        firsts.append(s)
        totals.append(t)
    q = [(1 - level) / 2, (1 + level) / 2]
    return np.nanquantile(firsts, q, axis=0), np.nanquantile(totals, q, axis=0)


def split_matrices(exploration, y):
    """f_A, f_B, f_AB (k x N) from the Saltelli blocks of the file."""
    blocks, rows = exploration.saltelli_matrix, exploration.base_row
    if blocks is None:
        raise ValueError(f"{exploration.path}: not a Saltelli design (run simulate explore "
                         "--design saltelli)")
    k, n = len(exploration.keys), int(rows.max()) + 1
    out = np.full((k + 2, n), np.nan)
    out[blocks, rows] = y
    return out[0], out[1], out[2:]


def analyse(exploration, outcome, draws=1000, seed=0, level=0.95):
    y = exploration.column(outcome)
    f_a, f_b, f_ab = split_matrices(exploration, y)
    first, total = sobol_indices(f_a, f_b, f_ab)
    v = np.var(np.concatenate([f_a, f_b]), ddof=1)
    if v > 0:
        ci_first, ci_total = bootstrap(f_a, f_b, f_ab, draws, level, seed)
    else:  # constant across experiments: no indices, nothing to resample
        ci_first, ci_total = np.full((2, len(first)), np.nan), np.full((2, len(first)), np.nan)
    name, bracket, member = outcome.partition("[")
    se_column = name.strip() + "_se" + bracket + member
    noise = np.nan
    if name.strip() + "_se" in exploration.variables and v > 0:
        noise = float(np.nanmean(exploration.column(se_column) ** 2) / v)
    return {"outcome": outcome, "first": first, "total": total, "ci_first": ci_first,
            "ci_total": ci_total, "variance": v, "mc_noise_share": noise}


def format_table(exploration, result):
    if not result["variance"] > 0:
        return (f"{result['outcome']}: the same in every experiment; no indices "
                "(the varied keys do not move it over these ranges)")
    lines = [f"{result['outcome']}: variance over experiments {result['variance']:.4g}"
             + ("" if np.isnan(result["mc_noise_share"])
                else f", Monte Carlo noise share {result['mc_noise_share']:.3f}")]
    width = max(len(k) for k in exploration.keys)
    lines.append(f"  {'key':<{width}}  {'S_i':>6} {'95% CI':>17}  {'ST_i':>6} {'95% CI':>17}")
    order = np.argsort(-np.nan_to_num(result["total"], nan=-1))
    for i in order:
        s, t = result["first"][i], result["total"][i]
        cs, ct = result["ci_first"][:, i], result["ci_total"][:, i]
        lines.append(f"  {exploration.keys[i]:<{width}}  {s:6.3f} [{cs[0]:6.3f}, {cs[1]:6.3f}]  "
                     f"{t:6.3f} [{ct[0]:6.3f}, {ct[1]:6.3f}]")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m analysis.sensitivity", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", help="file of simulate explore --design saltelli")
    p.add_argument("--outcome", action="append",
                   help=f"column (default: {', '.join(OUTCOMES)}); per member NAME[ISO3]")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap draws (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    a = p.parse_args(argv)
    try:
        e = read_exploration(a.results)
        n = int(e.base_row.max()) + 1 if e.base_row is not None else 0
        print(f"{a.results}: {e.design} design, {len(e.keys)} keys, {n} base rows, "
              f"{e.attrs.get('experiments')} experiments x {e.attrs.get('trials')} trials\n")
        for outcome in a.outcome or OUTCOMES:
            print(format_table(e, analyse(e, outcome, a.bootstrap, a.seed)) + "\n")
    except (OSError, ValueError, KeyError) as err:
        print(f"analysis.sensitivity: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
