"""Validate the Wales 2014 hindcast (scenarios/wales2014.yaml) against what happened.

Usage (from the repository root, Debian's python3):

    /usr/bin/python3 -m analysis.validate_wales RESULTS.h5 [--release aug2025|jun2024]
                                                [-o docs/VALIDATION.md | -o report.json]

Without -o the Markdown report goes to stdout. With -o FILE.json the full report is JSON; with
any other FILE it is Markdown, and if FILE already holds the markers `<!-- >>> validate_wales ...`
and `<!-- <<< validate_wales -->` only the text between them is replaced (the hand-written
reading around them in docs/VALIDATION.md is kept). `--release` picks the primary NATO release
(default aug2025, the release the scenario's 2014 start shares come from); the other release is
reported beside it, never mixed in: every comparison below uses the shares of ONE release.

Observed data (docs: data/SOURCES.md, docs/POLICY.md §2.2-§2.3, §6):
  aug2025  data/nato_defexp_share_gdp_2014_2024_aug2025.csv, NATO Aug-2025 release (2021 prices,
           unrounded; rounded here half-up to 2 decimals as NATO publishes). Like for like: the
           scenario's 2014 shares are this file's 2014 column.
  jun2024  data/defence_share.csv, provenance nato2024 / nato2024_est: NATO June-2024 release
           (2015 prices, 2 decimals; 2023-2024 are estimates).
A share meets the 2% target when its published (2-decimal) value is >= 2.00, the model's rule
`share >= target - 0.005` (docs/MODEL.md §5, docs/POLICY.md §2.2).

Comparisons (all over the scenario's allies with armed forces: the 27 of 2014, Iceland out):
  1. number of allies at >= 2% per year: simulated distribution (`members_at_core_target_prob`:
     median, 90% interval = 5% and 95% quantiles of the discrete distribution, mean, and the tail
     probabilities P(sim <= obs), P(sim >= obs)) vs the observed count.
  2. per member, three binary outcomes: reached 2% in some year 2014-2024 (model:
     1 - first_year_core_prob['never']) and at >= 2% in 2024 (model: p_core_target[2024]),
     scored with the Brier score (mean (p - o)^2) and the log score (mean -ln p(outcome), lower is
     better) against naive baselines:
       base rate    the observed fraction of the scored set for everyone (in-sample: it knows
                    the outcome's frequency, so it is a demanding yardstick for sharpness)
       persistence  1 if at >= 2% in 2014 (same release) else 0
       trend        linear extrapolation of 2010-2014 shares: skipped, data/ holds no NATO
                    share before 2014 (both releases and SIPRI's copy start in 2014)
     For the log score every forecast is clipped to [0.02, 0.98] (the model's own probabilities
     are already inside that range except for members certain in 2014). Brier differences get
     percentile bootstrap intervals over members (resampling members, base rate recomputed in
     each resample). A reliability table bins the model's probabilities.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FORMAT_VERSION = 1
TARGET = 2.0
START, END = 2014, 2024
YEARS = list(range(START, END + 1))
LOG_CLIP = (0.02, 0.98)
N_BOOT = 10000
BOOT_SEED = 20140905
RELIABILITY_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)

RELEASES = {
    "aug2025": {
        "label": "NATO Aug-2025 release (2021 prices)",
        "file": "nato_defexp_share_gdp_2014_2024_aug2025.csv",
        "note": "the release of the scenario's 2014 start shares: like-for-like comparison",
    },
    "jun2024": {
        "label": "NATO June-2024 release (2015 prices; 2023-24 estimates)",
        "file": "defence_share.csv",
        "note": "what was published at the time; its 2014 shares differ from the scenario's "
                "start shares by up to 0.03 pp, its 2024 estimates by up to 0.34 pp",
    },
}
# docs/POLICY.md §2.2 / §6: counts of allies at >= 2% over all allies in the release
POLICY_COUNTS = {
    "aug2025": dict(zip(YEARS, (3, 4, 4, 3, 5, 6, 8, 6, 7, 10, 18))),
    "jun2024": {2014: 3, 2024: 23},
}
NAME_ALIASES = {"Slovak Republic": "SVK"}


# --- observed data -----------------------------------------------------------------------------

def publish_round(x) -> float:
    """Round half-up to 2 decimals, from the value's decimal text (NATO publishes 2 decimals)."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return float("nan")
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def members_table(data_dir: Path = DATA) -> pd.DataFrame:
    return pd.read_csv(data_dir / "members.csv", dtype={"iso3": str}).set_index("iso3")


def load_release(release: str, data_dir: Path = DATA) -> pd.DataFrame:
    """Published shares (% of GDP, 2 decimals), index iso3, columns 2014..2024 (int)."""
    if release not in RELEASES:
        raise ValueError(f"unknown release {release!r} (known: {', '.join(RELEASES)})")
    path = data_dir / RELEASES[release]["file"]
    if release == "aug2025":
        raw = pd.read_csv(path, dtype=str)
        names = members_table(data_dir)["name"]
        to_iso = {n: i for i, n in names.items()} | NAME_ALIASES
        raw = raw[raw["Country"].isin(to_iso)].copy()
        raw.index = raw.pop("Country").map(to_iso)
        raw.columns = [int(c[:4]) for c in raw.columns]   # "2024e" -> 2024
        out = raw.apply(lambda col: col.map(publish_round))
    else:
        raw = pd.read_csv(path)
        raw = raw[raw["provenance"].isin(["nato2024", "nato2024_est"])]
        out = raw.pivot(index="iso3", columns="year", values="pct_gdp").apply(
            lambda col: col.map(publish_round))
    out.index.name = "iso3"
    return out.loc[:, YEARS]


def at_target(shares):
    """Published 2-decimal shares -> meets 2%: the model's rule share >= 2 - 0.005."""
    return np.asarray(shares, dtype=float) >= TARGET - 0.005


def observed_counts(shares: pd.DataFrame, members) -> dict[int, int]:
    sub = shares.loc[list(members)]
    if sub.isna().any().any():
        missing = sub.index[sub.isna().any(axis=1)].tolist()
        raise ValueError(f"release lacks shares for {missing}")
    return {y: int(at_target(sub[y]).sum()) for y in YEARS}


def allies_counts(shares: pd.DataFrame, data_dir: Path = DATA) -> dict[int, int]:
    """Counts over every ally in the release that had joined by that year (docs/POLICY.md §2.2)."""
    joined = members_table(data_dir)["joined"]
    out = {}
    for y in YEARS:
        col = shares[y].dropna()
        col = col[[joined.get(i, 9999) <= y for i in col.index]]
        out[y] = int(at_target(col).sum())
    return out


def first_year_at_target(shares: pd.DataFrame, members) -> dict[str, int | None]:
    out = {}
    for m in members:
        hit = [y for y in YEARS if at_target(shares.at[m, y])]
        out[m] = hit[0] if hit else None
    return out


# --- results file -------------------------------------------------------------------------------

def _text(v) -> str:
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray) and v.shape == ():
        return _text(v[()])
    return str(v)


def read_results(path) -> dict:
    with h5py.File(path, "r") as f:
        attrs = {k: f.attrs[k] for k in f.attrs}
        if int(attrs.get("format_version", -1)) != FORMAT_VERSION:
            raise ValueError(f"{path}: format_version {attrs.get('format_version')} "
                             f"(this script reads {FORMAT_VERSION})")
        s = f["summary"]
        res = {
            "path": str(path),
            "scenario_name": _text(attrs["scenario_name"]),
            "scenario_text": _text(attrs["scenario_text"]),
            "scenario_sha256": _text(attrs["scenario_sha256"]),
            "git_commit": _text(attrs["git_commit"]),
            "software_version": _text(attrs["software_version"]),
            "seed": _text(attrs["seed"]),
            "trials": int(attrs["trials"]),
            "shard": _text(attrs["shard"]),
            "start_year": int(attrs["start_year"]),
            "end_year": int(attrs["end_year"]),
            "core_target_pct": float(attrs["core_target_pct"]),
            "members": [_text(m) for m in s["member"][()]],
            "armed": s["armed_forces"][()].astype(bool),
            "years": [int(y) for y in s["year"][()]],
            "first_year": [_text(x) for x in s["first_year"][()]],
            "n_at_target": s["members_at_target"][()].astype(int),
            "count_prob": s["members_at_core_target_prob"][()],
            "count_mean": s["members_at_core_target_mean"][()],
            "p_core_target": s["p_core_target"][()],
            "quantiles": [float(q) for q in s["quantile"][()]],
            "core_share_quantile": s["core_share_quantile"][()],
            "first_year_core_prob": s["first_year_core_prob"][()],
        }
    if (res["start_year"], res["end_year"]) != (START, END) or res["core_target_pct"] != TARGET:
        raise ValueError(f"{path}: horizon {res['start_year']}-{res['end_year']}, target "
                         f"{res['core_target_pct']}%: not a Wales 2014 hindcast (2014-2024, 2%)")
    if res["shard"] != "complete":
        raise ValueError(f"{path}: holds a shard ({res['shard']}); merge the shards first")
    return res


def count_distribution(prob, support, observed=None) -> dict:
    """Median, 5%/95% quantiles (smallest k with CDF >= q), mean and tails of a count pmf."""
    prob = np.asarray(prob, dtype=float)
    cdf = np.cumsum(prob)
    tol = 1e-9

    def q(level):
        return int(support[int(np.argmax(cdf >= level - tol))])

    out = {"median": q(0.5), "lo90": q(0.05), "hi90": q(0.95),
           "mean": float(np.dot(prob, support))}
    if observed is not None:
        out["p_le_obs"] = float(prob[support <= observed].sum())
        out["p_ge_obs"] = float(prob[support >= observed].sum())
        out["p_eq_obs"] = float(prob[support == observed].sum())
        out["in_90"] = bool(out["lo90"] <= observed <= out["hi90"])
    return out


# --- scores -------------------------------------------------------------------------------------

def brier(p, o) -> float:
    p, o = np.asarray(p, float), np.asarray(o, float)
    return float(np.mean((p - o) ** 2))


def log_score(p, o, clip=LOG_CLIP) -> float:
    """Mean -ln(probability given to what happened), forecasts clipped to `clip`; lower is better."""
    p = np.clip(np.asarray(p, float), *clip)
    o = np.asarray(o, float)
    return float(np.mean(-(o * np.log(p) + (1 - o) * np.log(1 - p))))


def base_rate_forecast(o) -> np.ndarray:
    o = np.asarray(o, float)
    return np.full(o.shape, o.mean())


def persistence_forecast(start_shares) -> np.ndarray:
    return at_target(start_shares).astype(float)


def auc(p, o) -> float | None:
    """P(a member that did it got a higher probability than one that did not); ties count 1/2."""
    p, o = np.asarray(p, float), np.asarray(o, bool)
    pos, neg = p[o], p[~o]
    if len(pos) == 0 or len(neg) == 0:
        return None
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0) + 0.5 * (diff == 0)).mean())


def bootstrap_brier_diff(p_model, o, start_shares, n_boot=N_BOOT, seed=BOOT_SEED) -> dict:
    """95% percentile intervals of Brier(model) - Brier(baseline), resampling members."""
    p_model, o = np.asarray(p_model, float), np.asarray(o, float)
    pers = persistence_forecast(start_shares)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(o), size=(n_boot, len(o)))
    ob, pb, sb = o[idx], p_model[idx], pers[idx]
    bm = ((pb - ob) ** 2).mean(axis=1)
    rate = ob.mean(axis=1, keepdims=True)
    d_base = bm - ((rate - ob) ** 2).mean(axis=1)
    d_pers = bm - ((sb - ob) ** 2).mean(axis=1)
    out = {}
    for name, d in (("base_rate", d_base), ("persistence", d_pers)):
        lo, hi = np.percentile(d, [2.5, 97.5])
        out[name] = {"lo95": float(lo), "hi95": float(hi), "p_model_better": float((d < 0).mean())}
    return out


def reliability(p, o, edges=RELIABILITY_EDGES, labels=None) -> list[dict]:
    p, o = np.asarray(p, float), np.asarray(o, float)
    rows = []
    for k, (lo, hi) in enumerate(zip(edges[:-1], edges[1:])):
        last = k == len(edges) - 2
        sel = (p >= lo) & ((p <= hi) if last else (p < hi))
        row = {"bin": f"[{lo:.1f}, {hi:.1f}{']' if last else ')'}", "n": int(sel.sum()),
               "mean_forecast": float(p[sel].mean()) if sel.any() else None,
               "observed_freq": float(o[sel].mean()) if sel.any() else None}
        if labels is not None:
            row["members"] = [labels[i] for i in np.flatnonzero(sel)]
        rows.append(row)
    return rows


def score_outcome(p_model, o, start_shares, members) -> dict:
    p_model, o = np.asarray(p_model, float), np.asarray(o, float)
    forecasts = {"model": p_model, "base_rate": base_rate_forecast(o),
                 "persistence": persistence_forecast(start_shares)}
    return {
        "n": int(len(o)), "observed": int(o.sum()),
        "brier": {k: brier(v, o) for k, v in forecasts.items()},
        "log": {k: log_score(v, o) for k, v in forecasts.items()},
        "trend": None,
        "brier_diff_bootstrap": bootstrap_brier_diff(p_model, o, start_shares),
        "auc_model": auc(p_model, o),
        "model_mean": float(p_model.mean()), "model_sd": float(p_model.std()),
        "reliability": reliability(p_model, o, labels=list(members)),
    }


# --- the validation -----------------------------------------------------------------------------

OUTCOMES = {
    "reached_by_2024": "reached >= 2% in some year 2014-2024 (model: 1 - P(first year = never))",
    "at_2024": "at >= 2% in 2024 (model: p_core_target[2024])",
}
TREND_SKIPPED = ("no NATO shares before 2014 in data/ (both releases and the SIPRI cross-check "
                 "start in 2014), so a 2010-2014 linear trend cannot be fitted")


def scenario_matches_repo(res) -> bool | None:
    path = ROOT / "scenarios" / "wales2014.yaml"
    if not path.exists():
        return None
    return path.read_text(encoding="utf-8").strip() in res["scenario_text"]


def validate_release(res: dict, release: str, data_dir: Path = DATA) -> dict:
    members = [m for m, a in zip(res["members"], res["armed"]) if a]
    idx = {m: i for i, m in enumerate(res["members"])}
    shares = load_release(release, data_dir)
    obs = observed_counts(shares, members)
    support = res["n_at_target"]
    obs_all = allies_counts(shares, data_dir)
    counts = []
    for j, y in enumerate(res["years"]):
        row = {"year": y, "observed": obs[y], "observed_all_allies": obs_all[y]}
        row |= count_distribution(res["count_prob"][j], support, obs[y])
        row["mean"] = float(res["count_mean"][j])
        counts.append(row)

    j24 = res["years"].index(END)
    never = res["first_year"].index("never")
    p_at = np.array([res["p_core_target"][idx[m], j24] for m in members])
    p_reached = np.array([1.0 - res["first_year_core_prob"][idx[m], never] for m in members])
    first = first_year_at_target(shares, members)
    o_reached = np.array([first[m] is not None for m in members], float)
    o_at = at_target(shares.loc[members, END]).astype(float)
    s14 = shares.loc[members, START].to_numpy(float)
    below = ~at_target(s14)

    qs = res["quantiles"]
    q_at = lambda m, q: float(res["core_share_quantile"][idx[m], j24, qs.index(q)])  # noqa: E731
    per_member = [{
        "member": m, "share_2014": float(s14[i]), "share_2024": float(shares.at[m, END]),
        "sim_share_2024_q05": q_at(m, 0.05), "sim_share_2024_q50": q_at(m, 0.5),
        "sim_share_2024_q95": q_at(m, 0.95),
        "first_year_at_2pct": first[m], "p_reached_by_2024": float(p_reached[i]),
        "reached_by_2024": bool(o_reached[i]), "p_at_2024": float(p_at[i]),
        "at_2024": bool(o_at[i]), "below_2pct_in_2014": bool(below[i]),
    } for i, m in enumerate(members)]

    scores = {}
    for key, (p, o) in {"reached_by_2024": (p_reached, o_reached), "at_2024": (p_at, o_at)}.items():
        scores[key] = {
            "below_2pct_in_2014": score_outcome(p[below], o[below], s14[below],
                                                np.array(members)[below]),
            "all_armed": score_outcome(p, o, s14, members),
        }
    for r in per_member:
        r["share_2024_vs_sim90"] = ("below" if r["share_2024"] < r["sim_share_2024_q05"] else
                                    "above" if r["share_2024"] > r["sim_share_2024_q95"] else "inside")
    inside = [r["in_90"] for r in counts if r["year"] > START]
    return {"release": release, "label": RELEASES[release]["label"],
            "count_years_in_90": int(sum(inside)), "count_years_checked": len(inside),
            "shares_2024_vs_sim90": {k: sum(r["share_2024_vs_sim90"] == k for r in per_member)
                                     for k in ("below", "inside", "above")},
            "note": RELEASES[release]["note"], "counts": counts,
            "policy_counts": {str(k): v for k, v in POLICY_COUNTS[release].items()},
            "per_member": per_member, "scores": scores, "trend_baseline": TREND_SKIPPED,
            "n_members": len(members), "n_below_2pct_in_2014": int(below.sum())}


def validate(results_path, primary: str = "aug2025", data_dir: Path = DATA) -> dict:
    res = read_results(results_path)
    order = [primary] + [r for r in RELEASES if r != primary]
    return {
        "run": {k: res[k] for k in ("path", "scenario_name", "scenario_sha256", "git_commit",
                                    "software_version", "seed", "trials")}
               | {"simulate_command": f"simulate scenarios/wales2014.yaml -n {res['trials']} "
                                      f"--seed {res['seed']} -o {res['path']}",
                  "scenario_matches_repo": scenario_matches_repo(res)},
        "report_date": _dt.date.today().isoformat(),
        "report_command": "/usr/bin/python3 -m analysis.validate_wales " + " ".join(sys.argv[1:]),
        "primary_release": primary,
        "releases": {r: validate_release(res, r, data_dir) for r in order},
    }


# --- Markdown ----------------------------------------------------------------------------------

def _f(x, nd=3):
    return "–" if x is None else f"{x:.{nd}f}"


def _counts_table(rel) -> list[str]:
    out = ["| year | sim median | sim 90% interval | sim mean | observed (27 allies of 2014) "
           "| all allies in release | P(sim ≤ obs) | P(sim ≥ obs) |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rel["counts"]:
        flag = "" if r["in_90"] else " (outside)"
        out.append(f"| {r['year']} | {r['median']} | {r['lo90']}–{r['hi90']} | {r['mean']:.2f} "
                   f"| **{r['observed']}**{flag} | {r['observed_all_allies']} "
                   f"| {r['p_le_obs']:.3f} | {r['p_ge_obs']:.3f} |")
    return out


def _scores_table(rel) -> list[str]:
    out = ["| outcome | members | observed | forecaster | Brier | log score | "
           "Brier diff vs model, 95% bootstrap | P(model better) |",
           "|---|---|---|---|---|---|---|---|"]
    for key in OUTCOMES:
        for subset in ("below_2pct_in_2014", "all_armed"):
            sc = rel["scores"][key][subset]
            label = f"{sc['n']} {'below 2% in 2014' if subset.startswith('below') else 'armed'}"
            for fc in ("model", "base_rate", "persistence"):
                if fc == "model":
                    ci, pb = "", ""
                else:
                    b = sc["brier_diff_bootstrap"][fc]
                    d = sc["brier"]["model"] - sc["brier"][fc]
                    ci = f"{d:+.3f} [{b['lo95']:+.3f}, {b['hi95']:+.3f}]"
                    pb = f"{b['p_model_better']:.2f}"
                out.append(f"| {key} | {label} | {sc['observed']}/{sc['n']} | {fc.replace('_', ' ')} "
                           f"| {sc['brier'][fc]:.3f} | {sc['log'][fc]:.3f} | {ci} | {pb} |")
            out.append(f"| {key} | {label} | | trend 2010–2014 | skipped | skipped | | |")
    return out


def _member_table(primary, other) -> list[str]:
    a, b = primary["release"], other["release"]
    ob = {r["member"]: r for r in other["per_member"]}
    out = [f"| member | 2014 ({a}) | first year ≥2% ({a}) | P(sim reached by 2024) "
           f"| 2024 ({a}) | 2024 ({b}) | P(sim ≥2% in 2024) | sim 2024 share, 5%–50%–95% |",
           "|---|---|---|---|---|---|---|---|"]
    for r in primary["per_member"]:
        rb = ob[r["member"]]
        mark = lambda s, hit: f"{s:.2f}{' ✓' if hit else ''}"  # noqa: E731
        out.append(f"| {r['member']} | {r['share_2014']:.2f} | {r['first_year_at_2pct'] or 'never'} "
                   f"| {r['p_reached_by_2024']:.3f} | {mark(r['share_2024'], r['at_2024'])} "
                   f"| {mark(rb['share_2024'], rb['at_2024'])} | {r['p_at_2024']:.3f} "
                   f"| {r['sim_share_2024_q05']:.2f}–{r['sim_share_2024_q50']:.2f}–"
                   f"{r['sim_share_2024_q95']:.2f} |")
    return out


def _reliability_table(rel) -> list[str]:
    out = ["| outcome | bin | n | mean forecast | observed frequency | members |",
           "|---|---|---|---|---|---|"]
    for key in OUTCOMES:
        for row in rel["scores"][key]["below_2pct_in_2014"]["reliability"]:
            out.append(f"| {key} | {row['bin']} | {row['n']} | {_f(row['mean_forecast'])} "
                       f"| {_f(row['observed_freq'])} | {', '.join(row['members'])} |")
    return out


def render_markdown(rep: dict) -> str:
    run = rep["run"]
    rels = list(rep["releases"].values())
    p, o = rels[0], rels[1]
    L = ["### Run", "",
         f"* results: `{run['path']}`, scenario `{run['scenario_name']}` "
         f"(sha256 {run['scenario_sha256'][:12]}…, same as scenarios/wales2014.yaml: "
         f"{'yes' if run['scenario_matches_repo'] else 'NO' if run['scenario_matches_repo'] is False else 'unknown'})",
         f"* {run['trials']} trials, seed {run['seed']}, simulate {run['software_version']}, "
         f"git commit `{run['git_commit']}` (root attribute `git_commit`)",
         f"* run: `{run['simulate_command']}`",
         f"* report: `{rep['report_command']}`, {rep['report_date']}", ""]
    for rel in (p, o):
        L += [f"### 1. Allies at ≥ 2%, by year — {rel['label']}", "",
              f"Observed: {rel['release']} shares rounded to 2 decimals, counted ≥ 2.00 over the "
              f"{rel['n_members']} allies of the scenario ({rel['note']}). "
              "\"All allies in release\" counts every ally that had joined by that year "
              "(docs/POLICY.md §2.2's list); it differs only in 2023 (Finland) and 2024 "
              "(Finland, Sweden).",
              ""] + _counts_table(rel) + ["",
              f"Observed count inside the simulated 90% interval in {rel['count_years_in_90']} of "
              f"{rel['count_years_checked']} years 2015–2024 (the years are strongly dependent, "
              "so this is not 10 independent checks).", ""]
    L += [f"### 2. Per member — outcomes in {p['release']}, 2024 also in {o['release']}", "",
          "✓ = at ≥ 2.00 in 2024 in that release. The last column is the simulated 2024 core "
          "share (quantiles of `core_share_quantile`)."] + [""] + _member_table(p, o) + [""]
    for rel in (p, o):
        v = rel["shares_2024_vs_sim90"]
        L.append(f"* {rel['release']}: observed 2024 share below the simulated 5% quantile for "
                 f"{v['below']} of {rel['n_members']} allies, above the 95% quantile for "
                 f"{v['above']}, inside for {v['inside']}.")
    L.append("")
    for rel in (p, o):
        L += [f"#### Scores — {rel['label']}", "",
              "Brier = mean (p − o)²; log score = mean −ln p(outcome), forecasts clipped to "
              "[0.02, 0.98]; lower is better for both. Diff = Brier(model) − Brier(baseline), "
              f"negative = model better; 95% percentile bootstrap over members ({N_BOOT} resamples). "
              f"Trend baseline skipped: {rel['trend_baseline']}.", ""] + _scores_table(rel) + [""]
        for key in OUTCOMES:
            sc = rel["scores"][key]["below_2pct_in_2014"]
            L.append(f"* {key}, 24 below 2%: model mean {sc['model_mean']:.3f}, sd across members "
                     f"{sc['model_sd']:.3f}, AUC {_f(sc['auc_model'], 2)}.")
        L.append("")
    L += [f"#### Reliability — model, 24 allies below 2% in 2014, {p['release']}", ""] + \
        _reliability_table(p) + [""]
    return "\n".join(L)


BEGIN_MARK = "<!-- >>> validate_wales (generated by analysis/validate_wales.py; do not edit by hand) -->"
END_MARK = "<!-- <<< validate_wales -->"


def write_markdown(path: Path, generated: str) -> None:
    """Writes the generated block; in an existing file with the markers, only between them."""
    block = f"{BEGIN_MARK}\n{generated}\n{END_MARK}"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        b, e = old.find(BEGIN_MARK), old.find(END_MARK)
        if 0 <= b < e:
            path.write_text(old[:b] + block + old[e + len(END_MARK):], encoding="utf-8")
            return
    path.write_text(block + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", help="results file of scenarios/wales2014.yaml")
    ap.add_argument("--release", choices=list(RELEASES), default="aug2025",
                    help="primary NATO release (default aug2025, the start shares' release)")
    ap.add_argument("-o", "--output", help="report file: .json for JSON, else Markdown")
    args = ap.parse_args(argv)
    try:
        rep = validate(args.results, args.release)
    except (OSError, KeyError, ValueError) as e:
        print(f"validate_wales: {e}", file=sys.stderr)
        return 2
    if args.output and args.output.endswith(".json"):
        Path(args.output).write_text(json.dumps(rep, indent=1) + "\n", encoding="utf-8")
    elif args.output:
        write_markdown(Path(args.output), render_markdown(rep))
    else:
        print(render_markdown(rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
