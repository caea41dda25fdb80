"""Validation harness of model v2: rolling-origin hindcasts scored with proper scores.

Usage (from the repository root, Debian's python3):

    /usr/bin/python3 -m analysis.validate [--simulate PATH] [--trials 20000] [--seed S]
        [--results-dir results/validation] [--skip-run] [--out docs/VALIDATION.md]
        [--figures docs/validation] [--json docs/validation/validation.json]

For every scenario in scenarios/hindcast/ (wales_origin_YYYY.yaml, hague_origin_2024.yaml) it runs

    simulate SCEN -n N --seed S --save-trials -o DIR/NAME.h5 --force -q -j 2          (model v2)
    simulate SCEN ... --set model.version=1 -o DIR/NAME.v1.h5                          (model v1)

(if the loader rejects `model.version`, v1 comes from scenarios/wales2014.yaml, origin 2014 only,
and the report says so), reads /trials/core_share (trial, member, year) and scores every scored
member x year in O+1..2024 (O = the scenario's start year) against NATO release A (primary) and
release B (sensitivity; simulated values get N(0, 0.15^2) observation noise in B's estimate
years 2023-2024), and 2025 separately (mixed vintages). The protocol is the one of the v2
docs/EVIDENCE.md §5 (protocol V0-V7 and targets); docs/VALIDATION.md is regenerated from the numbers
(figures and validation.json, with every number, in docs/validation/; the figures and the page
are drawn by analysis/validation_report.py). --skip-run scores the files already in the results
directory.

Scored members: the scenario's members with armed forces that have a release-A share in every
scored year. "At 2%" is the model's rule: share >= 2 - 0.005, i.e. >= 2.00 as NATO rounds.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from analysis import baselines as bl
from analysis import io
from analysis import scores as sc
from analysis.validation_protocol import LAST_OBS_YEAR, MODEL, OBS_NOISE_B, PIT_BINS, V1
from analysis.validation_report import figures, render

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
HINDCAST_DIR = ROOT / "scenarios" / "hindcast"
FALLBACK_V1 = ROOT / "scenarios" / "wales2014.yaml"
DEFAULT_SIMULATE = ROOT / "build" / "sim" / "cli" / "simulate"
DEFAULT_SEED = 20140905
MIXED_YEAR = 2025             # data/defence_share.csv, mixed vintages
THRESHOLD_PCT = 2.0           # the event scored with Brier: at >= 2% as NATO rounds
MEETS_TOL = io.TARGET_TOLERANCE_PP  # share >= target - 0.005, the model's rule (analysis/io.py)
LEVELS = (0.5, 0.9)
BASELINES = bl.KINDS
FRONTLINE = ("EST", "LVA", "LTU", "POL", "ROU")
FAR = ("ESP", "PRT", "CAN", "ITA", "BEL")
ORIGIN_RE = re.compile(r"^wales_origin_(\d{4})\.yaml$")
HAGUE_NAME = "hague_origin_2024.yaml"


# --- scenarios and runs -------------------------------------------------------------------------

def discover(hindcast_dir: Path = HINDCAST_DIR) -> list[dict]:
    """Hindcast scenarios, sorted by origin (Wales first, then the Hague one-step)."""
    out = []
    if hindcast_dir.is_dir():
        for p in sorted(hindcast_dir.glob("*.yaml")):
            m = ORIGIN_RE.match(p.name)
            if m:
                out.append({"name": p.stem, "path": p, "origin": int(m.group(1)), "kind": "wales"})
            elif p.name == HAGUE_NAME:
                out.append({"name": p.stem, "path": p, "origin": 2024, "kind": "hague"})
    return sorted(out, key=lambda s: (s["kind"] != "wales", s["origin"]))


def _run(cmd: list[str], attempts: int = 3) -> tuple[int, str]:
    """Runs a command; an OSError (e.g. the binary being relinked) is retried after 10 s."""
    for k in range(attempts):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            return p.returncode, (p.stderr or p.stdout).strip()
        except OSError as e:
            err = e
            if k + 1 < attempts:
                time.sleep(10)
    return 127, f"could not start {cmd[0]}: {err}"


def rel(p) -> str:
    try:
        return str(Path(p).resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def run_all(scens: list[dict], simulate: Path, trials: int, seed: int, out_dir: Path,
            skip_run: bool, log=print) -> dict:
    """Runs v2 and v1 for every scenario. Returns {name: {"v2": path|None, "v1": path|None,
    "v1_source": ..., "errors": [...]}}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    runs = {}
    v1_rejected = False
    base = [str(simulate)]
    for s in scens:
        r = {"v2": None, "v1": None, "v1_source": "--set model.version=1", "errors": [],
             "commands": {}}
        v2 = out_dir / f"{s['name']}.h5"
        v1 = out_dir / f"{s['name']}.v1.h5"
        c2 = base + [rel(s["path"]), "-n", str(trials), "--seed", str(seed), "--save-trials",
                     "-o", rel(v2), "--force", "-q", "-j", "2"]
        c1 = c2[:-6] + ["-o", rel(v1), "--force", "-q", "-j", "2", "--set", "model.version=1"]
        r["commands"] = {"v2": " ".join(["simulate"] + c2[1:]), "v1": " ".join(["simulate"] + c1[1:])}
        if s.get("v1_only"):                  # no hindcast scenarios: wales2014.yaml is v1 itself
            c1 = c2[:-6] + ["-o", rel(v1), "--force", "-q", "-j", "2"]
            r["commands"] = {"v1": " ".join(["simulate"] + c1[1:])}
            r["v1_source"] = "scenarios/wales2014.yaml (no scenarios/hindcast/ yet)"
            if not skip_run:
                rc1, msg1 = _run(c1)
                log(f"  {s['name']} v1: exit {rc1}")
                if rc1 != 0:
                    r["errors"].append(f"v1 run failed (exit {rc1}): {msg1[:300]}")
            r["v1"] = v1 if v1.exists() else None
            runs[s["name"]] = r
            continue
        if not skip_run:
            t = time.time()
            rc, msg = _run(c2)
            log(f"  {s['name']} v2: exit {rc} ({time.time() - t:.1f} s)")
            if rc != 0:
                r["errors"].append(f"v2 run failed (exit {rc}): {msg[:300]}")
            if not v1_rejected:
                rc1, msg1 = _run(c1)
                log(f"  {s['name']} v1: exit {rc1}")
                if rc1 != 0:
                    if "model" in msg1:
                        v1_rejected = True
                    r["errors"].append(f"v1 run failed (exit {rc1}): {msg1[:300]}")
        if v2.exists():
            r["v2"] = v2
        if v1.exists():
            r["v1"] = v1
        runs[s["name"]] = r
    if v1_rejected or (skip_run and not any(s.get("v1_only") for s in scens)):
        fb = out_dir / "wales2014.v1.h5"
        cmd = base + [rel(FALLBACK_V1), "-n", str(trials), "--seed", str(seed), "--save-trials",
                      "-o", rel(fb), "--force", "-q", "-j", "2"]
        if v1_rejected and not skip_run:
            rc, msg = _run(cmd)
            log(f"  wales2014.yaml (v1 fallback): exit {rc}")
        for s in scens:
            r = runs[s["name"]]
            if r["v1"] is None and s["origin"] == 2014 and s["kind"] == "wales" and fb.exists():
                r["v1"], r["v1_source"] = fb, "fallback scenarios/wales2014.yaml"
                r["commands"]["v1"] = " ".join(["simulate"] + cmd[1:])
            elif r["v1"] is None:
                r["v1_source"] = "not run (the loader rejects model.version; fallback only for 2014)"
        runs["_fallback_v1"] = {"path": fb if fb.exists() else None,
                                "command": " ".join(["simulate"] + cmd[1:]),
                                "rejected": v1_rejected}
    return runs


# --- results files ------------------------------------------------------------------------------

def read_trials(path) -> dict:
    """/trials/core_share of a results file as (n, member, year) float32, plus its metadata."""
    with h5py.File(path, "r") as f:
        if "trials" not in f:
            raise ValueError(f"{path}: no /trials group (run with --save-trials)")
        t = f["trials"]
        a = f.attrs
        return {
            "path": str(path),
            "core_share": t["core_share"][()],
            "members": [io._text(m) for m in t["member"][()]],
            "years": [int(y) for y in t["year"][()]],
            "armed": t["armed_forces"][()].astype(bool),
            "start_year": int(a["start_year"]), "end_year": int(a["end_year"]),
            "trials": int(a["trials"]), "seed": io._text(a["seed"]),
            "git_commit": io._text(a["git_commit"]), "software_version": io._text(a["software_version"]),
            "scenario_name": io._text(a["scenario_name"]),
            "scenario_sha256": io._text(a["scenario_sha256"]),
            "core_target_pct": float(a["core_target_pct"]), "target_year": int(a["target_year"]),
        }


def select(tr: dict, members, years) -> np.ndarray:
    """core_share samples as (member, year, n) float64 for the given members and years."""
    mi = [tr["members"].index(m) for m in members]
    yi = [tr["years"].index(y) for y in years]
    x = tr["core_share"][:, mi][:, :, yi]
    return np.ascontiguousarray(np.transpose(x, (1, 2, 0)), dtype=np.float64)


# --- observations -------------------------------------------------------------------------------

class Observations:
    """Release A, release B (+ estimate flags) and 2025 values, index iso3."""

    def __init__(self, data_dir: Path = DATA, sipri_dir: Path | None = None):
        self.a = bl.load_release_a(data_dir)
        self.b, self.b_est = bl.load_release_b(data_dir)
        self.y2025 = bl.load_2025(data_dir)
        sdir = Path(sipri_dir) if sipri_dir else Path(data_dir)
        self.sipri = bl.load_sipri(sdir) if (sdir / bl.SIPRI_FILE).exists() else None

    def release(self, name: str) -> pd.DataFrame:
        return self.a if name == "A" else self.b

    def estimate_mask(self, name, members, years) -> np.ndarray:
        if name == "A":
            return np.zeros((len(members), len(years)), bool)
        est = self.b_est.reindex(index=members, columns=years).fillna(False)
        return est.to_numpy(bool)


# --- in-sample check (sign H4) -----------------------------------------------------------------

IN_SAMPLE_ORIGINS = (2016, 2017, 2019)
IN_SAMPLE_DRAWS = ROOT / "scenarios" / "calibration" / "v2_origin_2024.csv"  # fitted on 2015-2024


def in_sample_check(scens: list[dict], simulate: Path, trials: int, seed: int, out_dir: Path,
                    obs: Observations, skip_run: bool, log=print) -> dict:
    """The Wales hindcasts from IN_SAMPLE_ORIGINS rerun with the parameters fitted on 2015-2024
    (which include the years scored), against their own rolling-origin runs: mean CRPS of the
    2024 shares, release A. In-sample more than 30% better would be a sign of overfitting."""
    rows = {}
    for s in scens:
        if s["kind"] != "wales" or s["origin"] not in IN_SAMPLE_ORIGINS:
            continue
        own, ins = out_dir / f"{s['name']}.h5", out_dir / f"{s['name']}.in_sample.h5"
        if not skip_run:
            code, msg = _run([str(simulate), str(s["path"]), "-n", str(trials), "--seed",
                              str(seed), "--save-trials", "-o", str(ins), "--force", "-q",
                              "-j", "2", "--set", f"model.parameter_draws={IN_SAMPLE_DRAWS}"])
            if code != 0:
                log(f"  in-sample {s['name']}: exit {code}: {msg}")
                continue
        if not (own.exists() and ins.exists()):
            continue
        crps = []
        for path in (ins, own):
            t = read_trials(path)
            y = t["years"].index(2024)
            cells = [sc.crps_samples(t["core_share"][:, i, y], round(float(obs.a.loc[m, 2024]), 2))
                     for i, m in enumerate(t["members"])
                     if t["armed"][i] and m in obs.a.index and np.isfinite(obs.a.loc[m, 2024])]
            crps.append(float(np.mean(cells)))
        rows[s["origin"]] = {"in_sample": crps[0], "rolling_origin": crps[1],
                             "ratio": crps[0] / crps[1]}
    return rows


def meets(x, target=THRESHOLD_PCT):
    return io.meets(x, target)


# --- scoring of one forecast set ----------------------------------------------------------------

def count_summary(count_samples: np.ndarray, observed: int) -> dict:
    c = np.asarray(count_samples)
    lo, med, hi = np.quantile(c, [0.05, 0.5, 0.95], method="inverted_cdf")
    return {"observed": int(observed), "median": int(med), "lo90": int(lo), "hi90": int(hi),
            "mean": float(c.mean()), "p_le_obs": float(np.mean(c <= observed)),
            "p_ge_obs": float(np.mean(c >= observed)),
            "in_90": bool(lo <= observed <= hi)}


def score_forecast(x: np.ndarray, obs: np.ndarray) -> dict:
    """All per-cell scores of one forecaster. x (member, year, n), obs (member, year)."""
    out = {
        "crps": sc.crps_samples(x, obs),
        "log": sc.log_score_binned(x, obs),
        "pit": sc.pit(x, obs),
        "p_event": sc.event_prob(x, THRESHOLD_PCT - MEETS_TOL),
    }
    for lev in LEVELS:
        out[f"cov{int(lev * 100)}"] = sc.covered(x, obs, lev)
    out["brier"] = sc.brier(out["p_event"], meets(obs).astype(float))
    # counts of members at >= 2% per year (trial by trial) and their RPS
    cnt = meets(x).sum(axis=0).astype(np.float64)            # (year, n)
    out["count_samples"] = cnt
    out["rps_count"] = sc.rps_count_samples(cnt, meets(obs).sum(axis=0))
    # common part: PIT of the cross-member mean; idiosyncratic: PIT of s_i - mean_j s_j
    xm = x.mean(axis=0)                                        # (year, n)
    om = obs.mean(axis=0)
    out["pit_common"] = sc.pit(xm, om)
    out["pit_idio"] = sc.pit(x - xm[None], obs - om[None])
    # reached by the last scored year: at >= 2% in at least one scored year
    out["p_reached"] = np.mean(meets(x).any(axis=1), axis=-1)
    out["o_reached"] = meets(obs).any(axis=1).astype(float)
    out["brier_reached"] = sc.brier(out["p_reached"], out["o_reached"])
    out["q05"], out["q50"], out["q95"] = np.quantile(x, [0.05, 0.5, 0.95], axis=-1)
    return out


def forecasters_for(s: dict, run: dict, obs: Observations, trials: int, seed: int,
                    members=None, years=None) -> tuple[dict, dict]:
    """Loads v2/v1 samples and draws the baselines for one scenario: ({name: (M, Y, n)}, meta)."""
    meta = {"scenario": s["name"], "origin": s["origin"], "kind": s["kind"], "files": {},
            "v1_source": run.get("v1_source"), "errors": list(run.get("errors", []))}
    trs = {}
    for k in ("v2", "v1"):
        if run.get(k) is not None:
            try:
                trs[k] = read_trials(run[k])
                meta["files"][k] = {kk: trs[k][kk] for kk in (
                    "path", "trials", "seed", "git_commit", "software_version", "scenario_name",
                    "scenario_sha256", "start_year", "end_year")}
                meta["files"][k]["path"] = rel(trs[k]["path"])
            except (OSError, KeyError, ValueError) as e:
                meta["errors"].append(f"{k}: {e}")
    if not trs:
        return {}, meta
    ref = trs.get("v2") or trs["v1"]
    origin = ref["start_year"]
    if origin != s["origin"]:
        meta["errors"].append(f"start_year {origin} != origin {s['origin']} of the file name")
    if members is None:
        members = [m for m, a in zip(ref["members"], ref["armed"])
                   if a and m in obs.a.index and all(np.isfinite(obs.a.at[m, y])
                                                     for y in obs.a.columns if y >= origin)]
    if years is None:
        years = [y for y in ref["years"] if y > origin]
    meta["members"], meta["years"] = list(members), list(years)
    meta["target_pct"], meta["target_year"] = ref["core_target_pct"], ref["target_year"]
    fc = {}
    for k, tr in trs.items():
        missing = [m for m in members if m not in tr["members"]] + \
                  [str(y) for y in years if y not in tr["years"] and y <= LAST_OBS_YEAR]
        if missing:
            meta["errors"].append(f"{k}: lacks {missing}; not scored")
            continue
        have = [y for y in years if y in tr["years"]]
        x = select(tr, members, have)
        if len(have) < len(years):          # e.g. the v1 fallback ends in 2024: 2025 is NaN
            full = np.full((len(members), len(years), x.shape[-1]), np.nan)
            full[:, [years.index(y) for y in have]] = x
            x = full
            meta["errors"].append(f"{k}: no {sorted(set(years) - set(have))} in its file")
        fc[k] = x
    n = min(trials, min(v.shape[-1] for v in fc.values())) if fc else trials
    meta["baseline_fit"] = {}
    if obs.sipri is None:
        meta["errors"].append(f"{bl.SIPRI_FILE} not in data/: baselines use NATO data from 2014 only")
    for kind in BASELINES:
        try:
            smp, fit = bl.baseline_samples(kind, origin, members, years, n, seed, obs.a, obs.sipri,
                                           target=meta["target_pct"],
                                           target_year=meta["target_year"], return_fit=True)
            fc[kind] = np.ascontiguousarray(np.transpose(smp, (1, 2, 0)))
            meta["baseline_fit"][kind] = fit
        except ValueError as e:
            meta["errors"].append(f"baseline {kind}: {e}")
    return fc, meta


def score_scenario(fc: dict, meta: dict, obs: Observations, seed: int) -> dict:
    """Scores of every forecaster against releases A and B (years O+1..2024) and 2025."""
    members = meta["members"]
    years = meta["years"]
    sy = [y for y in years if y <= LAST_OBS_YEAR]
    res = {"years": sy, "members": members, "releases": {}}
    for rel_name in ("A", "B"):
        shares = obs.release(rel_name)
        if not sy:
            break
        o = shares.reindex(index=members, columns=sy).to_numpy(float)
        ok = np.isfinite(o).all(axis=1)
        mem = [m for m, k in zip(members, ok) if k]
        o = o[ok]
        est = obs.estimate_mask(rel_name, mem, sy)
        out = {"members": mem, "obs": o, "estimate_years": sorted({y for j, y in enumerate(sy)
                                                                    if est[:, j].any()}),
               "forecasters": {}}
        yi = [years.index(y) for y in sy]
        for k, x in fc.items():
            xx = x[ok][:, yi]
            if est.any():
                rng = np.random.default_rng([seed, 2])      # the same noise for every forecaster
                noise = rng.normal(0.0, OBS_NOISE_B, size=xx.shape)
                xx = xx + noise * est[:, :, None]
            out["forecasters"][k] = score_forecast(xx, o)
        res["releases"][rel_name] = out
    if MIXED_YEAR in years:
        y25 = obs.y2025.reindex(members)
        ok = y25["share"].notna().to_numpy()
        mem = [m for m, k in zip(members, ok) if k]
        o = y25["share"].to_numpy(float)[ok][:, None]
        j = years.index(MIXED_YEAR)
        res["y2025"] = {"members": mem, "obs": o,
                        "provenance": y25["provenance"][ok].tolist(),
                        "forecasters": {k: score_forecast(x[ok][:, [j]], o) for k, x in fc.items()
                                        if np.isfinite(x[ok][:, j]).all()}}
    return res


# --- tables of cells and summaries --------------------------------------------------------------

CELL_FIELDS = ("crps", "log", "pit", "pit_idio", "cov50", "cov90", "p_event", "brier")


def cells_frame(scored: list[tuple[dict, dict]]) -> pd.DataFrame:
    """One row per (scenario, release, forecaster, member, year) with every per-cell score."""
    rows = []
    for meta, res in scored:
        for rel_name, r in list(res.get("releases", {}).items()) + (
                [("2025", res["y2025"])] if "y2025" in res else []):
            yrs = res["years"] if rel_name != "2025" else [MIXED_YEAR]
            for k, f in r["forecasters"].items():
                for i, m in enumerate(r["members"]):
                    for j, y in enumerate(yrs):
                        row = {"scenario": meta["scenario"], "kind": meta["kind"],
                               "origin": meta["origin"], "release": rel_name, "forecaster": k,
                               "member": m, "year": y, "h": y - meta["origin"],
                               "obs": float(r["obs"][i, j]),
                               "o_event": float(meets(r["obs"][i, j]))}
                        for fld in CELL_FIELDS:
                            row[fld] = float(f[fld][i, j])
                        row["q05"], row["q50"], row["q95"] = (float(f[q][i, j])
                                                              for q in ("q05", "q50", "q95"))
                        rows.append(row)
    return pd.DataFrame(rows)


def summarise(meta: dict, res: dict) -> dict:
    """Per-scenario summary numbers (means over members, counts, coverage) per release."""
    out = {}
    for rel_name, r in res.get("releases", {}).items():
        yrs = res["years"]
        last = len(yrs) - 1
        o = r["obs"]
        ev = meets(o)
        clim_p = ev[:, last].mean()
        d = {"members": len(r["members"]), "years": yrs,
             "estimate_years_noised": r["estimate_years"],
             "observed_at_2pct_last_year": int(ev[:, last].sum()),
             "climatology_p_last_year": float(clim_p),
             "climatology_brier_last_year": float(np.mean((clim_p - ev[:, last]) ** 2)),
             "observed_reached": int(r["forecasters"][next(iter(r["forecasters"]))]
                                     ["o_reached"].sum()) if r["forecasters"] else None,
             "forecasters": {}}
        o_reached = next(iter(r["forecasters"].values()))["o_reached"] if r["forecasters"] else None
        if o_reached is not None:
            cr = o_reached.mean()
            d["climatology_brier_reached"] = float(np.mean((cr - o_reached) ** 2))
        for k, f in r["forecasters"].items():
            cnt = count_summary(f["count_samples"][last], int(ev[:, last].sum()))
            d["forecasters"][k] = {
                "crps_last_year": float(f["crps"][:, last].mean()),
                "crps_all_years": float(f["crps"].mean()),
                "crps_by_year": [float(v) for v in f["crps"].mean(axis=0)],
                "log_last_year": float(f["log"][:, last].mean()),
                "log_all_years": float(f["log"].mean()),
                "brier_last_year": float(f["brier"][:, last].mean()),
                "brier_by_year": [float(v) for v in f["brier"].mean(axis=0)],
                "brier_reached": float(f["brier_reached"].mean()),
                "cov50_last_year": int(f["cov50"][:, last].sum()),
                "cov90_last_year": int(f["cov90"][:, last].sum()),
                "cov50_all_years": float(f["cov50"].mean()),
                "cov90_all_years": float(f["cov90"].mean()),
                "rps_count_by_year": [float(v) for v in f["rps_count"]],
                "count_last_year": cnt,
                "counts_by_year": [count_summary(f["count_samples"][j], int(ev[:, j].sum()))
                                   for j in range(len(yrs))],
                "pit_common_by_year": [float(v) for v in f["pit_common"]],
            }
        out[rel_name] = d
    if "y2025" in res:
        r = res["y2025"]
        d = {"members": len(r["members"]), "provenance_counts": pd.Series(
            r["provenance"]).value_counts().to_dict(), "forecasters": {}}
        ev = meets(r["obs"][:, 0])
        d["observed_at_2pct"] = int(ev.sum())
        for k, f in r["forecasters"].items():
            d["forecasters"][k] = {
                "crps": float(f["crps"].mean()), "log": float(f["log"].mean()),
                "brier": float(f["brier"].mean()), "cov50": int(f["cov50"].sum()),
                "cov90": int(f["cov90"].sum()),
                "count": count_summary(f["count_samples"][0], int(ev.sum())),
            }
        out["2025"] = d
    return out


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


# --- pooled results, targets and checks ---------------------------------------------------------

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


# --- main ---------------------------------------------------------------------------------------

def adopted_equal_obs(scen_path: Path, obs: Observations, year: int = MIXED_YEAR) -> list[str]:
    """Members whose scenario gives spending.adopted_budget for `year` equal (to 0.005) to the
    scored observation of that year: for them a one-step score is not a forecast."""
    try:
        import yaml
        doc = yaml.safe_load(Path(scen_path).read_text(encoding="utf-8"))
    except (OSError, ImportError, ValueError):
        return []
    out = []
    for m, blk in (doc.get("members") or {}).items():
        ab = ((blk or {}).get("spending") or {}).get("adopted_budget") or {}
        v = ab.get(year, ab.get(str(year)))
        if v is not None and m in obs.y2025.index and \
                abs(float(v) - float(obs.y2025.at[m, "share"])) <= MEETS_TOL:
            out.append(m)
    return out


def hague_medians(run: dict, year: int = 2035) -> dict | None:
    out = {}
    for k in ("v2", "v1"):
        p = run.get(k)
        if p is None:
            continue
        tr = read_trials(p)
        if year not in tr["years"]:
            continue
        j = tr["years"].index(year)
        med = np.median(tr["core_share"][:, :, j], axis=0)
        out[k] = {m: float(v) for m, v, a in zip(tr["members"], med, tr["armed"]) if a}
    return out or None


def compact_cells(df: pd.DataFrame) -> dict:
    """The per-cell table as columns (rounded), for validation.json."""
    out = {}
    for c in df.columns:
        col = df[c]
        if col.dtype.kind == "f":
            out[c] = [None if not np.isfinite(v) else float(f"{v:.4g}") for v in col]
        else:
            out[c] = col.tolist()
    return out


def _jsonable(o):
    if isinstance(o, dict):
        return {str(k): _jsonable(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_jsonable(v) for v in o]
    if isinstance(o, np.ndarray):
        return _jsonable(o.tolist())
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, Path):
        return rel(o)
    if isinstance(o, float) and not np.isfinite(o):
        return None
    return o


def validate(scens: list[dict], runs: dict, obs: Observations, trials: int, seed: int,
             n_boot: int = sc.N_BOOT, log=print,
             in_sample: dict | None = None) -> tuple[dict, pd.DataFrame]:
    scored, summ = [], {}
    for s in scens:
        fc, meta = forecasters_for(s, runs.get(s["name"], {}), obs, trials, seed)
        if not fc:
            meta["summary"] = {}
            summ[s["name"]] = meta
            continue
        res = score_scenario(fc, meta, obs, seed)
        meta["summary"] = summarise(meta, res)
        if "2025" in meta["summary"]:
            same = adopted_equal_obs(s["path"], obs)
            d = meta["summary"]["2025"]
            d["adopted_budget_equals_observation"] = same
            r = res["y2025"]
            keep = np.array([m not in same for m in r["members"]])
            d["members_not_given"] = int(keep.sum())
            d["crps_members_not_given"] = {
                k: float(f["crps"][keep].mean()) if keep.any() else None
                for k, f in r["forecasters"].items()}
        summ[s["name"]] = meta
        scored.append((meta, res))
        log(f"  scored {s['name']}: {', '.join(fc)}")
    df = cells_frame(scored)
    pool = pooled(df, n_boot=n_boot) if not df.empty else {}
    last = df[(df.release == "A") & (df.year == LAST_OBS_YEAR)] if not df.empty else df
    by_origin = {}
    for s in scens:
        if s["kind"] != "wales" or last.empty:
            continue
        g = last[last.scenario == s["name"]]
        fcs = set(g.forecaster)
        by_origin[s["origin"]] = {m: {ref: skill_with_ci(g, m, ref, n_boot=n_boot)
                                      for ref in REFS if ref != m and ref in fcs}
                                  for m in (MODEL, V1) if m in fcs}
    pl = {o: d[MODEL]["plan_literal"] for o, d in by_origin.items()
          if MODEL in d and d[MODEL].get("plan_literal")}
    hague = next((s for s in scens if s["kind"] == "hague"), None)
    hm = hague_medians(runs.get(hague["name"], {})) if hague else None
    rep = {
        "scenarios": list(summ.values()),
        "pooled": pool,
        "skill_by_origin": by_origin,
        "targets": targets(summ, pool, pl, {o: d[V1]["plan_literal"] for o, d in by_origin.items()
                                             if V1 in d and d[V1].get("plan_literal")}),
        "honesty": honesty(summ, pool, in_sample),
        "v7": v7_checks(df, hm) if not df.empty else [],
        "hague_2035_medians": hm,
    }
    # per-member table for the earliest origin
    if not last.empty:
        o0 = min(last.origin)
        g = last[(last.origin == o0)]
        fcs = [f for f in (MODEL, V1, "plan_literal") if f in set(g.forecaster)]
        rows = []
        for m in g[g.forecaster == fcs[0]].member:
            r = {"member": m, "obs": float(g[(g.member == m)].obs.iloc[0])}
            for f in fcs:
                x = g[(g.member == m) & (g.forecaster == f)].iloc[0]
                r[f] = {"q05": x.q05, "q50": x.q50, "q95": x.q95, "pit": x.pit, "crps": x.crps}
            rows.append(r)
        rep["member_table"] = {"origin": int(o0), "forecasters": fcs, "rows": rows}
    return rep, df


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--simulate", type=Path, default=DEFAULT_SIMULATE)
    ap.add_argument("--trials", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--results-dir", type=Path, default=ROOT / "results" / "validation")
    ap.add_argument("--skip-run", action="store_true", help="score the files already there")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "VALIDATION.md")
    ap.add_argument("--figures", type=Path, default=ROOT / "docs" / "validation")
    ap.add_argument("--json", type=Path, default=None,
                    help="default: FIGURES/validation.json")
    ap.add_argument("--hindcast-dir", type=Path, default=HINDCAST_DIR)
    ap.add_argument("--data-dir", type=Path, default=DATA)
    ap.add_argument("--n-boot", type=int, default=sc.N_BOOT)
    args = ap.parse_args(argv)
    t0 = time.time()
    scens = discover(args.hindcast_dir)
    if not scens:
        print(f"validate: no scenarios in {rel(args.hindcast_dir)}; scoring v1 on "
              f"{rel(FALLBACK_V1)} (origin 2014) only", file=sys.stderr)
        scens = [{"name": "wales2014", "path": FALLBACK_V1, "origin": 2014, "kind": "wales",
                  "v1_only": True}]
    if not args.skip_run and not args.simulate.exists():
        print(f"validate: {args.simulate} not found (build it, or --skip-run)", file=sys.stderr)
        return 2
    print(f"validate: {len(scens)} scenario(s), {args.trials} trials", file=sys.stderr)
    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    runs = run_all(scens, args.simulate, args.trials, args.seed, args.results_dir, args.skip_run,
                   log=log)
    obs = Observations(args.data_dir)
    in_sample = in_sample_check(scens, args.simulate, args.trials, args.seed, args.results_dir,
                                obs, args.skip_run, log=log)
    rep, df = validate(scens, runs, obs, args.trials, args.seed, n_boot=args.n_boot, log=log,
                       in_sample=in_sample)
    rep["in_sample"] = in_sample
    ex = next((r["commands"].get("v2") or r["commands"].get("v1") for k, r in runs.items()
               if not k.startswith("_") and r.get("commands")), "")
    rep["run"] = {"trials": args.trials, "seed": args.seed, "seconds": time.time() - t0,
                  "results_dir": rel(args.results_dir), "example_command": ex,
                  "v1_fallback": _jsonable(runs.get("_fallback_v1")),
                  "n_boot": args.n_boot}
    fig_files = figures(rep["pooled"], {s["scenario"]: s for s in rep["scenarios"]}, args.figures)
    rep["figures"] = fig_files
    # per-cell scores: every forecaster in release A and 2025, v2 and v1 in release B; the
    # origin identifies the scenario
    if not df.empty:
        keep = ~((df.release == "B") & ~df.forecaster.isin([MODEL, V1]))
        rep["cells"] = compact_cells(df[keep].drop(columns=["scenario", "kind"]))
    else:
        rep["cells"] = {}
    js = args.json or args.figures / "validation.json"
    js.parent.mkdir(parents=True, exist_ok=True)
    cells = rep.pop("cells")
    body = json.dumps(_jsonable(rep), indent=1, ensure_ascii=False)
    cells_txt = json.dumps(_jsonable(cells), ensure_ascii=False, separators=(",", ":"))
    js.write_text(body[:-2] + ',\n "cells": ' + cells_txt + "\n}\n", encoding="utf-8")
    args.out.write_text(render(rep), encoding="utf-8")
    log(f"validate: wrote {rel(args.out)}, {rel(js)}, figures {fig_files} "
        f"({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
