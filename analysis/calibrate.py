"""Calibrate a scenario's growth parameters and absorption caps from data/, in place.

Usage (from the repository root, Debian's python3):

    /usr/bin/python3 -m analysis.calibrate scenarios/hague.yaml scenarios/wales2014.yaml
    /usr/bin/python3 -m analysis.calibrate --check scenarios/hague.yaml   # exit 1 if stale

The script rewrites only the text between marker comments, keeping everything else (comments,
order, hand-set values) byte for byte:

    # >>> calibrate: growth DEU (...)      member DEU's whole `growth:` block
    # <<< calibrate: growth DEU
    # >>> calibrate: cap DEU (...)         DEU's `max_rise_pp_per_year:` line (inside `spending:`)
    # <<< calibrate: cap DEU
    # >>> calibrate: alliance shocks (...) `recession_prob:` and `growth_tail_dof:` (in `shocks:`)
    # <<< calibrate: alliance shocks

A block is regenerated with the indentation of its opening marker. Every member listed in the
file must have a growth block; cap blocks are optional (a hindcast has no defence-share history
before its start year, so it keeps the default cap). No look-ahead: only data for years before
`horizon.start_year` are used, so the same code calibrates the 2025 scenario on 2000-2024 and the
2014 Wales hindcast on 2000-2013.

Data: data/real_growth.csv (IMF WEO April 2025, NGDP_RPCH) for growth; data/defence_share.csv,
rows of the NATO June-2024 release (provenance nato2024 / nato2024_est, 2014-2024) for caps.

Estimators (window W = first data year .. start_year - 1; full formulas and their justification
in analysis/calibration_estimators.py and docs/MODEL.md §1, §3; tests in
tests/python/test_calibration.py):
  recession years R      years in which more than half the members had negative growth
                         (2000-2024: 2009, 2020); shocks.recession_prob = |R| / |W| (2/25 = 0.08)
  mean_pct               mean growth over the normal years N = W \ R
  sd_pct                 sample sd (n - 1) over N
  persistence            OLS lag-1 coefficient of (g - mean) over consecutive normal-year pairs,
                         clipped to [0, 0.9]
  recession_depth_pct    mean shortfall (mean_pct - g) in the years of R, floored at 0
  common_loading         lambda_i = b_i^2, b_i = corr of member i's standardised AR(1)
                         innovations with the leave-one-out cross-member mean innovation,
                         divided by the square root of that mean's reliability (one-factor model)
  last_growth_pct        growth observed in start_year - 1
  growth_tail_dof        the Student-t dof whose simulated pooled excess kurtosis (same sample
                         sizes, fixed seed) is nearest the innovations' (0 = normal)
  max_rise_pp_per_year   mean of the two largest yearly share rises in the release, without
                         recession years and reversed one-offs, clipped to [0.15, 1.1]; raised to
                         the plan's first-year step where that is larger (an adopted budget)

`--check` regenerates in memory and exits 1 (printing a diff) if the file differs from what the
data give; it exits 2 on bad input (missing markers, unknown members, unreadable files).
"""
from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from analysis import calibration_estimators as est

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
CAP_RELEASE_PREFIX = "nato2024"  # the June-2024 release: one vintage for 2014-2024

BEGIN_RE = re.compile(
    r"^(?P<indent>[ ]*)# >>> calibrate: (?P<kind>growth|cap|alliance) (?P<key>[A-Z]{3}|shocks)\b.*$")
BEGIN_TEXT = {
    "growth": "(written by analysis/calibrate.py from data/real_growth.csv; do not edit)",
    "cap": "(written by analysis/calibrate.py from data/defence_share.csv; do not edit)",
    "alliance": "(written by analysis/calibrate.py from data/real_growth.csv; do not edit)",
}
COMMENT_COLUMN = 36  # comments start at this column, values permitting


class CalibrationError(Exception):
    """Bad input: missing or unmatched markers, unknown members, too little data."""


def read_growth(path: Path) -> dict[str, dict[int, float]]:
    panel: dict[str, dict[int, float]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            panel.setdefault(row["iso3"], {})[int(row["year"])] = float(row["pct"])
    return panel


def read_release_shares(path: Path, prefix: str = CAP_RELEASE_PREFIX) -> dict[str, dict[int, float]]:
    shares: dict[str, dict[int, float]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["pct_gdp"] and row["provenance"].startswith(prefix):
                shares.setdefault(row["iso3"], {})[int(row["year"])] = float(row["pct_gdp"])
    return shares


@dataclass
class Calibration:
    window: list[int]
    recession: list[int]
    recession_prob: float
    tail_dof: int
    kurtosis: float
    growth: dict[str, est.MemberGrowth]
    loading: dict[str, float]
    rho: dict[str, float]
    last: dict[str, float]


def calibrate_growth(panel: dict[str, dict[int, float]], members: list[str],
                     start_year: int) -> Calibration:
    missing = [m for m in members if m not in panel]
    if missing:
        raise CalibrationError(f"no growth data for members {missing} in real_growth.csv")
    sub = {m: {y: g for y, g in panel[m].items() if y < start_year} for m in members}
    first = min(min(s) for s in sub.values())
    window = list(range(first, start_year))
    recession = est.recession_years(sub, window)
    growth = {m: est.member_growth(sub[m], window, recession) for m in members}
    common = sorted(set.intersection(*(set(g.innovations) for g in growth.values())))
    u = np.array([[growth[m].innovations[y] for y in common] for m in members])
    lam, rho = est.common_loadings(u)
    dof, kurt, _ = est.tail_dof([np.array(list(growth[m].innovations.values())) for m in members])
    last_year = start_year - 1
    no_last = [m for m in members if last_year not in sub[m]]
    if no_last:
        raise CalibrationError(f"no {last_year} growth for {no_last}")
    return Calibration(window, recession, len(recession) / len(window), dof, kurt, growth,
                       dict(zip(members, lam)), dict(zip(members, rho)),
                       {m: sub[m][last_year] for m in members})


def _line(indent: str, key_value: str, comment: str) -> str:
    text = indent + key_value
    return f"{text}{' ' * max(COMMENT_COLUMN - len(text), 1)}# {comment}"


def _years(ys: list[int]) -> str:
    return ", ".join(str(y) for y in ys) if ys else "none"


def render_growth(indent: str, iso: str, cal: Calibration) -> list[str]:
    g = cal.growth[iso]
    w = f"{cal.window[0]}-{cal.window[-1]}"
    rec = " and ".join(str(y) for y in cal.recession) or "none"
    clipped = g.persistence != g.persistence_raw
    ind = indent + "  "
    return [
        f"{indent}growth:",
        _line(ind, f"mean_pct: {g.mean_pct:.2f}", f"mean, {g.normal_years} normal years {w} ({rec} out)"),
        _line(ind, f"sd_pct: {g.sd_pct:.2f}", "sd (n-1), same years"),
        _line(ind, f"persistence: {g.persistence:.2f}",
              f"AR(1): OLS on {g.pairs} consecutive normal-year pairs" +
              (f" ({g.persistence_raw:.2f}, clipped to [0, 0.9])" if clipped else "")),
        _line(ind, f"common_loading: {cal.loading[iso]:.2f}",
              f"corr {cal.rho[iso]:.2f} with leave-one-out factor, disattenuated, squared"),
        _line(ind, f"recession_depth_pct: {g.recession_depth_pct:.2f}",
              f"mean shortfall vs mean_pct in {rec}"),
        _line(ind, f"last_growth_pct: {cal.last[iso]!r}", f"real_growth.csv {iso} {cal.window[-1]}"),
    ]


def render_alliance(indent: str, cal: Calibration) -> list[str]:
    n, y = len(cal.recession), len(cal.window)
    w = f"{cal.window[0]}-{cal.window[-1]}"
    return [
        _line(indent, f"recession_prob: {cal.recession_prob:.3f}",
              f"{n} recession year{'s' if n != 1 else ''} ({_years(cal.recession)}) in {y} years {w}"),
        _line(indent, f"growth_tail_dof: {cal.tail_dof}",
              f"excess kurtosis of innovations {cal.kurtosis:.2f} -> nearest simulated dof"),
    ]


def render_cap(indent: str, cap: est.Cap, first_year: int, last_year: int, plan_year: int) -> list[str]:
    used = ", ".join(f"{y} {r:+.2f}" for y, r in sorted(cap.used, key=lambda yr: -yr[1]))
    lines = [f"{indent}# cap: mean of the 2 largest yearly rises {first_year}-{last_year}: {used}"]
    if cap.dropped:
        lines[0] += " (out: " + ", ".join(f"{y} {why}" for y, why in cap.dropped) + ")"
    if cap.plan_step_pp is not None:
        lines.append(f"{indent}# = {cap.rule_pp:.2f}, raised to the plan's {plan_year} step +{cap.plan_step_pp:.2f} "
                     "(adopted budget; see header)")
    lines.append(_line(indent, f"max_rise_pp_per_year: {cap.cap_pp:.2f}",
                       "calibrated (analysis/calibrate.py)"))
    return lines


def _first_step(member: dict, start_year: int, targets: dict) -> float | None:
    start = member.get("core_share_start_pct")
    if start is None:
        return None
    plan = (member.get("spending") or {}).get("core_plan")
    if not plan:
        target_year = int(targets.get("target_year", 2035))
        plan = {start_year: start, target_year: max(start, float(targets.get("core_pct", 3.5)))}
    plan = {int(y): float(s) for y, s in plan.items()}
    return est.planned_share_pct(plan, start_year + 1) - float(start)


def regenerate(text: str, data_dir: Path = DATA_DIR) -> str:
    """Returns `text` with every marked block recomputed from the data."""
    doc = yaml.safe_load(text) or {}
    members = doc.get("members") or {}
    if not members:
        raise CalibrationError("the file lists no members (calibrate the base scenario, not a variant)")
    start_year = int((doc.get("horizon") or {}).get("start_year", 2025))
    targets = doc.get("targets") or {}
    cal = calibrate_growth(read_growth(data_dir / "real_growth.csv"), list(members), start_year)
    shares = read_release_shares(data_dir / "defence_share.csv")

    lines = text.split("\n")
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    i = 0
    while i < len(lines):
        m = BEGIN_RE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent, kind, key = m["indent"], m["kind"], m["key"]
        end = f"{indent}# <<< calibrate: {kind} {key}"
        try:
            j = lines.index(end, i + 1)
        except ValueError:
            raise CalibrationError(f"line {i + 1}: no closing marker {end.strip()!r}") from None
        if (kind, key) in seen:
            raise CalibrationError(f"line {i + 1}: second block for {kind} {key}")
        seen.add((kind, key))
        if kind != "alliance" and key not in members:
            raise CalibrationError(f"line {i + 1}: {kind} block for {key}, which is not a member")
        out.append(f"{indent}# >>> calibrate: {kind} {key} {BEGIN_TEXT[kind]}")
        if kind == "growth":
            out += render_growth(indent, key, cal)
        elif kind == "alliance":
            out += render_alliance(indent, cal)
        else:
            series = {y: s for y, s in shares.get(key, {}).items() if y < start_year}
            if len(series) < 3:
                raise CalibrationError(f"line {i + 1}: cap block for {key} but fewer than 3 years of "
                                       f"defence shares before {start_year}")
            cap = est.absorption_cap(series, cal.recession, _first_step(members[key], start_year, targets))
            out += render_cap(indent, cap, min(series) + 1, max(series), start_year + 1)
        out.append(end)
        i = j + 1
    lacking = [m for m in members if ("growth", m) not in seen]
    if lacking:
        raise CalibrationError(f"members without a growth block: {lacking}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="scenario YAML files to calibrate")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a file is stale")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="folder with the CSV files")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
            new = regenerate(text, args.data_dir)
        except (OSError, CalibrationError, ValueError, yaml.YAMLError) as e:
            print(f"{path}: error: {e}", file=sys.stderr)
            return 2
        if new == text:
            print(f"{path}: up to date")
        elif args.check:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                                       str(path), f"{path} (from data)"))
            print(f"{path}: stale; run /usr/bin/python3 -m analysis.calibrate {path}", file=sys.stderr)
            status = 1
        else:
            path.write_text(new, encoding="utf-8")
            print(f"{path}: calibrated")
    return status


if __name__ == "__main__":
    sys.exit(main())
