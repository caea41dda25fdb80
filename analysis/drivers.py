"""Which sampled inputs drive an outcome, from the per-trial `/trials` group.

Per trial we derive inputs (over the simulated years start_year+1 .. target_year):
  growth     mean realised real GDP growth of each member, %, and the alliance's GDP-weighted mean
  will       mean political will of each member (0-1; partly a result of the shocks below)
  gov        number of government changes of each member
  reclass    whether the member re-counted spending (reclassification) at least once (0/1)
  recession  number of alliance-wide recession years
  threat     sum of threat shocks (logit units; 0 = none)
(members without armed forces contribute no inputs and no GDP weight), and outcomes in the
target year:
  alliance   alliance core share >= core target (binary; as the model judged it:
             /trials/alliance_at_core_target, "meets" = >= target - 0.005 pp)
  count      number of members at the core target (0 .. members)
  member     the chosen member's core share >= core target (binary)

Method: Spearman's rank correlation rho of each input with the outcome (average ranks for ties;
for a binary outcome this is the point-biserial correlation of the input's ranks with the
outcome). 95 % intervals: percentile bootstrap over trials, B resamples (seeded). Each resample
reweights the trials by their multiplicity and recomputes the Pearson correlation of the
full-sample ranks; re-ranking inside each resample would change rho by O(1/n).

Memory stays bounded: /trials is read in blocks of io.TRIALS_BLOCK trials, and at most
`max_trials` trials (the first ones; trials are independent) enter the analysis.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata

from analysis import io

MAX_TRIALS = 100_000
RESAMPLES = 200
SEED = 20250625
NEEDED = ["growth", "will", "government_change", "reclassified", "recession", "threat",
          "at_core_target", "alliance_at_core_target"]


@dataclass
class DriverData:
    labels: list          # input labels
    X: np.ndarray         # (n, inputs) float64
    outcomes: dict        # key -> (label, y (n,), binary)
    n: int
    years: tuple          # (first, last) simulated year averaged over


@dataclass
class Ranking:
    outcome: str
    label: str
    binary: bool
    mean: float           # P(outcome) for a binary outcome, else its mean
    labels: list
    rho: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    n: int
    resamples: int


def derive(path, info, member: str, max_trials: int = MAX_TRIALS,
           block: int = io.TRIALS_BLOCK) -> DriverData:
    layout = io.trials_layout(path)
    if member not in layout.members:
        raise ValueError(f"{path}: member {member} not in /trials (have "
                         f"{', '.join(layout.members)})")
    years = layout.years
    ty = int(np.clip(info.target_year, years.min(), years.max()))
    sim = np.nonzero((years > years.min()) & (years <= ty))[0]
    if sim.size == 0:
        sim = np.nonzero(years <= ty)[0]
    t = int(np.nonzero(years == ty)[0][0])
    mi = layout.members.index(member)
    armed, gdp = io.trials_members(path, layout)
    if not armed[mi]:
        raise ValueError(f"{path}: member {member} has no armed forces")
    w = (gdp if gdp is not None else np.ones(len(armed))) * armed
    w = w / w.sum()
    parts, ys = [], {"alliance": [], "count": [], "member": []}
    for b in io.iter_trial_blocks(path, NEEDED, block=block, limit=max_trials):
        g = b["growth"][:, :, sim].astype(np.float64).mean(axis=2)
        will = b["will"][:, :, sim].astype(np.float64).mean(axis=2)  # NaN: no armed forces
        cols = [g, (g * w).sum(axis=1, keepdims=True), will,
                b["government_change"][:, :, sim].sum(axis=2, dtype=np.float64),
                b["reclassified"][:, :, sim].any(axis=2).astype(np.float64),
                b["recession"][:, sim].sum(axis=1, dtype=np.float64)[:, None],
                b["threat"][:, sim].astype(np.float64).sum(axis=1)[:, None]]
        parts.append(np.hstack(cols))
        at = b["at_core_target"][:, :, t].astype(bool)  # the model's verdicts
        ys["alliance"].append(b["alliance_at_core_target"][:, t].astype(bool))
        ys["count"].append(at[:, armed].sum(axis=1))
        ys["member"].append(at[:, mi])
    span = f"{years[sim[0]]}-{str(years[sim[-1]])[-2:]}"
    m = layout.members
    labels = ([f"{c} growth (mean {span}, %)" for c in m] +
              [f"alliance growth (GDP-weighted, mean {span}, %)"] +
              [f"{c} will (mean {span}, 0-1)" for c in m] +
              [f"{c} government changes (count)" for c in m] +
              [f"{c} reclassified (0/1)" for c in m] +
              [f"recession years (count, {span})", f"threat shocks (sum, logit, {span})"])
    X = np.vstack(parts) if parts else np.zeros((0, len(labels)))
    mem = len(m)  # leave out every input of a member without armed forces
    unarmed = [k for k in range(mem) if not armed[k]]
    drop = {off + k for k in unarmed for off in (0, mem + 1, 2 * mem + 1, 3 * mem + 1)}
    keep = [j for j in range(len(labels)) if j not in drop]
    X, labels = X[:, keep], [labels[j] for j in keep]
    core_t = info.core_target_pct
    outcomes = {
        "alliance": (f"alliance core share >= {core_t:g} % of GDP in {ty}",
                     np.concatenate(ys["alliance"]).astype(float), True),
        "count": (f"number of members at core >= {core_t:g} % in {ty}",
                  np.concatenate(ys["count"]).astype(float), False),
        "member": (f"{member} core share >= {core_t:g} % of GDP in {ty}",
                   np.concatenate(ys["member"]).astype(float), True),
    }
    return DriverData(labels, X, outcomes, X.shape[0], (int(years[sim[0]]), int(years[sim[-1]])))


def _usable(X):
    finite = np.isfinite(X).all(axis=0)
    spread = np.zeros(X.shape[1], dtype=bool)
    spread[finite] = X[:, finite].min(axis=0) < X[:, finite].max(axis=0)
    return np.nonzero(finite & spread)[0]


def spearman_bootstrap(X, y, resamples: int = RESAMPLES, seed: int = SEED,
                       col_chunk: int = 16, batch: int = 25):
    """Spearman rho of each column of X with y, and percentile-bootstrap 95 % intervals.
    Returns (rho, lo, hi), each of length X.shape[1]; NaN where undefined."""
    n, p = X.shape
    nan = np.full(p, np.nan)
    if n < 3 or np.all(y == y[0]):
        return nan, nan.copy(), nan.copy()
    ry = rankdata(y) - (n + 1) / 2.0
    rng = np.random.default_rng(seed)
    counts = np.empty((resamples, n), dtype=np.uint8)
    for b in range(resamples):
        counts[b] = np.minimum(np.bincount(rng.integers(0, n, n), minlength=n), 255)
    rho, boot = nan.copy(), np.full((resamples, p), np.nan)
    for c0 in range(0, p, col_chunk):
        R = rankdata(X[:, c0:c0 + col_chunk], axis=0) - (n + 1) / 2.0
        k = R.shape[1]
        rho[c0:c0 + k] = (R * ry[:, None]).sum(0) / np.sqrt((R * R).sum(0) * (ry * ry).sum())
        M = np.hstack([R, R * R, R * ry[:, None], ry[:, None], (ry * ry)[:, None]])
        for b0 in range(0, resamples, batch):
            W = counts[b0:b0 + batch].astype(np.float64)
            S = (W @ M) / W.sum(axis=1, keepdims=True)
            mx, mxx, mxy = S[:, :k], S[:, k:2 * k], S[:, 2 * k:3 * k]
            my, myy = S[:, 3 * k:3 * k + 1], S[:, 3 * k + 1:]
            with np.errstate(invalid="ignore", divide="ignore"):
                boot[b0:b0 + batch, c0:c0 + k] = (mxy - mx * my) / np.sqrt(
                    (mxx - mx * mx) * (myy - my * my))
    with np.errstate(invalid="ignore"):
        lo, hi = np.nanpercentile(boot, [2.5, 97.5], axis=0)
    return rho, lo, hi


def rank_drivers(data: DriverData, outcome: str, resamples: int = RESAMPLES,
                 seed: int = SEED) -> Ranking:
    label, y, binary = data.outcomes[outcome]
    keep = _usable(data.X)
    rho, lo, hi = spearman_bootstrap(data.X[:, keep], y, resamples, seed)
    return Ranking(outcome, label, binary, float(y.mean()) if y.size else float("nan"),
                   [data.labels[i] for i in keep], rho, lo, hi, data.n, resamples)


def top(ranking: Ranking, k: int = 15):
    """Indices of the k inputs with the largest |rho|, largest first."""
    order = np.argsort(-np.nan_to_num(np.abs(ranking.rho), nan=-1.0), kind="stable")
    return [int(i) for i in order[:k] if np.isfinite(ranking.rho[i])]


def write_csv(rankings, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("outcome,input,rho,lo95,hi95\n")
        for r in rankings:
            for i in top(r, len(r.labels)):
                f.write(f"\"{r.label}\",\"{r.labels[i]}\",{r.rho[i]:.4f},{r.lo[i]:.4f},"
                        f"{r.hi[i]:.4f}\n")
