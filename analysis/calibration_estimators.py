"""Estimators behind analysis/calibrate.py: pure functions of the data, no file I/O.

Notation: g_{i,t} is member i's real GDP growth (% per year) in year t of the calibration window
W = [first data year, start_year - 1]; R is the set of alliance-wide recession years in W, and
N = W \\ R the normal years. The model (models/growth.h, docs/MODEL.md §1) is

    a_t = mu + phi (a_{t-1} - mu) + sigma sqrt(1 - phi^2) (sqrt(lambda) c_t + sqrt(1 - lambda) e_t)
    g_t = a_t - R_t d

so in normal years g_t = a_t (stationary mean mu, sd sigma, lag-1 autocorrelation phi) and in
recession years g_t = a_t - d. The estimators below are the sample analogues of exactly these
moments; each is consistent when the data come from the model (tests/python/test_calibration.py
recovers known parameters from a simulated panel).

1. Recession years:  t in R  iff  more than half of the members with data have g_{i,t} < 0.
   (2000-2024: 2009 and 2020, each with 30 of 32 members negative; no other year has more than
   14.) recession_prob = |R| / |W|.
2. mean_pct            mu_i    = mean of g_{i,t} over t in N.
3. sd_pct              sigma_i = sample sd (n - 1) of g_{i,t} over t in N.
4. persistence         with x_t = g_{i,t} - mu_i and P = {t : t, t-1 both in N}:
                       phi_raw = sum_P x_t x_{t-1} / sum_P x_{t-1}^2   (OLS about mu_i),
                       phi     = clip(phi_raw, 0, 0.9).
                       No small-sample correction: Kendall's bias, about -(1 + 3 phi) / |P|
                       (~ -0.1 with |P| ~ 20), is of the same size as the upward bias from the
                       mean shifts in these data (pre-2008 catch-up booms, Greece's 2008-13
                       depression) that AR(1) reads as persistence; correcting one without the
                       other pushed Bulgaria to the 0.9 clip and Greece, Albania and Spain
                       above 0.8.
5. recession_depth_pct d_i = mean over t in R of (mu_i - g_{i,t}), floored at 0.
   Consequence: mu_i - (|R|/|W|) d_i equals the plain mean over all of W exactly, so the model's
   long-run expected growth matches the data's.
6. common_loading      standardised AR(1) innovations u_{i,t} = (x_t - phi x_{t-1}) /
                       (sigma_i sqrt(1 - phi^2)) for t in P; f_{-i,t} = mean over j != i of
                       u_{j,t} (leave-one-out alliance factor, years where every member has
                       u); rho_i = corr_t(u_i, f_{-i}). In the one-factor model
                       u_j = b_j c + sqrt(1 - b_j^2) e_j, rho_i = b_i sqrt(r_i) with the
                       reliability of the factor proxy
                       r_i = bbar_{-i}^2 / (bbar_{-i}^2 + sum_{j != i} (1 - b_j^2) / (n - 1)^2);
                       b is solved from b_i = clip(rho_i / sqrt(r_i(b)), 0, 1) by fixed-point
                       iteration from b = rho, and lambda_i = b_i^2. (With no common factor
                       at all the correction is weakly identified and gives lambda up to ~0.05
                       instead of 0; in these data the mean rho is ~0.6, far from that case.)
7. last_growth_pct     g_{i, start_year - 1}, as observed.
8. growth_tail_dof     pooled excess kurtosis k of the u_{i,t} (each member's u standardised by
                       its own sample mean and sd). Standardising within short samples biases k
                       down, so k is compared with its Monte Carlo expectation under unit
                       Student-t innovations of each candidate dof (same member sample sizes,
                       fixed seed); the candidate with the nearest expectation is chosen
                       (0 = normal).

Absorption cap (spending.max_rise_pp_per_year), from one NATO release of defence shares s_y:
   r_y = s_y - s_{y-1} for consecutive years of that release before the start year; drop recession
   years (a GDP fall raises the ratio without a decision: 2020) and one-off payments (r_y >= 0.3
   reversed by at least half the next year: Bulgaria's 2019 F-16 payment); cap = mean of the two
   largest remaining rises, rounded to 0.01 and clipped to [0.15, 1.1] pp per year
   (docs/POLICY.md §5.2: typical 0.1-0.3, frontline up to ~1.0, ceiling ~1.1). If the announced
   plan asks for a larger step in the first decided year (start_year + 1), that year's budget is
   already adopted law, and the cap is raised to that step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

PERSISTENCE_MAX = 0.9
CAP_MIN_PP = 0.15
CAP_MAX_PP = 1.1
ONE_OFF_MIN_PP = 0.3
TAIL_DOF_CANDIDATES = (4, 6, 8, 10, 12, 16, 24, 32, 64, 0)
TAIL_DOF_REPS = 400
TAIL_DOF_SEED = 20250625


def recession_years(panel: dict[str, dict[int, float]], years: list[int]) -> list[int]:
    """Years in which more than half the members with data had negative growth."""
    out = []
    for y in years:
        values = [s[y] for s in panel.values() if y in s]
        if values and 2 * sum(v < 0 for v in values) > len(values):
            out.append(y)
    return out


@dataclass
class MemberGrowth:
    mean_pct: float
    sd_pct: float
    persistence: float
    persistence_raw: float
    recession_depth_pct: float
    normal_years: int
    pairs: int
    innovations: dict[int, float] = field(default_factory=dict)  # year -> standardised u


def member_growth(series: dict[int, float], years: list[int], recession: list[int]) -> MemberGrowth:
    """Estimators 2-5 for one member; `series` maps year to growth %, `years` is the window."""
    rec = set(recession)
    normal = [y for y in years if y in series and y not in rec]
    if len(normal) < 5:
        raise ValueError(f"only {len(normal)} normal years of growth data; need at least 5")
    x = np.array([series[y] for y in normal])
    mu = float(x.mean())
    sd = float(x.std(ddof=1))
    normal_set = set(normal)
    pairs = [y for y in normal if y - 1 in normal_set]
    prev = np.array([series[y - 1] - mu for y in pairs])
    curr = np.array([series[y] - mu for y in pairs])
    phi_raw = float((prev * curr).sum() / (prev * prev).sum())
    phi = min(max(phi_raw, 0.0), PERSISTENCE_MAX)
    rec_in = [y for y in years if y in rec and y in series]
    depth = max(0.0, float(np.mean([mu - series[y] for y in rec_in]))) if rec_in else 0.0
    scale = sd * math.sqrt(1.0 - phi * phi)
    innovations = {y: float((c - phi * p) / scale) for y, p, c in zip(pairs, prev, curr)}
    return MemberGrowth(mu, sd, phi, phi_raw, depth, len(normal), len(pairs), innovations)


def common_loadings(u: np.ndarray, iterations: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Estimator 6. `u` is members x years of standardised innovations; returns (lambda, rho)."""
    n = u.shape[0]
    if n < 3:
        raise ValueError("need at least 3 members to estimate factor loadings")
    total = u.sum(axis=0)
    rho = np.empty(n)
    for i in range(n):
        factor = (total - u[i]) / (n - 1)
        rho[i] = np.corrcoef(u[i], factor)[0, 1]
    b = np.clip(rho, 0.0, 1.0)
    for _ in range(iterations):
        new = np.empty(n)
        for i in range(n):
            others = np.delete(b, i)
            mean_b = others.mean()
            noise = (1.0 - others**2).sum() / (n - 1) ** 2
            reliability = mean_b**2 / (mean_b**2 + noise) if mean_b > 0 else 1.0
            new[i] = rho[i] / math.sqrt(reliability)
        new = np.clip(new, 0.0, 1.0)
        if np.max(np.abs(new - b)) < 1e-12:
            b = new
            break
        b = new
    return b**2, rho


def _excess_kurtosis(x: np.ndarray) -> np.ndarray:
    """Excess kurtosis m4 / m2^2 - 3 along the last axis."""
    d = x - x.mean(axis=-1, keepdims=True)
    m2 = (d * d).mean(axis=-1)
    return (d**4).mean(axis=-1) / (m2 * m2) - 3.0


def _standardise_groups(x: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Standardises consecutive groups of the last axis by their own mean and sd (n - 1)."""
    out = np.empty_like(x)
    start = 0
    for n in sizes:
        g = x[..., start:start + n]
        out[..., start:start + n] = (g - g.mean(axis=-1, keepdims=True)) / g.std(
            axis=-1, ddof=1, keepdims=True)
        start += n
    return out


def tail_dof(groups: list[np.ndarray]) -> tuple[int, float, dict[int, float]]:
    """Estimator 8. `groups` holds each member's innovations; returns (dof, k, expectations)."""
    sizes = [len(g) for g in groups]
    observed = float(_excess_kurtosis(_standardise_groups(np.concatenate(groups), sizes)))
    rng = np.random.default_rng(TAIL_DOF_SEED)
    shape = (TAIL_DOF_REPS, sum(sizes))
    expected = {}
    for dof in TAIL_DOF_CANDIDATES:
        draws = rng.standard_t(dof, shape) if dof else rng.standard_normal(shape)
        expected[dof] = float(_excess_kurtosis(_standardise_groups(draws, sizes)).mean())
    best = min(TAIL_DOF_CANDIDATES, key=lambda dof: abs(expected[dof] - observed))
    return best, observed, expected


@dataclass
class Cap:
    cap_pp: float            # value written to the scenario
    rule_pp: float           # the data rule alone
    used: list[tuple[int, float]]      # (year, rise) of the two rises averaged
    dropped: list[tuple[int, str]]     # (year, reason)
    plan_step_pp: float | None = None  # first-year plan step that raised the cap, if any


def absorption_cap(shares: dict[int, float], recession: list[int],
                   first_step_pp: float | None = None) -> Cap:
    """The cap rule above; `shares` maps year to % of GDP within one release."""
    years = sorted(shares)
    rises = {y: shares[y] - shares[y - 1] for y in years if y - 1 in shares}
    if len(rises) < 2:
        raise ValueError("need at least two yearly changes of the defence share")
    kept, dropped = [], []
    for y in sorted(rises):
        r = rises[y]
        if y in recession:
            dropped.append((y, "recession year"))
        elif r >= ONE_OFF_MIN_PP and y + 1 in rises and rises[y + 1] <= -r / 2:
            dropped.append((y, "one-off"))
        else:
            kept.append((y, r))
    top = sorted(kept, key=lambda yr: (-yr[1], yr[0]))[:2]
    mean = float(np.mean([r for _, r in top]))
    rule = min(max(round(mean + 1e-9, 2), CAP_MIN_PP), CAP_MAX_PP)  # half-up on 2-dp data
    cap = Cap(rule, rule, sorted(top), dropped)
    if first_step_pp is not None and first_step_pp > rule + 1e-9:
        cap.cap_pp = math.ceil(round(first_step_pp * 100, 6)) / 100
        cap.plan_step_pp = first_step_pp
    return cap


def planned_share_pct(plan: dict[int, float], year: int) -> float:
    """models/plan.h: piecewise linear through the points, flat outside them."""
    points = sorted(plan.items())
    if year <= points[0][0]:
        return points[0][1]
    for (y0, s0), (y1, s1) in zip(points, points[1:]):
        if year <= y1:
            return s0 + (year - y0) / (y1 - y0) * (s1 - s0)
    return points[-1][1]
