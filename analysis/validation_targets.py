"""Pooled results, pre-registered targets and honesty checks of the validation harness
(analysis/validate.py; protocol and targets in docs/EVIDENCE.md §5): skills against each
reference with member-block bootstrap intervals and Diebold-Mariano tests, pooled per release
over the Wales origins; the targets' verdicts; the honesty checks; the drift of the fitted
coefficients across origins; the priors' registration; the V7 checks."""
from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import baselines as bl
from analysis import scores as sc
from analysis.validation_protocol import LAST_OBS_YEAR, MODEL, PIT_BINS, V1

ROOT = Path(__file__).resolve().parents[1]
BASELINES = bl.KINDS
FRONTLINE = ("EST", "LVA", "LTU", "POL", "ROU")
FAR = ("ESP", "PRT", "CAN", "ITA", "BEL")


def _pairs(df: pd.DataFrame, model: str, ref: str, field: str) -> pd.DataFrame:
    """Rows where both forecasters scored the same cell, side by side."""
    key = ["scenario", "release", "member", "year"]
    a = df[df.forecaster == model][key + [field]]
    b = df[df.forecaster == ref][key + [field]]
    return a.merge(b, on=key, suffixes=("_m", "_r"))


def skill_with_ci(df: pd.DataFrame, model: str, ref: str, field: str = "crps",
                  n_boot: int = sc.N_BOOT) -> dict | None:
    """Skill of `model` vs `ref` on the cells of df, member-block bootstrap, and the DM test."""
    p = _pairs(df, model, ref, field)
    if p.empty:
        return None
    out = sc.block_bootstrap_skill(p[f"{field}_m"], p[f"{field}_r"], p["member"], n_boot=n_boot)
    out["score_model"] = float(p[f"{field}_m"].mean())
    out["score_ref"] = float(p[f"{field}_r"].mean())
    out["cells"] = int(len(p))
    out["dm"] = sc.diebold_mariano(p[f"{field}_m"], p[f"{field}_r"], p["member"])
    return out


def brier_skill_clim(df: pd.DataFrame, model: str, n_boot: int = sc.N_BOOT) -> dict | None:
    """Brier skill vs climatology (the observed frequency of the event among the scored members
    in the same scenario and year: in-sample, so optimistic for climatology) with a member-block
    bootstrap. The climatological forecast is held fixed in the resamples."""
    m = df[df.forecaster == model].copy()
    if m.empty:
        return None
    m["clim"] = m.groupby(["scenario", "release", "year"])["o_event"].transform("mean")
    ref = (m["clim"] - m["o_event"]) ** 2
    out = sc.block_bootstrap_skill(m["brier"], ref, m["member"], n_boot=n_boot)
    out["brier_model"] = float(m["brier"].mean())
    out["brier_climatology"] = float(ref.mean())
    out["cells"] = int(len(m))
    out["dm"] = sc.diebold_mariano(m["brier"], ref, m["member"])
    return out


REFS = ("v1",) + BASELINES
GROUP_2016_19 = (2016, 2017, 2018, 2019)


def pooled(df: pd.DataFrame, n_boot: int = sc.N_BOOT) -> dict:
    """Pooled over the Wales origins, per release: skills with intervals, PIT, coverage, horizon."""
    out = {}
    w = df[df.kind == "wales"]
    for rel_name in ("A", "B"):
        d = w[w.release == rel_name]
        if d.empty:
            continue
        last = d[d.year == LAST_OBS_YEAR]
        fcs = sorted(d.forecaster.unique(), key=lambda k: (k not in (MODEL, V1), k))
        r = {"origins": sorted(int(o) for o in d.origin.unique()), "forecasters": fcs}
        r["skill_crps_2024"] = {m: {ref: skill_with_ci(last, m, ref, n_boot=n_boot)
                                    for ref in REFS if ref != m and ref in fcs}
                                for m in (MODEL, V1) if m in fcs}
        r["skill_crps_all_years"] = {m: {ref: skill_with_ci(d, m, ref, n_boot=n_boot)
                                         for ref in REFS if ref != m and ref in fcs}
                                     for m in (MODEL, V1) if m in fcs}
        grp = last[last.origin.isin(GROUP_2016_19)]
        r["skill_crps_2024_origins_2016_2019"] = {
            m: {ref: skill_with_ci(grp, m, ref, n_boot=n_boot)
                for ref in REFS if ref != m and ref in fcs}
            for m in (MODEL, V1) if m in fcs and not grp.empty}
        r["brier_skill_clim_2024"] = {m: brier_skill_clim(last, m, n_boot=n_boot) for m in fcs}
        r["brier_skill_clim_2024_origins_2014_2019"] = {
            m: brier_skill_clim(last[last.origin <= 2019], m, n_boot=n_boot) for m in fcs}
        short = d[d.h <= 2]
        r["skill_crps_h_le2_vs_persistence"] = {m: skill_with_ci(short, m, "persistence",
                                                                 n_boot=n_boot)
                                                for m in fcs if m != "persistence"}
        r["crps_by_horizon"] = {m: {int(h): float(v) for h, v in
                                    d[d.forecaster == m].groupby("h")["crps"].mean().items()}
                                for m in fcs}
        r["pit_hist"] = {m: sc.pit_histogram(d[d.forecaster == m]["pit"], PIT_BINS).tolist()
                         for m in fcs}
        r["pit_idio_hist"] = {m: sc.pit_histogram(d[d.forecaster == m]["pit_idio"],
                                                  PIT_BINS).tolist() for m in fcs}
        r["coverage_all_cells"] = {m: {"cov50": float(d[d.forecaster == m]["cov50"].mean()),
                                       "cov90": float(d[d.forecaster == m]["cov90"].mean()),
                                       "cells": int((d.forecaster == m).sum())} for m in fcs}
        r["coverage_2024"] = {m: {"cov50": float(last[last.forecaster == m]["cov50"].mean()),
                                  "cov90": float(last[last.forecaster == m]["cov90"].mean()),
                                  "cells": int((last.forecaster == m).sum())} for m in fcs}
        out[rel_name] = r
    return out


def _status(ok) -> str:
    return "not run" if ok is None else ("met" if ok else "NOT met")


def _per_origin(summ: dict, key: str, rel_name="A", fc=MODEL) -> dict:
    out = {}
    for name, s in summ.items():
        if s["kind"] != "wales" or rel_name not in s["summary"]:
            continue
        f = s["summary"][rel_name]["forecasters"].get(fc)
        if f is not None:
            out[s["origin"]] = (f[key], s["summary"][rel_name]["members"])
    return out


def targets(summ: dict, pool: dict, per_origin_skill: dict,
            per_origin_skill_v1: dict | None = None) -> list[dict]:
    """The targets of docs/EVIDENCE.md §5 next to what was achieved (model v2, release A,
    2024 shares unless stated). A target with no v2 result is "not run"."""
    T = []

    def add(tid, quantity, target, achieved, ok, v1=None, note=""):
        T.append({"id": tid, "quantity": quantity, "target": target, "achieved": achieved,
                  "v1": v1, "status": _status(ok), "note": note})

    crps = _per_origin(summ, "crps_last_year")
    crps1 = _per_origin(summ, "crps_last_year", fc=V1)
    fmt = lambda d: ", ".join(f"{o}: {v[0]:.3f}" for o, v in sorted(d.items())) or "–"  # noqa: E731
    add("T1", "CRPS of 2024 shares, origin 2014 (priors only)", "≤ 0.33",
        fmt({o: v for o, v in crps.items() if o == 2014}),
        None if 2014 not in crps else crps[2014][0] <= 0.33,
        fmt({o: v for o, v in crps1.items() if o == 2014}))
    g = {o: v for o, v in crps.items() if o in GROUP_2016_19}
    add("T2", "CRPS of 2024 shares, each origin 2016–2019", "≤ 0.28 at every origin", fmt(g),
        None if not g else all(v[0] <= 0.28 for v in g.values()),
        note="judged per origin (stricter than the mean over origins)")
    sk = {o: v for o, v in per_origin_skill.items()}
    s14 = sk.get(2014)
    sk1 = per_origin_skill_v1 or {}
    fs = lambda d: ", ".join(f"{o}: {v['skill']:+.3f} [{v['lo']:+.3f}, {v['hi']:+.3f}]"  # noqa: E731
                             for o, v in sorted(d.items())) or "–"
    add("T3a", "CRPS skill vs plan-literal, origin 2014", "≥ +0.10",
        fs({o: v for o, v in sk.items() if o == 2014}),
        None if s14 is None else s14["skill"] >= 0.10,
        fs({o: v for o, v in sk1.items() if o == 2014}))
    g = {o: v for o, v in sk.items() if o in GROUP_2016_19}
    add("T3b", "CRPS skill vs plan-literal, each origin 2016–2019", "≥ +0.20 at every origin",
        fs(g), None if not g else all(v["skill"] >= 0.20 for v in g.values()),
        fs({o: v for o, v in sk1.items() if o in GROUP_2016_19}))
    for rel_name, thr, tid in (("A", 0.15, "T4a"), ("B", 0.0, "T4b")):
        b = pool.get(rel_name, {}).get("brier_skill_clim_2024", {})
        m, v1 = b.get(MODEL), b.get(V1)
        add(tid, f"Brier skill vs climatology, ≥2% in 2024, release {rel_name}, pooled over "
                 f"origins {pool.get(rel_name, {}).get('origins', [])}", f"≥ {thr:+.2f}",
            "–" if m is None else f"{m['skill']:+.3f} [{m['lo']:+.3f}, {m['hi']:+.3f}]",
            None if m is None else m["skill"] >= thr,
            None if v1 is None else f"{v1['skill']:+.3f} [{v1['lo']:+.3f}, {v1['hi']:+.3f}]",
            note="climatology is in-sample (the observed frequency), so it is a demanding yardstick")
    for key, tid, lo, hi in (("cov90_last_year", "T5", 21, 27), ("cov50_last_year", "T6", 9, 20)):
        c = _per_origin(summ, key)
        c1 = _per_origin(summ, key, fc=V1)
        f = lambda d: ", ".join(f"{o}: {v[0]}/{v[1]}" for o, v in sorted(d.items())) or "–"  # noqa: E731
        add(tid, f"{'90' if tid == 'T5' else '50'}% central-interval coverage of 2024 shares, "
                 "each origin", f"{lo}–{hi} of 27 (as a fraction of the members scored)", f(c),
            None if not c else all(lo / 27 <= v[0] / v[1] <= hi / 27 + 1e-12 for v in c.values()),
            f(c1))
    c = _per_origin(summ, "count_last_year")
    c1 = _per_origin(summ, "count_last_year", fc=V1)
    f = lambda d: "; ".join(  # noqa: E731
        f"{o}: obs {v[0]['observed']}, 90% {v[0]['lo90']}–{v[0]['hi90']}, "
        f"P(sim ≤ obs) {v[0]['p_le_obs']:.2f}" for o, v in sorted(d.items())) or "–"
    add("T7", "allies at ≥2% in 2024 inside the simulated 90% interval, each origin",
        "inside, with P(sim ≤ obs) in [0.05, 0.95]", f(c),
        None if not c else all(v[0]["in_90"] and 0.05 <= v[0]["p_le_obs"] <= 0.95
                               for v in c.values()), f(c1))
    h = pool.get("A", {}).get("skill_crps_h_le2_vs_persistence", {})
    m, v1 = h.get(MODEL), h.get(V1)
    add("T8", "CRPS skill vs persistence at horizons ≤ 2 years, pooled over origins", "≥ −0.05",
        "–" if m is None else f"{m['skill']:+.3f} [{m['lo']:+.3f}, {m['hi']:+.3f}]",
        None if m is None else m["skill"] >= -0.05,
        None if v1 is None else f"{v1['skill']:+.3f} [{v1['lo']:+.3f}, {v1['hi']:+.3f}]",
        note="without adopted budgets; ≥ +0.2 is the target with them")
    return T


def coefficient_drift(calib_dir: Path = ROOT / "scenarios" / "calibration",
                      origins=(2016, 2017, 2019, 2021),
                      columns=("theta_elevated", "lambda_elevated", "delta_elevated")) -> dict:
    """Bootstrap mean and SE (sd over the K rows) of the elevated-regime coefficients per origin
    (scenarios/calibration/v2_origin_O.csv) and every pair of origins whose means differ by more
    than 2 SE of the difference, sqrt(se_a^2 + se_b^2)."""
    est = {}
    for o in origins:
        p = calib_dir / f"v2_origin_{o}.csv"
        if p.exists():
            t = pd.read_csv(p)
            est[o] = {c: (float(t[c].mean()), float(t[c].std(ddof=1))) for c in columns
                      if c in t.columns}
    flags = []
    os_ = sorted(est)
    for i, a in enumerate(os_):
        for b in os_[i + 1:]:
            for c in columns:
                if c in est[a] and c in est[b]:
                    (ma, sa), (mb, sb) = est[a][c], est[b][c]
                    se = float(np.hypot(sa, sb))
                    if se > 0 and abs(ma - mb) > 2 * se:
                        flags.append({"column": c, "origins": [a, b], "diff": ma - mb, "se": se})
    return {"estimates": {str(o): v for o, v in est.items()}, "flags": flags,
            "origins_found": os_}


def priors_registration() -> dict:
    """Is the v2.5 priors section of docs/MODEL.md unchanged since the commit that added it, and
    did that commit come before the first commit of docs/validation/validation.json?"""
    def git(*a):
        p = subprocess.run(["git", "-C", str(ROOT), *a], capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 else None

    def section(text):
        if text is None:
            return None
        b = text.find("## v2.5 Priors")
        if b < 0:
            return None
        e = text.find("\n## ", b + 5)
        return text[b:e if e > 0 else len(text)].strip()

    first = git("log", "--format=%H %cs", "--reverse", "-S", "## v2.5 Priors", "--",
                "docs/MODEL.md")
    if not first:
        return {"checked": False, "why": "git history unavailable or no v2.5 section"}
    commit, date = first.splitlines()[0].split()
    now = section((ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8"))
    then = section(git("show", f"{commit}:docs/MODEL.md"))
    val = git("log", "--format=%H %cs", "--reverse", "--", "docs/validation/validation.json")
    first_val = val.splitlines()[0].split() if val else None
    before = None
    if first_val:
        before = git("merge-base", "--is-ancestor", commit, first_val[0]) is not None
    return {"checked": True, "registered_commit": commit[:12], "registered_date": date,
            "unchanged_since": now == then,
            "first_validation_commit": first_val[0][:12] if first_val else None,
            "registered_before_first_score": True if first_val is None else bool(before)}


def honesty(summ: dict, pool: dict, in_sample: dict | None = None) -> list[dict]:
    """The signs of overfitting (docs/EVIDENCE.md §5) or look-ahead, each as 'sign present' / 'absent' / 'not checked'."""
    H = []

    def add(hid, sign, value, present, note=""):
        H.append({"id": hid, "sign": sign, "value": value,
                  "status": "not checked" if present is None else
                  ("SIGN PRESENT" if present else "absent"), "note": note})

    crps = _per_origin(summ, "crps_last_year")
    v = crps.get(2014)
    add("H1", "CRPS of 2024 shares below 0.20 from the 2014 origin", "–" if v is None else
        f"{v[0]:.3f}", None if v is None else v[0] < 0.20)
    b = pool.get("A", {}).get("brier_skill_clim_2024", {}).get(MODEL)
    add("H2", "Brier skill vs climatology above 0.5 with the threat path drawn",
        "–" if b is None else f"{b['skill']:+.3f}", None if b is None else b["skill"] > 0.5,
        "the hindcast scenarios draw the regime path from the origin on; they do not set 2022")
    c = _per_origin(summ, "cov90_last_year")
    add("H3", "90% coverage of 2024 shares below 0.75 at some origin (over-confidence)",
        ", ".join(f"{o}: {x[0]}/{x[1]}" for o, x in sorted(c.items())) or "–",
        None if not c else any(x[0] / x[1] < 0.75 for x in c.values()))
    add("H4", "in-sample (2015–2024 fit) CRPS > 30% better than rolling-origin CRPS at the same "
        "horizon", "; ".join(f"{o}: {x['in_sample']:.3f} vs {x['rolling_origin']:.3f} "
                            f"(ratio {x['ratio']:.2f})" for o, x in sorted((in_sample or {}).items()))
        or "–", None if not in_sample else any(x["ratio"] < 0.7 for x in in_sample.values()),
        "the origin's hindcast rerun with the origin-2024 parameter file (member baselines stay "
        "the origin's); 2024 CRPS, release A")
    drift = coefficient_drift()
    add("H5", "θ_E, λ_E or δ_E moving by more than 2 bootstrap SE between origins 2016, 2017, "
        "2019, 2021", "; ".join(f"{f['column']} {f['origins'][0]}→{f['origins'][1]}: "
                                f"{f['diff']:+.3f} (SE {f['se']:.3f})" for f in drift["flags"])
        or f"no pair (origins found: {drift['origins_found']})",
        None if len(drift["origins_found"]) < 2 else bool(drift["flags"]),
        "SE of a difference = sqrt(se_a² + se_b²), se = sd over the calibration's bootstrap rows")
    add("H6", "more than ~5 pooled coefficients per regime, or an unshrunk member parameter", "–",
        None, "a property of the design (docs/MODEL.md v2.3–v2.4), not computed here")
    pr = priors_registration()
    add("H7", "priors for the 2014 origin changed after seeing scores",
        (f"v2.5 added in {pr['registered_commit']} ({pr['registered_date']}); unchanged since: "
         f"{pr['unchanged_since']}; before the first validation.json commit: "
         f"{pr['registered_before_first_score']}") if pr.get("checked") else pr.get("why", "–"),
        None if not pr.get("checked") else
        (not pr["unchanged_since"] or not pr["registered_before_first_score"]))
    return H


def v7_checks(df: pd.DataFrame, hague_medians: dict | None) -> list[dict]:
    """Regression tests for the v1 failures (docs/EVIDENCE.md §5 V7), on the 2024 quantiles of each Wales origin
    from 2016 on (v2, with v1 beside it). The frontline-far gap is the median over the five
    members of each member's simulated median."""
    out = []
    a = df[(df.release == "A") & (df.year == LAST_OBS_YEAR) & (df.kind == "wales")
           & (df.origin >= 2016)]
    for (origin, fc), g in a[a.forecaster.isin([MODEL, V1])].groupby(["origin", "forecaster"]):
        g = g.set_index("member")
        row = {"origin": int(origin), "forecaster": fc}
        if "POL" in g.index:
            row["pol_q95"] = float(g.at["POL", "q95"])
            row["pol_q95_gt_3"] = row["pol_q95"] > 3.0
        if "BEL" in g.index:
            row["bel_q05"] = float(g.at["BEL", "q05"])
            row["bel_q05_lt_1_5"] = row["bel_q05"] < 1.5
        fr = [m for m in FRONTLINE if m in g.index]
        fa = [m for m in FAR if m in g.index]
        if fr and fa:
            row["frontline_minus_far"] = float(np.median(g.loc[fr, "q50"]) -
                                               np.median(g.loc[fa, "q50"]))
            row["gap_gt_0_8"] = row["frontline_minus_far"] > 0.8
        checks = [v for k, v in row.items() if k.endswith(("_3", "_5", "_8"))]
        row["all_pass"] = all(checks) if checks else None
        out.append(row)
    if hague_medians is not None:
        for fc, med in hague_medians.items():
            span = max(med.values()) - min(med.values())
            out.append({"origin": 2024, "forecaster": fc, "hague_2035_median_span": span,
                        "span_ge_1": span >= 1.0, "all_pass": span >= 1.0})
    return out
