"""Figures of the report's sensitivity page (a `simulate explore` file, docs/EXPLORE.md): Sobol
indices with bootstrap intervals, PRIM's coverage/density trade-off and the chosen box's limits."""
from __future__ import annotations

import numpy as np

from analysis import prim
from analysis.figures_style import FAN, TARGET, Figure, plt, save, titles, top_margin

LABELS = {
    "alliance_p_core_target": "P(alliance core share at target)",
    "alliance_share_median": "median alliance core share",
    "members_at_core_target_mean": "mean members at target",
}


def sobol_bars(results, keys, subtitle, out):
    """One panel per outcome: S_i and ST_i per key, 95 % bootstrap intervals as whiskers."""
    n = len(results)
    height = 0.9 + 0.45 * len(keys)
    fig, axes = plt.subplots(1, n, figsize=(4.2 * n + 1.8, height + 0.9), sharey=True,
                             squeeze=False)
    y = np.arange(len(keys))
    for ax, r in zip(axes[0], results):
        ax.set_title(LABELS.get(r["outcome"], r["outcome"]))
        if not r["variance"] > 0:
            ax.text(0.5, 0.5, "the same in every experiment:\nno indices", ha="center",
                    va="center", transform=ax.transAxes, color="#555555")
            ax.set_xlim(-0.05, 1.05)
            continue
        for offset, name, est, ci, color in ((-0.18, "first order S_i", r["first"],
                                              r["ci_first"], FAN),
                                             (0.18, "total ST_i", r["total"], r["ci_total"],
                                              TARGET)):
            err = np.abs(np.vstack([est - ci[0], ci[1] - est]))
            ax.barh(y + offset, np.nan_to_num(est), height=0.34, color=color, alpha=0.75,
                    label=name, xerr=np.nan_to_num(err), ecolor="#333333", capsize=2)
        ax.axvline(0, color="#777777", lw=0.8)
        ax.set_xlim(min(-0.05, np.nanmin(r["ci_first"][0]) - 0.05),
                    max(1.05, np.nanmax(r["ci_total"][1]) + 0.05))
        ax.set_xlabel("share of variance across experiments")
    axes[0][0].set_yticks(y, keys)
    axes[0][0].invert_yaxis()
    drawn = [ax for ax, r in zip(axes[0], results) if r["variance"] > 0]
    if drawn:
        drawn[0].legend(loc="lower right")
    titles(fig, "Sobol indices of the varied keys", subtitle)
    fig.subplots_adjust(left=0.3 if max(map(len, keys)) > 20 else 0.18, right=0.98,
                        bottom=0.55 / (height + 0.9), top=top_margin(fig), wspace=0.08)
    path = save(fig, out / "sobol_indices.png")
    return Figure(path, "Sobol indices",
                  "First-order (S_i: the share of the outcome's variance across experiments "
                  "that a key explains alone) and total (ST_i: including its interactions) "
                  "indices, Saltelli/Jansen estimators, percentile-bootstrap 95 % intervals "
                  "over the base rows. Estimates below 0 or above 1 are sampling error.")


def tradeoff(trajectory, chosen, outcome, subtitle, out):
    fig, ax = plt.subplots(figsize=(6.2, 4.6))
    ax.plot([b.coverage for b in trajectory], [b.density for b in trajectory], "o-", ms=3,
            color=FAN, label="peeling trajectory")
    ax.plot([chosen.coverage], [chosen.density], "*", ms=14, color=TARGET,
            label="chosen box (pasted, pruned)")
    ax.set_xlabel("coverage (share of the cases inside the box)")
    ax.set_ylabel("density (share of the box that are cases)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    titles(fig, f"PRIM trade-off: {outcome}", subtitle)
    fig.subplots_adjust(top=top_margin(fig), left=0.13, right=0.97, bottom=0.12)
    path = save(fig, out / "prim_tradeoff.png")
    return Figure(path, "PRIM coverage/density trade-off",
                  "Each point is a box on PRIM's peeling path, from all experiments (coverage "
                  "1) to the smallest box; the star is the box chosen (highest coverage with "
                  "density at or above the threshold, then pasted and pruned).")


def box_limits(box, x, keys, pvalues, outcome, subtitle, out):
    """Per key, its range explored (grey) and the chosen box's interval (coloured), scaled to
    the range; restricted keys are labelled with their limits and quasi-p-values."""
    k = len(keys)
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.5 * k))
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    restricted = set(prim.restricted(box, x))
    for j in range(k):
        a, b = (box.low[j] - lo[j]) / span[j], (box.high[j] - lo[j]) / span[j]
        ax.barh(j, 1.0, left=0, height=0.5, color="#e0e0e0")
        color = TARGET if j in restricted else FAN
        ax.barh(j, b - a, left=a, height=0.5, color=color, alpha=0.8)
        ax.text(-0.02, j, f"{lo[j]:.3g}", ha="right", va="center", fontsize=8)
        ax.text(1.02, j, f"{hi[j]:.3g}", ha="left", va="center", fontsize=8)
        if j in restricted:
            ax.text((a + b) / 2, j - 0.38, f"[{box.low[j]:.3g}, {box.high[j]:.3g}]  "
                    f"quasi-p {pvalues.get(j, float('nan')):.2g}", ha="center", va="bottom",
                    fontsize=8)
    ax.set_yticks(range(k), keys)
    ax.invert_yaxis()
    ax.set_xlim(-0.25, 1.15)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    titles(fig, f"PRIM box: {outcome}",
           f"{subtitle}; density {box.density:.2f}, coverage {box.coverage:.2f}, "
           f"{box.mass} experiments")
    fig.subplots_adjust(top=top_margin(fig, 0.8), left=0.36, right=0.93, bottom=0.05)
    path = save(fig, out / "prim_box.png")
    return Figure(path, "PRIM box limits",
                  "Each key's range explored (grey, its ends printed) and the chosen box "
                  "(red where it restricts the key, with its limits and the quasi-p-value of "
                  "the restriction; blue where the key is free). Categorical keys are shown "
                  "by category index.")
