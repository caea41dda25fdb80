"""PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), as used for scenario
discovery by Bryant & Lempert (2010, Technometrics 52(1):34-49).

Given inputs X (n x k) and a boolean outcome y, find a box (an interval per input) where y holds
often (density = mean of y inside) that still holds many of the cases of interest (coverage =
share of all y = True inside). Peeling removes, at each step, the alpha-quantile slice off one
face of the box: the slice whose removal gives the highest density. It stops when the box holds
fewer than `min_support` of the points. The boxes along the way form the peeling trajectory, the
coverage/density trade-off curve an analyst chooses from. Pasting then widens the chosen box
face by face (alpha slices of the points just outside) while density does not fall.

Quasi-p-value of a restricted input (Bryant & Lempert 2010, sec. 4): the one-sided binomial
probability of seeing at least the box's count of cases among its points if the density were
that of the box with this input's restriction lifted.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import binom


@dataclass
class Box:
    low: np.ndarray
    high: np.ndarray
    coverage: float = 0.0
    density: float = 0.0
    support: float = 0.0   # share of all points inside
    mass: int = 0          # points inside

    def inside(self, x):
        return np.all((x >= self.low) & (x <= self.high), axis=1)


def _stats(box, x, y):
    inside = box.inside(x)
    n_in = int(inside.sum())
    hits = int(y[inside].sum())
    box.mass = n_in
    box.support = n_in / len(y)
    box.coverage = hits / max(int(y.sum()), 1)
    box.density = hits / n_in if n_in else 0.0
    return box


def _candidates(box, x, alpha):
    """Boxes one alpha-peel smaller: lower and upper face of every input."""
    inside = box.inside(x)
    xin = x[inside]
    n = len(xin)
    out = []
    for j in range(x.shape[1]):
        v = np.sort(xin[:, j])
        drop = max(1, int(np.floor(alpha * n)))
        if drop >= n:
            continue
        low_cut = v[drop]               # keep x >= low_cut
        if low_cut > v[0]:
            b = Box(box.low.copy(), box.high.copy())
            b.low[j] = low_cut
            out.append(b)
        high_cut = v[n - 1 - drop]      # keep x <= high_cut
        if high_cut < v[-1]:
            b = Box(box.low.copy(), box.high.copy())
            b.high[j] = high_cut
            out.append(b)
    return out


def peel(x, y, alpha=0.05, min_support=0.05):
    """The peeling trajectory: boxes from the whole data down to min_support."""
    x, y = np.asarray(x, float), np.asarray(y, bool)
    box = _stats(Box(x.min(axis=0), x.max(axis=0)), x, y)
    trajectory = [box]
    while True:
        best = None
        for c in _candidates(box, x, alpha):
            _stats(c, x, y)
            if c.support < min_support or c.mass == 0:
                continue
            if best is None or c.density > best.density or (
                    c.density == best.density and c.mass > best.mass):
                best = c
        if best is None:
            return trajectory
        box = best
        trajectory.append(box)


def paste(box, x, y, alpha=0.05):
    """Widens faces by alpha slices of the points just outside while density does not fall."""
    x, y = np.asarray(x, float), np.asarray(y, bool)
    lo_all, hi_all = x.min(axis=0), x.max(axis=0)
    box = _stats(Box(box.low.copy(), box.high.copy()), x, y)
    while True:
        best = None
        for j in range(x.shape[1]):
            others = np.all(np.delete((x >= box.low) & (x <= box.high), j, axis=1), axis=1)
            add = max(1, int(np.floor(alpha * box.mass)))
            below = np.sort(x[others & (x[:, j] < box.low[j]), j])[::-1]
            above = np.sort(x[others & (x[:, j] > box.high[j]), j])
            for side, pts in (("low", below), ("high", above)):
                if len(pts) == 0:
                    continue
                c = Box(box.low.copy(), box.high.copy())
                edge = pts[min(add, len(pts)) - 1]
                if side == "low":
                    c.low[j] = lo_all[j] if add >= len(pts) else edge
                else:
                    c.high[j] = hi_all[j] if add >= len(pts) else edge
                _stats(c, x, y)
                if c.density >= box.density and (best is None or c.density > best.density):
                    best = c
        if best is None:
            return box
        box = best


def choose(trajectory, threshold=0.8):
    """The box of highest coverage with density >= threshold, else the densest."""
    ok = [b for b in trajectory if b.density >= threshold]
    if ok:
        return max(ok, key=lambda b: (b.coverage, b.density))
    return max(trajectory, key=lambda b: (b.density, b.coverage))


def restricted(box, x):
    """Indices of the inputs the box restricts (limits inside the data's range)."""
    x = np.asarray(x, float)
    return [j for j in range(x.shape[1])
            if box.low[j] > x[:, j].min() or box.high[j] < x[:, j].max()]


def quasi_p_values(box, x, y):
    """Per restricted input: P(Binomial(mass, density with the restriction lifted) >= hits)."""
    x, y = np.asarray(x, float), np.asarray(y, bool)
    hits = int(round(box.density * box.mass))
    out = {}
    for j in restricted(box, x):
        lifted = Box(box.low.copy(), box.high.copy())
        lifted.low[j], lifted.high[j] = x[:, j].min(), x[:, j].max()
        _stats(lifted, x, y)
        out[j] = float(binom.sf(hits - 1, box.mass, lifted.density))
    return out


def prune(box, x, y, p_max=0.05, max_density_loss=0.02):
    """Lifts, one at a time (least significant first), the restrictions whose quasi-p-value is
    >= p_max and whose lifting lowers the density by at most max_density_loss: inputs the box
    barely restricts read as conditions they are not (Bryant & Lempert 2010 drop such inputs),
    while with few experiments a decisive restriction can still have a large quasi-p-value."""
    x, y = np.asarray(x, float), np.asarray(y, bool)
    box = _stats(Box(box.low.copy(), box.high.copy()), x, y)
    while True:
        candidates = []
        for j, p in quasi_p_values(box, x, y).items():
            if p < p_max:
                continue
            lifted = Box(box.low.copy(), box.high.copy())
            lifted.low[j], lifted.high[j] = x[:, j].min(), x[:, j].max()
            _stats(lifted, x, y)
            if lifted.density >= box.density - max_density_loss:
                candidates.append((p, j, lifted))
        if not candidates:
            return box
        box = max(candidates, key=lambda c: (c[0], -c[1]))[2]
