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
This file runs, reads and scores; the pooled results, the targets' verdicts and the honesty
checks are in analysis/validation_targets.py.
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
from analysis import validation_targets as vt
from analysis.validation_protocol import LAST_OBS_YEAR, MODEL, OBS_NOISE_B, V1
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
    pool = vt.pooled(df, n_boot=n_boot) if not df.empty else {}
    last = df[(df.release == "A") & (df.year == LAST_OBS_YEAR)] if not df.empty else df
    by_origin = {}
    for s in scens:
        if s["kind"] != "wales" or last.empty:
            continue
        g = last[last.scenario == s["name"]]
        fcs = set(g.forecaster)
        by_origin[s["origin"]] = {m: {ref: vt.skill_with_ci(g, m, ref, n_boot=n_boot)
                                      for ref in vt.REFS if ref != m and ref in fcs}
                                  for m in (MODEL, V1) if m in fcs}
    pl = {o: d[MODEL]["plan_literal"] for o, d in by_origin.items()
          if MODEL in d and d[MODEL].get("plan_literal")}
    hague = next((s for s in scens if s["kind"] == "hague"), None)
    hm = hague_medians(runs.get(hague["name"], {})) if hague else None
    rep = {
        "scenarios": list(summ.values()),
        "pooled": pool,
        "skill_by_origin": by_origin,
        "targets": vt.targets(summ, pool, pl, {o: d[V1]["plan_literal"] for o, d in by_origin.items()
                                             if V1 in d and d[V1].get("plan_literal")}),
        "honesty": vt.honesty(summ, pool, in_sample),
        "v7": vt.v7_checks(df, hm) if not df.empty else [],
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
