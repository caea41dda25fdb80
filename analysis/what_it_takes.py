""""What would it take": for each member with armed forces, the values of the varied keys under
which its probability of reaching the target is at least a level, from a `simulate explore`
file (docs/EXPLORE.md).

    /usr/bin/python3 -m analysis.what_it_takes OUT.h5 [--column p_reached] [--level 0.5]
                                               [--threshold 0.8] [--csv FILE]

For a member, an experiment counts when the member's column (default `p_reached`, P(core at
or above the target in some year up to the target year); or `p_core_target`) is >= level. If
every experiment or none counts, the table says so; otherwise PRIM (analysis/discover.py,
analysis/prim.py) gives the box of the varied keys where it counts, with its density (share of
the box's experiments that count) and coverage (share of the counting experiments inside).
Members without armed forces have no probabilities in the file (NaN) and are left out.
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass

import numpy as np

from analysis import discover
from analysis.explore_io import read_exploration

COLUMNS = ("p_reached", "p_core_target")


@dataclass
class Condition:
    member: str
    counting: int          # experiments where the member's column is >= level
    experiments: int
    status: str            # "all", "none" or "box"
    conditions: list       # phrases on the varied keys (status "box")
    density: float = float("nan")
    coverage: float = float("nan")
    mass: int = 0          # experiments in the box

    def in_words(self, column="p_reached", level=0.5):
        if self.status == "all":
            return f"{column} >= {level:g} in all {self.experiments} experiments"
        if self.status == "none":
            return f"{column} >= {level:g} in none of the {self.experiments} experiments"
        if not self.conditions:
            return ("over the whole range explored; no restriction of the varied keys "
                    "separates the experiments where it does not")
        return "when " + " and ".join(self.conditions)


def member_condition(exploration, member, column="p_reached", level=0.5, threshold=0.8,
                     alpha=0.05, min_support=0.05):
    """The Condition for one member (ValueError if the file has no such member or column)."""
    y = exploration.column(f"{column}[{member}]") >= level
    n, hits = len(y), int(y.sum())
    if hits == n:
        return Condition(member, hits, n, "all", [])
    if hits == 0:
        return Condition(member, hits, n, "none", [])
    x = exploration.values
    _, box = discover.find_box(x, y, threshold, alpha, min_support)
    return Condition(member, hits, n, "box", discover.conditions(box, exploration.keys, x, exploration.categories),
                     box.density, box.coverage, box.mass)


def armed_members(exploration, column="p_reached"):
    """Members with probabilities in the file (the others are NaN: no armed forces)."""
    v = exploration.variables[column]
    return [m for i, m in enumerate(exploration.members) if not np.all(np.isnan(v[:, i]))]


def table(exploration, column="p_reached", level=0.5, threshold=0.8):
    if column not in COLUMNS:
        raise ValueError(f"--column {column}: choose one of {', '.join(COLUMNS)}")
    return [member_condition(exploration, m, column, level, threshold)
            for m in armed_members(exploration, column)]


def write_csv(rows, path, column="p_reached", level=0.5):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["member", "experiments_counting", "experiments", "status", "conditions",
                    "density", "coverage", "experiments_in_box"])
        for r in rows:
            w.writerow([r.member, r.counting, r.experiments, r.status,
                        r.in_words(column, level), f"{r.density:.4f}", f"{r.coverage:.4f}",
                        r.mass])


def format_table(rows, column="p_reached", level=0.5):
    lines = [f"  member  {column} >= {level:g} in   density  coverage  conditions"]
    for r in rows:
        share = f"{r.counting:4d} of {r.experiments:<5d}"
        dens = "" if r.status != "box" else f"{r.density:7.2f}  {r.coverage:8.2f}"
        lines.append(f"  {r.member:<6}  {share:<17}  {dens:<17}  {r.in_words(column, level)}")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m analysis.what_it_takes", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", help="file of simulate explore")
    p.add_argument("--column", default="p_reached", help="p_reached (default) or p_core_target")
    p.add_argument("--level", type=float, default=0.5, help="probability level (default 0.5)")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="minimum density of PRIM's box (default 0.8)")
    p.add_argument("--csv", help="also write the table to this CSV file")
    a = p.parse_args(argv)
    try:
        e = read_exploration(a.results)
        rows = table(e, a.column, a.level, a.threshold)
    except (OSError, ValueError, KeyError) as err:
        print(f"analysis.what_it_takes: error: {err}", file=sys.stderr)
        return 2
    print(f"{a.results}: {len(e.values)} experiments over {', '.join(e.keys)}\n")
    print(format_table(rows, a.column, a.level))
    if a.csv:
        write_csv(rows, a.csv, a.column, a.level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
