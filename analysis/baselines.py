"""Naive forecasters for the v2 hindcasts, as samples shaped like the model's (docs/VALIDATION.md).

Every baseline is a predictive distribution given by Monte Carlo samples of shape
``(n, member, year)``, the layout of ``/trials/core_share`` (docs/FORMAT.md), so the same scoring
code (analysis/scores.py) applies to the model, v1 and the baselines. Each is fitted using only
data for years <= the origin O (tests/python/test_scores.py perturbs later data and checks the
output is identical); years <= O hold the observed value in every sample.

History of a member's core share (% of GDP), as known at origin O >= 2014:
  * 2014..O: NATO release A (data/nato_defexp_share_gdp_2014_2024_aug2025.csv, rounded half-up to
    2 decimals as NATO publishes; the scenarios' start shares come from it);
  * before 2014: SIPRI (data/sipri_milex_share_gdp_nato_1949_2024.csv), shifted by the member's
    NATO - SIPRI difference in 2014 so that the series joins without a step (both 2014 values are
    known at any origin >= 2014; changes before 2014 are SIPRI's own). Years from 1995 (after the
    post-Cold-War transitions) are used.

Baselines (h = t - O years ahead; e_t i.i.d. N(0, sigma^2) increments, so a path is a random walk
and the marginal sd is sigma*sqrt(h)):
  persistence    s_O + sum e
  plan_literal   the pledge read literally: linear from s_O in O to the target T in the target
                 year Y (2.0 in 2024 for Wales), flat after Y; flat at s_O for members at or above
                 T at O; plus the same noise
  drift          s_O + d*h + sum e, d = the member's mean annual change over the 5 years to O
  arima          per-member ARIMA(1,1,0) without constant (statsmodels, maximum likelihood) on the
                 member's 1995..O history: Delta s_t = phi Delta s_{t-1} + u_t, u ~ N(0, s2);
                 samples simulate that recursion from the last observed change with the fitted
                 (phi, s2) - parameter uncertainty is ignored, which makes it somewhat over-sharp.
                 Chosen over ETS with a damped trend because it has one dynamic parameter per
                 member (about 20 annual observations each), not three.
sigma = sd of the annual changes 1995..O of the history above, pooled over the members given
(about 0.2 pp; docs/EVIDENCE.md §2 (d) found 0.20 for SIPRI 1995-2013).
Samples are clipped at 0 (a share cannot be negative). Climatology for binary events (the
observed frequency) is in-sample by construction and lives in analysis/validate.py.
"""
from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RELEASE_A_FILE = "nato_defexp_share_gdp_2014_2024_aug2025.csv"
RELEASE_B_FILE = "defence_share.csv"          # provenance nato2024 / nato2024_est
SIPRI_FILE = "sipri_milex_share_gdp_nato_1949_2024.csv"
NATO_FIRST_YEAR = 2014
HISTORY_FROM = 1995
DRIFT_YEARS = 5
KINDS = ("persistence", "plan_literal", "drift", "arima")
NAME_ALIASES = {"Slovak Republic": "SVK"}


# --- data ---------------------------------------------------------------------------------------

def publish_round(x) -> float:
    """Round half-up to 2 decimals from the value's decimal text (NATO publishes 2 decimals)."""
    if x is None or (isinstance(x, float) and np.isnan(x)) or (isinstance(x, str) and not x):
        return float("nan")
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def load_release_a(data_dir: Path = DATA) -> pd.DataFrame:
    """Release A (NATO Aug-2025), index iso3, int columns 2014..2024, 2-decimal shares."""
    raw = pd.read_csv(Path(data_dir) / RELEASE_A_FILE, dtype=str, keep_default_na=False)
    names = pd.read_csv(Path(data_dir) / "members.csv", dtype=str).set_index("iso3")["name"]
    to_iso = {n: i for i, n in names.items()} | NAME_ALIASES
    raw = raw[raw["Country"].isin(to_iso)].copy()
    raw.index = raw.pop("Country").map(to_iso)
    raw.columns = [int(c[:4]) for c in raw.columns]         # "2024e" -> 2024
    out = raw.apply(lambda col: col.map(publish_round)).astype(float)
    out.index.name = "iso3"
    return out


def load_release_b(data_dir: Path = DATA) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Release B (NATO June 2024): (shares, is_estimate), index iso3, int columns 2014..2024."""
    raw = pd.read_csv(Path(data_dir) / RELEASE_B_FILE)
    raw = raw[raw["provenance"].isin(["nato2024", "nato2024_est"])]
    shares = raw.pivot(index="iso3", columns="year", values="pct_gdp").apply(
        lambda col: col.map(publish_round)).astype(float)
    est = raw.assign(e=raw["provenance"].eq("nato2024_est")).pivot(
        index="iso3", columns="year", values="e").fillna(False).astype(bool)
    shares.columns = [int(c) for c in shares.columns]
    est.columns = [int(c) for c in est.columns]
    return shares, est.reindex_like(shares).fillna(False).astype(bool)


def load_2025(data_dir: Path = DATA) -> pd.DataFrame:
    """2025 shares of data/defence_share.csv (mixed vintages: NATO press release, SG annual
    report at 1 decimal, one national source): columns share, provenance; index iso3."""
    raw = pd.read_csv(Path(data_dir) / RELEASE_B_FILE)
    raw = raw[(raw["year"] == 2025) & raw["pct_gdp"].notna()]
    return raw.set_index("iso3")[["pct_gdp", "provenance"]].rename(columns={"pct_gdp": "share"})


def load_sipri(data_dir: Path = DATA) -> pd.DataFrame:
    """SIPRI military expenditure, % of GDP: index iso3, int year columns."""
    raw = pd.read_csv(Path(data_dir) / SIPRI_FILE)
    out = raw.pivot(index="iso3", columns="year", values="pct_gdp").astype(float)
    out.columns = [int(c) for c in out.columns]
    return out


def history(origin: int, members, release_a: pd.DataFrame, sipri: pd.DataFrame | None,
            start: int = HISTORY_FROM) -> pd.DataFrame:
    """Each member's share history start..origin as known at ``origin`` (see the module doc).

    Only columns <= origin of either source are read; a member without SIPRI data has its
    history from 2014.
    """
    if origin < NATO_FIRST_YEAR:
        raise ValueError(f"origin {origin}: the history needs NATO data (from {NATO_FIRST_YEAR})")
    years = list(range(start, origin + 1))
    out = pd.DataFrame(np.nan, index=list(members), columns=years)
    a = release_a.loc[:, [y for y in release_a.columns if NATO_FIRST_YEAR <= y <= origin]]
    for m in members:
        if m in a.index:
            out.loc[m, a.columns] = a.loc[m].to_numpy(float)
        if sipri is None or m not in sipri.index:
            continue
        s = sipri.loc[m, [y for y in sipri.columns if start <= y <= NATO_FIRST_YEAR]]
        s2014 = s.get(NATO_FIRST_YEAR, np.nan)
        n2014 = out.at[m, NATO_FIRST_YEAR]
        if not (np.isfinite(s2014) and np.isfinite(n2014)):
            continue
        pre = s[[y for y in s.index if y < NATO_FIRST_YEAR]] + (n2014 - s2014)
        out.loc[m, pre.index] = pre.to_numpy(float)
    return out


def pooled_change_sd(hist: pd.DataFrame) -> float:
    """sd (ddof 1) of all annual changes in ``hist`` pooled over members."""
    d = np.diff(hist.to_numpy(float), axis=1).ravel()
    d = d[np.isfinite(d)]
    return float(np.std(d, ddof=1))


def _last_run(series: pd.Series) -> pd.Series:
    """The trailing run of consecutive finite values (ARIMA needs an unbroken series)."""
    v = series.to_numpy(float)
    end = len(v)
    begin = end
    while begin > 0 and np.isfinite(v[begin - 1]):
        begin -= 1
    return series.iloc[begin:end]


def fit_arima110(series: pd.Series) -> dict:
    """ARIMA(1,1,0), no constant, by maximum likelihood (statsmodels). Returns phi, sigma2 and
    the last observed change."""
    from statsmodels.tsa.arima.model import ARIMA
    y = _last_run(series).to_numpy(float)
    if len(y) < 5:
        raise ValueError(f"ARIMA(1,1,0) needs >= 5 years of history, got {len(y)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = ARIMA(y, order=(1, 1, 0), trend="n").fit()
    params = dict(zip(res.model.param_names, np.asarray(res.params, float)))
    return {"phi": float(params["ar.L1"]), "sigma2": float(params["sigma2"]),
            "last_change": float(y[-1] - y[-2]), "n_obs": int(len(y))}


# --- the baselines ------------------------------------------------------------------------------

def plan_path(s0, origin: int, years, target: float, target_year: int) -> np.ndarray:
    """Plan read literally: linear from s0 (at origin) to target in target_year, flat after;
    flat at s0 when s0 >= target. Shape (member, year)."""
    s0 = np.asarray(s0, float)[:, None]
    t = np.asarray(years, float)[None, :]
    frac = np.clip((t - origin) / max(target_year - origin, 1), 0.0, 1.0)
    lin = s0 + (target - s0) * frac
    return np.where(s0 >= target, s0 + 0 * t, lin)


def baseline_samples(kind: str, origin: int, members, years, n: int, seed: int,
                     release_a: pd.DataFrame, sipri: pd.DataFrame | None,
                     target: float = 2.0, target_year: int = 2024,
                     return_fit: bool = False):
    """Samples (n, member, year) of one baseline (see the module doc), fitted on data <= origin.

    ``years`` may include years <= origin (they get the observed value). The random numbers come
    from numpy's Generator seeded with (seed, kind), the same for every member set size.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown baseline {kind!r} (known: {', '.join(KINDS)})")
    members = list(members)
    years = [int(y) for y in years]
    hist = history(origin, members, release_a, sipri)
    s0 = hist[origin].to_numpy(float)
    if not np.all(np.isfinite(s0)):
        bad = [m for m, v in zip(members, s0) if not np.isfinite(v)]
        raise ValueError(f"no release-A share in {origin} for {bad}")
    sigma = pooled_change_sd(hist)
    ahead = np.array([max(0, y - origin) for y in years])
    H = int(ahead.max()) if len(ahead) else 0
    M = len(members)
    rng = np.random.default_rng([int(seed), KINDS.index(kind)])
    eps = rng.standard_normal((n, M, max(H, 1))).astype(np.float64)
    rw = np.concatenate([np.zeros((n, M, 1)), np.cumsum(sigma * eps, axis=2)], axis=2)
    noise = rw[:, :, ahead]                                  # (n, M, Y), 0 for years <= origin
    fit = {"sigma": sigma}
    if kind == "persistence":
        centre = np.repeat(s0[:, None], len(years), axis=1)
        out = centre[None] + noise
    elif kind == "plan_literal":
        centre = plan_path(s0, origin, years, target, target_year)
        out = centre[None] + noise
    elif kind == "drift":
        back = origin - DRIFT_YEARS
        d = (s0 - hist[back].to_numpy(float)) / DRIFT_YEARS if back in hist.columns else \
            np.full(M, np.nan)
        if not np.all(np.isfinite(d)):
            bad = [m for m, v in zip(members, d) if not np.isfinite(v)]
            raise ValueError(f"drift: no share in {back} for {bad}")
        centre = s0[:, None] + d[:, None] * ahead[None, :]
        out = centre[None] + noise
        fit["drift"] = dict(zip(members, d.tolist()))
    else:                                                    # arima
        paths = np.empty((n, M, H + 1))
        fits = {}
        for i, m in enumerate(members):
            f = fit_arima110(hist.loc[m])
            fits[m] = f
            u = np.sqrt(f["sigma2"]) * rng.standard_normal((n, max(H, 1)))
            level = np.full(n, s0[i])
            change = np.full(n, f["last_change"])
            paths[:, i, 0] = level
            for h in range(1, H + 1):
                change = f["phi"] * change + u[:, h - 1]
                level = level + change
                paths[:, i, h] = level
        out = paths[:, :, ahead]
        fit["arima"] = fits
    out = np.maximum(out, 0.0)
    # years <= origin: the observed value (history), never noise
    for j, y in enumerate(years):
        if y <= origin:
            col = hist[y].to_numpy(float) if y in hist.columns else np.full(M, np.nan)
            out[:, :, j] = col[None, :]
    return (out, fit) if return_fit else out
