"""Per-member figures: core-share fan charts, P(core >= target) heatmap, first year at target,
the review-year on-track probabilities."""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from analysis import io
from analysis.figures_style import (FAN, NEVER, PLAN, TARGET, Figure, fan, save, titles,
                                    top_margin, year_axis)


def _not_shown(ds, names) -> str:
    absent = [names[m] for m in ds["member"].values if m not in io.armed_members(ds)]
    return f" {', '.join(absent)}: no armed forces, not shown." if absent else ""


def fan_charts(ds, info, plans, out_dir) -> Figure:
    """Small multiples of the core share (% of GDP), one panel per member with armed forces."""
    names = io.member_names(ds)
    members = io.armed_members(ds)
    years = ds["year"].values
    ty = io.target_year_in(ds, info)
    cols = 5 if len(members) > 16 else min(4, len(members))
    rows = math.ceil(len(members) / cols)
    q = ds["core_share_quantile"]
    ymax = float(q.sel(member=members, quantile=0.95).max())
    ymax = max(ymax, info.core_target_pct) * 1.08
    fig, axes = plt.subplots(rows, cols, figsize=(3.1 * cols, 2.3 * rows + 1.3),
                             sharex=True, sharey=True, squeeze=False)
    for ax, m in zip(axes.flat, members):
        fan(ax, years, q.sel(member=m), legend=ax is axes.flat[0])
        ax.axhline(info.core_target_pct, color=TARGET, lw=1.0, ls="--",
                   label=f"target {info.core_target_pct:g} %" if ax is axes.flat[0] else None)
        if plans is not None and m in plans:
            path, announced = plans[m]
            ax.plot(years[1:], path[1:], color=PLAN, lw=1.1, ls=":" if not announced else "-.",
                    label=None)
        p = float(ds["p_core_target"].sel(member=m, year=ty))
        ax.set_title(f"{names[m]} ({m})  P={p:.2f}", fontsize=9.5, pad=3)
        ax.set_ylim(0, ymax)
        year_axis(ax, years, step=5 if len(years) > 8 else 2)
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        ax.grid(axis="y", color="#dddddd", lw=0.6)
    for ax in axes.flat[len(members):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("core, % of GDP")
    for r in range(rows):  # x labels on the lowest visible panel of each column
        for c in range(cols):
            if r * cols + c < len(members) and (r + 1) * cols + c >= len(members):
                axes[r, c].set_xlabel("year")
                axes[r, c].tick_params(labelbottom=True)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if plans is not None:
        handles += [plt.Line2D([], [], color=PLAN, ls="-."), plt.Line2D([], [], color=PLAN, ls=":")]
        labels += ["national plan (scenario)", "default path (no plan)"]
    titles(fig, f"Core defence spending, % of GDP, {years[0]}-{years[-1]}",
           f"{info.label}; P = probability of core >= {info.core_target_pct:g} % in {ty}")
    fig.legend(handles, labels, loc="upper center", ncol=len(labels), frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.48 / fig.get_figheight()))
    fig.subplots_adjust(top=top_margin(fig, 1.0), bottom=0.55 / fig.get_figheight(),
                        left=0.06, right=0.99, hspace=0.38, wspace=0.14)
    plan_note = ("the national plan as given in the scenario (dash-dot; dotted: the default "
                 "linear path of a member without a plan)" if plans is not None else
                 "this file does not record the national plans (written before they were kept)")
    caption = (f"Core share of GDP by member: median, 25-75 % and 5-95 % of trials; dashed red "
               f"line: the {info.core_target_pct:g} % target; {plan_note}. P = probability of "
               f"core >= {info.core_target_pct:g} % in {ty}.{_not_shown(ds, names)}")
    return Figure(save(fig, out_dir / "fan_core_share.png"), "Core share by member", caption)


def _sorted_by_target(ds, ty, members):
    p = ds["p_core_target"].sel(member=members, year=ty).values
    med = ds["core_share_quantile"].sel(member=members, year=ty, quantile=0.5).values
    order = np.lexsort((-med, -p))
    return [members[i] for i in order]


def heatmap(ds, info, out_dir) -> Figure:
    names = io.member_names(ds)
    ty = io.target_year_in(ds, info)
    members = _sorted_by_target(ds, ty, io.armed_members(ds))
    years = ds["year"].values
    p = ds["p_core_target"].sel(member=members).values
    fig, ax = plt.subplots(figsize=(10, 0.3 * len(members) + 2.2))
    cmap = plt.get_cmap("cividis")
    im = ax.imshow(p, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    for i in range(p.shape[0]):
        for j in range(p.shape[1]):
            v = p[i, j]
            ax.text(j, i, "1" if v >= 0.995 else f"{v:.2f}"[1:] if v >= 0.005 else "0",
                    ha="center", va="center", fontsize=7.5,
                    color="black" if v > 0.62 else "white")
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_yticks(range(len(members)), [f"{names[m]} ({m})" for m in members])
    ax.set_xlabel("year")
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    titles(fig, f"Probability of core spending >= {info.core_target_pct:g} % of GDP, by year",
           info.label)
    top, bottom = top_margin(fig, 0.7), 0.55 / fig.get_figheight()
    fig.subplots_adjust(top=top, bottom=bottom, left=0.2, right=0.86)
    cax = fig.add_axes([0.88, bottom + 0.25 * (top - bottom), 0.02, 0.5 * (top - bottom)])
    bar = fig.colorbar(im, cax=cax)
    bar.set_label(f"P(core share >= {info.core_target_pct:g} % of GDP)")
    caption = (f"Share of trials in which the member's core spending is at or above "
               f"{info.core_target_pct:g} % of GDP in each year; rows sorted by the probability "
               f"in {ty}.{_not_shown(ds, names)}")
    return Figure(save(fig, out_dir / "heatmap_p_core_target.png"), "P(core at target) by year",
                  caption)


def first_year_bars(ds, info, out_dir) -> Figure:
    names = io.member_names(ds)
    members = io.armed_members(ds)
    labels = [str(k) for k in ds["first_year"].values]
    probs = ds["first_year_core_prob"].sel(member=members).values
    med = [int(y) or 10**6 for y in ds["median_first_year"].sel(member=members).values]
    never = probs[:, -1]
    order = np.lexsort((never, med))[::-1]  # earliest median on top
    years = [k for k in labels if k != "never"]
    cmap = plt.get_cmap("viridis")
    cols = [cmap(i / max(1, len(years) - 1)) for i in range(len(years))] + [NEVER]
    fig, ax = plt.subplots(figsize=(11, 0.3 * len(members) + 2.3))
    left = np.zeros(len(members))
    y = np.arange(len(members))
    for k, label in enumerate(labels):
        width = probs[order, k]
        ax.barh(y, width, left=left, color=cols[k], height=0.8,
                label="not by " + years[-1] if label == "never" else label, lw=0)
        left += width
    ax.set_yticks(y, [f"{names[members[i]]} ({members[i]})" for i in order])
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(members) - 0.4)
    ax.axvline(0.5, color="black", lw=0.8, ls="--")
    ax.set_xlabel("share of trials (cumulative); dashed line: the median")
    for yi, i in zip(y, order):
        ax.text(1.015, yi, "never" if med[i] == 10**6 else str(med[i]), va="center",
                fontsize=9, transform=ax.get_yaxis_transform())
    ax.text(1.015, len(members) - 0.3, "median", fontsize=9, fontweight="bold",
            transform=ax.get_yaxis_transform())
    fig.legend(*ax.get_legend_handles_labels(), title="first year at target",
               loc="lower center", ncol=12, bbox_to_anchor=(0.5, 0.0), columnspacing=1.0,
               handlelength=1.2)
    titles(fig, f"First year with core spending >= {info.core_target_pct:g} % of GDP",
           info.label)
    fig.subplots_adjust(top=top_margin(fig, 0.75), bottom=1.25 / fig.get_figheight(),
                        left=0.17, right=0.93)
    caption = (f"Distribution of the first year each member's core share reaches "
               f"{info.core_target_pct:g} % of GDP (grey: not by {years[-1]}); members sorted by "
               f"median year (earliest on top), the median is where a bar crosses the dashed "
               f"line.{_not_shown(ds, names)}")
    return Figure(save(fig, out_dir / "first_year_core.png"), "First year at target", caption)


def review_bars(ds, info, out_dir) -> Figure:
    names = io.member_names(ds)
    members = io.armed_members(ds)
    p = ds["p_on_track_review"].sel(member=members).values
    se = ds["p_on_track_review_se"].sel(member=members).values
    order = np.argsort(p, kind="stable")
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(members) + 2.2))
    y = np.arange(len(members))
    ax.barh(y, p[order], color=FAN, alpha=0.8, height=0.7)
    ax.errorbar(p[order], y, xerr=1.96 * se[order], fmt="none", ecolor="black", elinewidth=1,
                capsize=2)
    for yi, v in zip(y, p[order]):
        ax.text(1.015, yi, f"{v:.2f}", va="center", fontsize=8.5,
                transform=ax.get_yaxis_transform())
    ax.text(1.015, len(members) - 0.3, "P", fontsize=9, fontweight="bold",
            transform=ax.get_yaxis_transform())
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_yticks(y, [f"{names[members[i]]} ({members[i]})" for i in order])
    ax.set_xlim(0, 1.0)
    ax.set_ylim(-0.6, len(members) - 0.4)
    ax.set_xlabel(f"P(on track in {info.review_year}), share of trials")
    titles(fig, f"The {info.review_year} review: probability each member is on track", info.label)
    fig.subplots_adjust(top=top_margin(fig, 0.7), bottom=0.6 / fig.get_figheight(), left=0.22,
                        right=0.93)
    caption = (f"Probability that the member's core share in {info.review_year} is on or above "
               f"the straight line from its {int(ds['year'][0])} share to "
               f"{info.core_target_pct:g} % in {info.target_year} (or already >= "
               f"{info.core_target_pct:g} %); bars: +-1.96 Monte Carlo standard errors."
               f"{_not_shown(ds, names)}")
    return Figure(save(fig, out_dir / "review_on_track.png"), f"{info.review_year} review",
                  caption)
