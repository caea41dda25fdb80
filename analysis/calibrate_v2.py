"""Calibrate model v2 (docs/MODEL.md v2.4) at a forecast origin O, using only data for years <= O.

Usage (from the repository root, Debian's python3):

    /usr/bin/python3 -m analysis.calibrate_v2 --origin 2017 [--out FILE] [--rows 200] [--seed S]

Writes the parameter-draw file of docs/MODEL.md v2.3 (default scenarios/calibration/v2_origin_O.csv):
a header with exactly the v2.3 columns in table order, then one row per replicate, plain decimals
(`noise_dof` an integer). Prints the central estimates with their bootstrap standard errors.
`member_inputs(O)` returns the per-member scenario inputs (proximity, baseline_pct, debt_pct_gdp,
regime_response); analysis/hindcast_scenarios.py writes them into the origin's scenario.

Data (data/SOURCES.md), each cut at the origin before anything is computed:
  nato_defexp_share_gdp_2014_2024_aug2025.csv   NATO Aug-2025 release ("release A"), 2014..O
  sipri_milex_share_gdp_nato_1949_2024.csv      SIPRI shares, years <= min(O, 2014): the calm
                                                regime (1995-2013) and the 2011-2013 baselines
                                                (shifted by NATO - SIPRI in 2014)
  imf_weo_2025apr_fiscal_nato.csv               gross debt (GGXWDG_NGDP) of year O only
  proximity_points.csv                          geography (analysis/proximity.py)
  members.csv                                   names, accession years

Estimators (docs/MODEL.md v2.4; notation of v2.2):
  calm        lambda_C, sigma_C: within-member (fixed-effects) regression of the yearly change on
              the lagged share, SIPRI 1995-2013, the fitting panel below: lambda_C = -slope,
              sigma_C = residual sd (degrees of freedom: observations - members - 1). Every origin
              may use it (all years <= 2013).
  baselines   raw b_i = mean SIPRI share 2011-2013 + (NATO 2014 - SIPRI 2014); pooled OLS of raw
              b_i on (1, x_i, phi_i) over the allies with armed forces except the USA; tau_b^2 =
              max(0, residual variance - mean(sigma_i^2 / 3)) with sigma_i the member's own calm
              residual sd; b_i = w_i raw_i + (1 - w_i) fitted_i, w_i = tau_b^2 / (tau_b^2 +
              sigma_i^2 / 3) (sigma_i = sigma_C for allies outside the panel). USA (regime_response false): b = its start share (persistence).
              At origins >= 2016 each panel member's mean fitted residual e_i over 2015..O (pp, as
              MODEL.md v2.4 says; not divided by lambda, which would blow up at the weakly
              identified small speeds) is added after the same empirical-Bayes shrinkage:
              tau_e^2 = max(0, var(e) - mean(v_i)), v_i = sigma_R^2 / n_i the noise variance of
              member i's mean, w_i = tau_e^2 / (tau_e^2 + v_i).
  elevated,   nonlinear least squares (scipy.optimize.least_squares) of the yearly change
  acute       Delta s_it = s^P_it - s_{i,t-1} on the v2.2 step without noise:
                  F     = b_i + alpha_R + theta_R x_i + delta_R phi_i
                  s^F   = s_{t-1} + lambda_R (F - s_{t-1})
                  kappa = logistic(k0 - k_L (L - 1) - k_phi phi_i + k_U U_t + k_D 1[t >= 2023])
                  s^P   = s^F + kappa max(0, P_t - s^F)
              P: the Wales plan as known then (linear from the rounded 2014 share to 2.0 in 2024,
              flat at the 2014 share for allies at or above 2%; from 2023 the Vilnius floor, at
              least 2.0), adopted in 2014 (lead L = t - 2014; L = t - 2023 under the floor);
              U_t = 1 in 2017-2020; k0 is fitted, k_L, k_phi, k_U, k_D at their priors; no
              government change (G = 0). Years: elevated 2015..min(O, 2021), acute 2022..O, one
              joint fit sharing k0. Panel: the allies of 2014 with armed forces except the USA
              (26; the allies bound by the Wales pledge for the whole period). A regime with fewer
              than two observed years is not fitted. sigma_R of a fitted regime: MAD of its
              residuals / 0.5237, the MAD of a unit-variance Student-t with 4 dof (the model's
              noise), so that the rare one-off payments (BGR 2019, modelled separately) do not
              inflate it.
  rows        member-block bootstrap: every row resamples the calm panel and the fitting panel
              (members with replacement) and refits, starting from the central fit. Whatever is
              not fitted at the origin is drawn per row from the priors of docs/MODEL.md v2.5
              (PRIOR_* constants below): at O = 2014 every pooled parameter except lambda_C and
              sigma_C; before any acute year the acute parameters are the row's elevated ones
              times the prior multipliers, each times lognormal(0, 0.4); sigma_E, sigma_A of an
              unfitted regime are sigma_C x 1.1, x 1.3 (sigma_A = sigma_E x 1.3 / 1.1 when only
              the elevated regime is fitted).
Deterministic for a given seed (numpy Generator; default seed = the origin year).
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

from analysis import proximity as prox

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
OUT_DIR = REPO_ROOT / "scenarios" / "calibration"

NATO_FILE = "nato_defexp_share_gdp_2014_2024_aug2025.csv"
SIPRI_FILE = "sipri_milex_share_gdp_nato_1949_2024.csv"
WEO_FILE = "imf_weo_2025apr_fiscal_nato.csv"
NATO_NAME_ALIASES = {"Slovak Republic": "SVK"}
FIRST_ORIGIN, LAST_ORIGIN = 2014, 2024

# docs/MODEL.md v2.3, in table order.
COLUMNS = [
    "lambda_calm", "lambda_elevated", "lambda_acute",
    "alpha_elevated", "alpha_acute",
    "theta_elevated", "theta_acute",
    "delta_elevated", "delta_acute",
    "sigma_calm", "sigma_elevated", "sigma_acute",
    "noise_dof",
    "tau_member",
    "kappa_0", "kappa_lead", "kappa_debt", "kappa_us", "kappa_deadline", "kappa_government",
    "compliance_0", "compliance_deadline", "compliance_review", "compliance_us",
    "compliance_reach_pp",
    "one_off_prob", "one_off_mean_pp", "one_off_reversal",
    "budget_execution_sd",
]

# --- priors: docs/MODEL.md v2.5 (pre-registered 2026-11-30); do not change after scoring ---------
PRIOR_LAMBDA_E_UNIFORM = (0.02, 0.25)     # lambda_E ~ U(0.02, 0.25)
PRIOR_ALPHA_E_NORMAL = (0.0, 0.3)         # alpha_E ~ N(0, 0.3) pp
PRIOR_THETA_E_HALFNORMAL_SD = 2.0         # theta_E ~ |N(0, 2)| pp
PRIOR_DELTA_E_NORMAL = (-0.3, 0.5)        # delta_E ~ N(-0.3, 0.5) pp
PRIOR_ACUTE_MULTIPLIER = {"lambda": 2.0, "alpha": 1.0, "theta": 1.7, "delta": 1.0}
PRIOR_ACUTE_LOGNORMAL_SD = 0.4            # each multiplier x lognormal(0, 0.4)
PRIOR_SIGMA_E_OVER_C = 1.1                # sigma_E = sigma_C x 1.1
PRIOR_SIGMA_A_OVER_C = 1.3                # sigma_A = sigma_C x 1.3
PRIOR_NOISE_DOF = 4                       # nu
PRIOR_TAU_MEMBER = 0.05                   # tau_u, pp
PRIOR_KAPPA_0 = 0.0                       # k0 (fitted from O >= 2016)
PRIOR_KAPPA_LEAD = 0.15                   # k_L
PRIOR_KAPPA_DEBT = 1.0                    # k_phi
PRIOR_KAPPA_US = 0.5                      # k_U
PRIOR_KAPPA_DEADLINE = 1.0                # k_D
PRIOR_KAPPA_GOVERNMENT = 1.0              # k_G
PRIOR_COMPLIANCE_0 = -3.5                 # q0
PRIOR_COMPLIANCE_DEADLINE = 2.5           # q_D
PRIOR_COMPLIANCE_REVIEW = 1.0             # q_R
PRIOR_COMPLIANCE_US = 1.0                 # q_U
PRIOR_COMPLIANCE_REACH_PP = 0.8           # J
PRIOR_ONE_OFF_PROB = 0.02                 # p_o per year
PRIOR_ONE_OFF_MEAN_PP = 0.5               # m_o
PRIOR_ONE_OFF_REVERSAL = 0.9              # rho_o
PRIOR_BUDGET_EXECUTION_SD = 0.15          # sigma_B, pp

# --- fixed facts of the history (docs/MODEL.md v2.4, "Origin scenarios") ------------------------
CALM_YEARS = (1995, 2013)                 # SIPRI window of the calm regime
BASELINE_YEARS = (2011, 2012, 2013)       # SIPRI years of the raw baseline
FIRST_NATO_YEAR = 2014                    # first year of release A; the Wales pledge
ELEVATED_YEARS = (2015, 2021)
ACUTE_FIRST_YEAR = 2022
MIN_REGIME_YEARS = 2                      # fewer observed years: the regime takes the priors
WALES_TARGET, WALES_YEAR, WALES_ADOPTED = 2.0, 2024, 2014
VILNIUS_YEAR = 2023                       # from here the plan is "at least 2%", adopted 2023
US_PRESSURE_YEARS = (2017, 2018, 2019, 2020)
NOT_REGIME_RESPONSIVE = ("USA",)
T4_UNIT_VARIANCE_MAD = 0.5237             # MAD of a Student-t(4) scaled to unit variance
DEFAULT_ROWS = 200

# parameter vector of the NLS: per fitted regime (lambda, alpha, theta, delta), then k0
# lambda >= 0.02, the lower end of the prior support (half-life 35 years): the speed and the level
# of F are weakly identified (flat profile below that), and slower speeds are outside what v2.5
# pre-registered; alpha, theta, delta within +-10 pp.
BOUNDS_REGIME = ([0.02, -10.0, -10.0, -10.0], [1.0, 10.0, 10.0, 10.0])
BOUNDS_K0 = (-10.0, 10.0)


class CalibrationError(Exception):
    """Bad origin or input data."""


# --- data, cut at the origin -------------------------------------------------------------------

@dataclass
class Data:
    origin: int
    members: list[str]                    # members.csv order
    names: dict[str, str]
    joined: dict[str, int]
    nato: dict[str, dict[int, float]]     # release A, years FIRST_NATO_YEAR..origin
    sipri: dict[str, dict[int, float]]    # years <= min(origin, FIRST_NATO_YEAR)
    debt: dict[str, float]                # WEO gross debt, year origin
    proximity: dict[str, float]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_data(origin: int, data_dir: Path = DATA_DIR) -> Data:
    if not FIRST_ORIGIN <= origin <= LAST_ORIGIN:
        raise CalibrationError(f"origin {origin} outside {FIRST_ORIGIN}..{LAST_ORIGIN}")
    rows = _read_csv(data_dir / "members.csv")
    members = [r["iso3"] for r in rows]
    names = {r["iso3"]: r["name"] for r in rows}
    joined = {r["iso3"]: int(r["joined"]) for r in rows}
    by_name = {r["name"]: r["iso3"] for r in rows} | NATO_NAME_ALIASES

    nato: dict[str, dict[int, float]] = {}
    with open(data_dir / NATO_FILE, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        years = [int(h.rstrip("e")) for h in header[1:]]
        keep = [(k, y) for k, y in enumerate(years, start=1) if y <= origin]
        for rec in reader:
            iso = by_name.get(rec[0])
            if iso is None:
                continue  # aggregates (NATO Europe and Canada, NATO Total)
            nato[iso] = {y: float(rec[k]) for k, y in keep if rec[k].strip()}

    sipri_last = min(origin, FIRST_NATO_YEAR)
    sipri: dict[str, dict[int, float]] = {}
    for r in _read_csv(data_dir / SIPRI_FILE):
        y = int(r["year"])
        if y <= sipri_last and r["pct_gdp"]:
            sipri.setdefault(r["iso3"], {})[y] = float(r["pct_gdp"])

    debt: dict[str, float] = {}
    for r in _read_csv(data_dir / WEO_FILE):
        if r["code"] == "GGXWDG_NGDP" and int(r["year"]) == origin and r["value"]:
            debt[r["iso3"]] = float(r["value"])
    missing = [m for m in members if m not in debt]
    if missing:
        raise CalibrationError(f"no {origin} gross debt in {WEO_FILE} for {missing}")
    return Data(origin, members, names, joined, nato, sipri, debt,
                prox.proximity(data_dir / "proximity_points.csv"))


def armed(d: Data) -> list[str]:
    """Allies with a NATO defence series (Iceland has none)."""
    return [m for m in d.members if m in d.nato and FIRST_NATO_YEAR in d.nato[m]]


def fitting_panel(d: Data) -> list[str]:
    """Allies of 2014 with armed forces, without the regime-unresponsive USA."""
    return [m for m in armed(d) if d.joined[m] <= FIRST_NATO_YEAR and m not in NOT_REGIME_RESPONSIVE]


def fiscal_stress(d: Data, iso: str) -> float:
    return (d.debt[iso] - 60.0) / 100.0


def start_share(d: Data, iso: str) -> float:
    """The origin's share as NATO publishes it (2 dp): the scenario's core_share_start_pct."""
    return round(d.nato[iso][d.origin], 2)


# --- calm regime: SIPRI 1995-2013 ----------------------------------------------------------------

@dataclass
class CalmPanel:
    members: list[str]
    lag: list[np.ndarray]                 # per member: s_{t-1}
    change: list[np.ndarray]              # per member: s_t - s_{t-1}


def calm_panel(d: Data) -> CalmPanel:
    """The fitting panel's SIPRI years 1995-2013 (26 allies, 468 member-years)."""
    out = CalmPanel([], [], [])
    lo, hi = CALM_YEARS
    for m in fitting_panel(d):
        s = d.sipri.get(m, {})
        ys = [y for y in range(lo + 1, hi + 1) if y in s and y - 1 in s]
        if len(ys) < 3:
            continue
        out.members.append(m)
        out.lag.append(np.array([s[y - 1] for y in ys]))
        out.change.append(np.array([s[y] - s[y - 1] for y in ys]))
    return out


def fit_calm(panel: CalmPanel, idx: np.ndarray | None = None) -> tuple[float, float, np.ndarray]:
    """Fixed-effects slope of change on lag. Returns (lambda_C, sigma_C, member residual sds)."""
    idx = np.arange(len(panel.members)) if idx is None else idx
    xs = [panel.lag[i] - panel.lag[i].mean() for i in idx]
    ys = [panel.change[i] - panel.change[i].mean() for i in idx]
    x, y = np.concatenate(xs), np.concatenate(ys)
    beta = float(x @ y / (x @ x))
    resid = [yi - beta * xi for xi, yi in zip(xs, ys)]
    dof = len(x) - len(idx) - 1
    sigma = math.sqrt(sum(float(r @ r) for r in resid) / dof)
    member_sd = np.array([math.sqrt(float(r @ r) / max(len(r) - 2, 1)) for r in resid])
    return -beta, sigma, member_sd


# --- baselines ------------------------------------------------------------------------------------

def raw_baselines(d: Data) -> dict[str, float]:
    out = {}
    for m in armed(d):
        s = d.sipri.get(m, {})
        if all(y in s for y in BASELINE_YEARS) and FIRST_NATO_YEAR in s:
            shift = d.nato[m][FIRST_NATO_YEAR] - s[FIRST_NATO_YEAR]
            out[m] = float(np.mean([s[y] for y in BASELINE_YEARS])) + shift
        else:  # no SIPRI history: the first NATO year stands in
            out[m] = d.nato[m][FIRST_NATO_YEAR]
    return out


@dataclass
class Baselines:
    raw: dict[str, float]
    pooled: dict[str, float]
    weight: dict[str, float]
    value: dict[str, float]
    tau_b: float
    coef: np.ndarray


def shrunk_baselines(d: Data, member_sd: dict[str, float], sigma_c: float) -> Baselines:
    raw = raw_baselines(d)
    ms = [m for m in armed(d) if m not in NOT_REGIME_RESPONSIVE]
    X = np.array([[1.0, d.proximity[m], fiscal_stress(d, m)] for m in ms])
    y = np.array([raw[m] for m in ms])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    fitted = X @ coef
    var_res = float(((y - fitted) ** 2).sum() / (len(ms) - X.shape[1]))
    noise = {m: member_sd.get(m, sigma_c) ** 2 / len(BASELINE_YEARS) for m in ms}
    tau2 = max(0.0, var_res - float(np.mean(list(noise.values()))))
    pooled = dict(zip(ms, fitted.tolist()))
    weight = {m: (tau2 / (tau2 + noise[m]) if tau2 + noise[m] > 0 else 0.0) for m in ms}
    value = {m: weight[m] * raw[m] + (1 - weight[m]) * pooled[m] for m in ms}
    for m in NOT_REGIME_RESPONSIVE:
        if m in d.nato:
            value[m] = start_share(d, m)
    return Baselines(raw, pooled, weight, value, math.sqrt(tau2), coef)


# --- the v2.2 step and its NLS ---------------------------------------------------------------------

def wales_plan(s2014: float, year: int) -> float:
    """The plan as known in `year`: Wales path from the rounded 2014 share, Vilnius floor from 2023."""
    s0 = round(s2014, 2)
    if s0 >= WALES_TARGET:
        p = s0
    else:
        frac = min(1.0, max(0.0, (year - WALES_ADOPTED) / (WALES_YEAR - WALES_ADOPTED)))
        p = s0 + (WALES_TARGET - s0) * frac
    if year >= VILNIUS_YEAR:
        p = max(p, WALES_TARGET)
    return p


@dataclass
class Panel:
    """Member-years of the fit, grouped by member (for the block bootstrap)."""
    members: list[str]
    obs: list[dict[str, np.ndarray]] = field(default_factory=list)
    regimes: list[str] = field(default_factory=list)   # fitted regimes, "elevated"/"acute"


def regime_years(origin: int) -> dict[str, list[int]]:
    e = list(range(ELEVATED_YEARS[0], min(origin, ELEVATED_YEARS[1]) + 1))
    a = list(range(ACUTE_FIRST_YEAR, origin + 1))
    return {"elevated": e, "acute": a}


def build_panel(d: Data, base: dict[str, float]) -> Panel:
    years = regime_years(d.origin)
    fitted = [r for r in ("elevated", "acute") if len(years[r]) >= MIN_REGIME_YEARS]
    panel = Panel(fitting_panel(d), regimes=fitted)
    ys = [(y, fitted.index(r)) for r in fitted for y in years[r]]
    for m in panel.members:
        s = d.nato[m]
        rows = [(y, k) for y, k in ys if y in s and y - 1 in s]
        t = np.array([y for y, _ in rows])
        lead = np.array([y - (VILNIUS_YEAR if y >= VILNIUS_YEAR else WALES_ADOPTED) for y in t])
        panel.obs.append({
            "year": t,
            "regime": np.array([k for _, k in rows], dtype=int),
            "lag": np.array([s[y - 1] for y in t]),
            "change": np.array([s[y] - s[y - 1] for y in t]),
            "plan": np.array([wales_plan(s[FIRST_NATO_YEAR], int(y)) for y in t]),
            "lead": lead.astype(float),
            "us": np.array([1.0 if y in US_PRESSURE_YEARS else 0.0 for y in t]),
            "deadline": np.array([1.0 if y >= WALES_YEAR - 1 else 0.0 for y in t]),
            "base": np.full(len(t), base[m]),
            "x": np.full(len(t), d.proximity[m]),
            "phi": np.full(len(t), fiscal_stress(d, m)),
        })
    return panel


def stack(panel: Panel, idx: np.ndarray) -> dict[str, np.ndarray]:
    return {k: np.concatenate([panel.obs[i][k] for i in idx]) for k in panel.obs[0]}


def predict(p: np.ndarray, o: dict[str, np.ndarray], n_regimes: int) -> np.ndarray:
    reg = p[: 4 * n_regimes].reshape(n_regimes, 4)
    k0 = p[4 * n_regimes]
    lam, alpha, theta, delta = (reg[o["regime"], j] for j in range(4))
    F = o["base"] + alpha + theta * o["x"] + delta * o["phi"]
    sF = o["lag"] + lam * (F - o["lag"])
    z = (k0 - PRIOR_KAPPA_LEAD * (o["lead"] - 1) - PRIOR_KAPPA_DEBT * o["phi"]
         + PRIOR_KAPPA_US * o["us"] + PRIOR_KAPPA_DEADLINE * o["deadline"])
    kappa = 1.0 / (1.0 + np.exp(-z))
    sP = sF + kappa * np.maximum(0.0, o["plan"] - sF)
    return sP - o["lag"]


def _bounds(n_regimes: int) -> tuple[list[float], list[float]]:
    lo = BOUNDS_REGIME[0] * n_regimes + [BOUNDS_K0[0]]
    hi = BOUNDS_REGIME[1] * n_regimes + [BOUNDS_K0[1]]
    return lo, hi


def fit_nls(o: dict[str, np.ndarray], n_regimes: int, starts: list[np.ndarray]) -> np.ndarray:
    lo, hi = _bounds(n_regimes)
    best = None
    for x0 in starts:
        r = least_squares(lambda p: predict(p, o, n_regimes) - o["change"], np.clip(x0, lo, hi),
                          bounds=(lo, hi), method="trf", x_scale=1.0, max_nfev=400)
        if best is None or r.cost < best.cost - 1e-12:
            best = r
    return best.x


def central_starts(n_regimes: int) -> list[np.ndarray]:
    starts = []
    for lam in (0.05, 0.15, 0.4):
        for k0 in (-2.0, 0.0, 2.0):
            starts.append(np.array([lam, 0.0, 0.5, 0.0] * n_regimes + [k0]))
    return starts


def robust_sigma(resid: np.ndarray) -> float:
    return float(np.median(np.abs(resid - np.median(resid)))) / T4_UNIT_VARIANCE_MAD


# --- the calibration ---------------------------------------------------------------------------------

FITTED_NAMES = ["lambda", "alpha", "theta", "delta"]


@dataclass
class Result:
    origin: int
    rows: np.ndarray                      # K x len(COLUMNS)
    central: dict[str, float]             # fitted (or calm) parameters at the full sample
    se: dict[str, float]                  # bootstrap sd of the same, over the rows
    fitted_regimes: list[str]
    n_obs: int
    panel_members: list[str]
    inputs: dict[str, dict]


@dataclass
class _Core:
    d: Data
    calm: CalmPanel
    calm_fit: tuple[float, float, np.ndarray]
    base: Baselines
    panel: Panel
    p_hat: np.ndarray | None


def _core(origin: int, data_dir: Path) -> _Core:
    d = load_data(origin, data_dir)
    calm = calm_panel(d)
    lam_c, sig_c, msd = fit_calm(calm)
    base = shrunk_baselines(d, dict(zip(calm.members, msd.tolist())), sig_c)
    panel = build_panel(d, base.value)
    p_hat = None
    if panel.regimes:
        o = stack(panel, np.arange(len(panel.members)))
        p_hat = fit_nls(o, len(panel.regimes), central_starts(len(panel.regimes)))
    return _Core(d, calm, (lam_c, sig_c, msd), base, panel, p_hat)


def _member_update(core: _Core) -> dict[str, float]:
    """Empirical-Bayes level update of each panel member from its fitted residuals (O >= 2016)."""
    if core.p_hat is None:
        return {}
    n_reg = len(core.panel.regimes)
    all_o = stack(core.panel, np.arange(len(core.panel.members)))
    resid_all = all_o["change"] - predict(core.p_hat, all_o, n_reg)
    sig = np.array([robust_sigma(resid_all[all_o["regime"] == k]) for k in range(n_reg)])
    e, v = [], []
    for o in core.panel.obs:
        r = o["change"] - predict(core.p_hat, o, n_reg)
        e.append(float(np.mean(r)))
        v.append(float(np.sum(sig[o["regime"]] ** 2)) / len(r) ** 2)
    e_arr, v_arr = np.array(e), np.array(v)
    tau2 = max(0.0, float(np.var(e_arr, ddof=1)) - float(np.mean(v_arr)))
    w = tau2 / (tau2 + v_arr)
    return dict(zip(core.panel.members, (w * e_arr).tolist()))


def member_inputs(origin: int, data_dir: Path = DATA_DIR, core: _Core | None = None) -> dict[str, dict]:
    """Per-member scenario inputs at the origin, for every ally in members.csv order:
    proximity (2 dp), debt_pct_gdp (WEO, year O, 2 dp), baseline_pct (2 dp) (None for allies without armed forces),
    regime_response."""
    core = core or _core(origin, data_dir)
    d = core.d
    update = _member_update(core)
    out = {}
    for m in d.members:
        b = core.base.value.get(m)
        if b is not None:
            b += update.get(m, 0.0)
        out[m] = {
            "proximity": round(d.proximity[m], 2),
            "baseline_pct": None if b is None else round(b, 2),
            "debt_pct_gdp": round(d.debt[m], 2),
            "regime_response": m not in NOT_REGIME_RESPONSIVE,
        }
    return out


def _prior_elevated(rng: np.random.Generator) -> dict[str, float]:
    return {
        "lambda": float(rng.uniform(*PRIOR_LAMBDA_E_UNIFORM)),
        "alpha": float(rng.normal(*PRIOR_ALPHA_E_NORMAL)),
        "theta": float(abs(rng.normal(0.0, PRIOR_THETA_E_HALFNORMAL_SD))),
        "delta": float(rng.normal(*PRIOR_DELTA_E_NORMAL)),
    }


def _acute_from_elevated(el: dict[str, float], rng: np.random.Generator) -> dict[str, float]:
    out = {}
    for k in FITTED_NAMES:
        out[k] = el[k] * PRIOR_ACUTE_MULTIPLIER[k] * float(rng.lognormal(0.0, PRIOR_ACUTE_LOGNORMAL_SD))
    out["lambda"] = min(out["lambda"], 1.0)
    return out


def _row(values: dict[str, float]) -> list[float]:
    return [values[c] for c in COLUMNS]


def calibrate(origin: int, data_dir: Path = DATA_DIR, rows: int = DEFAULT_ROWS,
              seed: int | None = None) -> Result:
    if rows < 1:
        raise CalibrationError("rows must be >= 1")
    core = _core(origin, data_dir)
    rng = np.random.default_rng(origin if seed is None else seed)
    panel, n_reg = core.panel, len(core.panel.regimes)
    n_calm, n_fit = len(core.calm.members), len(panel.members)
    out = []
    track: dict[str, list[float]] = {}
    for _ in range(rows):
        calm_idx = rng.integers(0, n_calm, n_calm)
        fit_idx = rng.integers(0, n_fit, n_fit)
        lam_c, sig_c, _ = fit_calm(core.calm, calm_idx)
        regimes: dict[str, dict[str, float]] = {}
        if n_reg:
            o = stack(panel, fit_idx)
            p = fit_nls(o, n_reg, [core.p_hat])
            resid = o["change"] - predict(p, o, n_reg)
            for k, name in enumerate(panel.regimes):
                regimes[name] = dict(zip(FITTED_NAMES, p[4 * k: 4 * k + 4].tolist()))
                regimes[name]["sigma"] = robust_sigma(resid[o["regime"] == k])
            k0 = float(p[4 * n_reg])
        else:
            k0 = PRIOR_KAPPA_0
        if "elevated" not in regimes:
            regimes["elevated"] = _prior_elevated(rng)
            regimes["elevated"]["sigma"] = sig_c * PRIOR_SIGMA_E_OVER_C
        if "acute" not in regimes:
            regimes["acute"] = _acute_from_elevated(regimes["elevated"], rng)
            regimes["acute"]["sigma"] = (sig_c * PRIOR_SIGMA_A_OVER_C if not n_reg else
                                         regimes["elevated"]["sigma"] * PRIOR_SIGMA_A_OVER_C / PRIOR_SIGMA_E_OVER_C)
        el, ac = regimes["elevated"], regimes["acute"]
        values = {
            "lambda_calm": lam_c, "lambda_elevated": el["lambda"], "lambda_acute": ac["lambda"],
            "alpha_elevated": el["alpha"], "alpha_acute": ac["alpha"],
            "theta_elevated": el["theta"], "theta_acute": ac["theta"],
            "delta_elevated": el["delta"], "delta_acute": ac["delta"],
            "sigma_calm": sig_c, "sigma_elevated": el["sigma"], "sigma_acute": ac["sigma"],
            "noise_dof": PRIOR_NOISE_DOF, "tau_member": PRIOR_TAU_MEMBER,
            "kappa_0": k0, "kappa_lead": PRIOR_KAPPA_LEAD, "kappa_debt": PRIOR_KAPPA_DEBT,
            "kappa_us": PRIOR_KAPPA_US, "kappa_deadline": PRIOR_KAPPA_DEADLINE,
            "kappa_government": PRIOR_KAPPA_GOVERNMENT,
            "compliance_0": PRIOR_COMPLIANCE_0, "compliance_deadline": PRIOR_COMPLIANCE_DEADLINE,
            "compliance_review": PRIOR_COMPLIANCE_REVIEW, "compliance_us": PRIOR_COMPLIANCE_US,
            "compliance_reach_pp": PRIOR_COMPLIANCE_REACH_PP,
            "one_off_prob": PRIOR_ONE_OFF_PROB, "one_off_mean_pp": PRIOR_ONE_OFF_MEAN_PP,
            "one_off_reversal": PRIOR_ONE_OFF_REVERSAL,
            "budget_execution_sd": PRIOR_BUDGET_EXECUTION_SD,
        }
        out.append(_row(values))
    arr = np.array(out, dtype=float)

    central = {"lambda_calm": core.calm_fit[0], "sigma_calm": core.calm_fit[1]}
    if core.p_hat is not None:
        all_o = stack(panel, np.arange(n_fit))
        resid = all_o["change"] - predict(core.p_hat, all_o, n_reg)
        for k, name in enumerate(panel.regimes):
            for j, pname in enumerate(FITTED_NAMES):
                central[f"{pname}_{name}"] = float(core.p_hat[4 * k + j])
            central[f"sigma_{name}"] = robust_sigma(resid[all_o["regime"] == k])
        central["kappa_0"] = float(core.p_hat[4 * n_reg])
    se = {k: float(np.std(arr[:, COLUMNS.index(k)], ddof=1)) if rows > 1 else float("nan")
          for k in central}
    n_obs = sum(len(o["year"]) for o in panel.obs) if n_reg else 0
    return Result(origin, arr, central, se, panel.regimes, n_obs, panel.members,
                  member_inputs(origin, data_dir, core))


# --- output --------------------------------------------------------------------------------------------

def _fmt(col: str, v: float) -> str:
    if col == "noise_dof":
        return str(int(round(v)))
    s = f"{v:.6f}"
    return "0.000000" if s == "-0.000000" else s


def to_csv(rows: np.ndarray) -> str:
    buf = io.StringIO()
    buf.write(",".join(COLUMNS) + "\n")
    for r in rows:
        buf.write(",".join(_fmt(c, v) for c, v in zip(COLUMNS, r)) + "\n")
    return buf.getvalue()


def default_out(origin: int) -> Path:
    return OUT_DIR / f"v2_origin_{origin}.csv"


def summary(res: Result) -> str:
    lines = [f"origin {res.origin}: {res.rows.shape[0]} rows; fitted regimes: "
             f"{', '.join(res.fitted_regimes) or 'none (priors)'}; "
             f"{res.n_obs} member-years of {len(res.panel_members)} allies"]
    for k, v in res.central.items():
        lines.append(f"  {k:18s} {v:9.4f}  (bootstrap se {res.se[k]:.4f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.calibrate_v2", description=__doc__.split("\n")[0])
    ap.add_argument("--origin", type=int, required=True, help="forecast origin O (2014..2024)")
    ap.add_argument("--out", type=Path, help="output CSV (default scenarios/calibration/v2_origin_O.csv)")
    ap.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="bootstrap replicates K (default 200)")
    ap.add_argument("--seed", type=int, help="seed of the numpy Generator (default: the origin year)")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR, help="folder with the CSV files")
    ap.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = ap.parse_args(argv)
    try:
        res = calibrate(args.origin, args.data_dir, args.rows, args.seed)
    except (OSError, CalibrationError, ValueError, KeyError) as e:
        print(f"calibrate_v2: error: {e}", file=sys.stderr)
        return 2
    out = args.out or default_out(args.origin)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(res.rows), encoding="utf-8")
    if not args.quiet:
        print(summary(res))
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
