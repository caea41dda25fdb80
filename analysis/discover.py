"""Scenario discovery on a `simulate explore` file (docs/EXPLORE.md): under which values of the
varied keys does an outcome hold?

    /usr/bin/python3 -m analysis.discover OUT.h5 --outcome "alliance_p_core_target >= 0.5"
        [--threshold 0.8] [--alpha 0.05] [--min-support 0.05] [--plot tradeoff.png]

PRIM (analysis/prim.py; Bryant & Lempert 2010) prints its peeling trajectory (coverage/density
trade-off), the chosen box after pasting (restrictions with quasi-p-value >= 0.05 whose lifting
costs at most 0.02 of density are lifted) with
quasi-p-values, and the box in words; a CART tree
(scikit-learn DecisionTreeClassifier, depth 3) prints its rules as the alternative. Categorical
keys enter as their category index (ordered as given to --vary).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

from analysis import prim
from analysis.explore_io import read_exploration


def _number(x):
    return f"{x:.4g}"


def conditions(box, keys, x, categories=None):
    """The box's restrictions as phrases, e.g. 'KEY is between 0.2 and 0.6'; a categorical key
    (categories: key index -> labels, x holding the category index) as 'KEY is one of a, b'."""
    parts = []
    for j in prim.restricted(box, x):
        labels = (categories or {}).get(j)
        if labels:
            chosen = [c for i, c in enumerate(labels) if box.low[j] <= i <= box.high[j]]
            parts.append(f"{keys[j]} is {chosen[0]}" if len(chosen) == 1 else
                         f"{keys[j]} is one of {', '.join(chosen)}")
            continue
        lo_bound = box.low[j] > x[:, j].min()
        hi_bound = box.high[j] < x[:, j].max()
        if lo_bound and hi_bound:
            parts.append(f"{keys[j]} is between {_number(box.low[j])} and {_number(box.high[j])}")
        elif lo_bound:
            parts.append(f"{keys[j]} is at least {_number(box.low[j])}")
        else:
            parts.append(f"{keys[j]} is at most {_number(box.high[j])}")
    return parts


def box_in_words(box, keys, x, outcome, categories=None):
    parts = conditions(box, keys, x, categories)
    when = "when " + " and ".join(parts) if parts else "over the whole range explored"
    return (f"{when}, '{outcome}' holds in {100 * box.density:.0f}% of the experiments, "
            f"covering {100 * box.coverage:.0f}% of those where it holds "
            f"({box.mass} of {len(x)} experiments in the box).")


def find_box(x, y, threshold=0.8, alpha=0.05, min_support=0.05):
    """PRIM as printed by this command: the trajectory and the chosen box (pasted, pruned)."""
    trajectory = prim.peel(x, y, alpha, min_support)
    chosen = prim.prune(prim.paste(prim.choose(trajectory, threshold), x, y, alpha), x, y)
    return trajectory, chosen


def format_trajectory(trajectory, every=1):
    lines = ["  step  coverage  density  support"]
    for i, b in enumerate(trajectory):
        if i % every == 0 or i == len(trajectory) - 1:
            lines.append(f"  {i:4d}  {b.coverage:8.3f}  {b.density:7.3f}  {b.support:7.3f}")
    return "\n".join(lines)


def format_box(box, keys, x, pvalues):
    lines = ["  key                                  low         high    quasi-p"]
    for j in prim.restricted(box, x):
        lines.append(f"  {keys[j]:<32} {box.low[j]:10.4g}  {box.high[j]:10.4g}   {pvalues[j]:.2g}")
    return "\n".join(lines)


def cart_rules(x, y, keys, depth=3, seed=0):
    from sklearn.tree import DecisionTreeClassifier, export_text
    tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=max(1, len(y) // 20),
                                  random_state=seed)
    tree.fit(x, y)
    return export_text(tree, feature_names=list(keys), show_weights=True)


def plot_tradeoff(trajectory, chosen, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot([b.coverage for b in trajectory], [b.density for b in trajectory], "o-", ms=3)
    ax.plot([chosen.coverage], [chosen.density], "r*", ms=12, label="chosen (after pasting)")
    ax.set_xlabel("coverage")
    ax.set_ylabel("density")
    ax.set_title("PRIM peeling trajectory")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m analysis.discover", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", help="file of simulate explore")
    p.add_argument("--outcome", required=True,
                   help="COLUMN OP NUMBER, e.g. 'alliance_p_core_target >= 0.5' or "
                        "'p_reached[DEU] >= 0.8'")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="minimum density of the chosen box (default 0.8)")
    p.add_argument("--alpha", type=float, default=0.05, help="peeling/pasting fraction")
    p.add_argument("--min-support", type=float, default=0.05, help="smallest box (share of points)")
    p.add_argument("--plot", help="write the trade-off curve to this PNG")
    a = p.parse_args(argv)
    try:
        e = read_exploration(a.results)
        y = e.condition(a.outcome)
    except (OSError, ValueError, KeyError) as err:
        print(f"analysis.discover: error: {err}", file=sys.stderr)
        return 2
    x = e.values
    print(f"{a.results}: {len(y)} experiments, '{a.outcome}' holds in {int(y.sum())} "
          f"({100 * y.mean():.0f}%)\n")
    if y.all() or not y.any():
        print("The outcome holds in all or none of the experiments: nothing to discover.")
        return 0
    trajectory, chosen = find_box(x, y, a.threshold, a.alpha, a.min_support)
    print("PRIM peeling trajectory (coverage/density trade-off):")
    print(format_trajectory(trajectory, every=max(1, len(trajectory) // 20)))
    print(f"\nChosen box (highest coverage with density >= {a.threshold}, pasted; restrictions "
          f"with quasi-p >= 0.05 costing <= 0.02 density lifted): coverage {chosen.coverage:.3f}, density {chosen.density:.3f}")
    print(format_box(chosen, e.keys, x, prim.quasi_p_values(chosen, x, y)))
    print("\nIn words: " + box_in_words(chosen, e.keys, x, a.outcome, e.categories))
    print("\nCART (decision tree, depth 3; weights = experiments per class [False, True]):")
    print(cart_rules(x, y, e.keys))
    if a.plot:
        plot_tradeoff(trajectory, chosen, a.plot)
        print(f"Trade-off curve: {a.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
