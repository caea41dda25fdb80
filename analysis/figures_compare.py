"""Figure 7: B - A differences of P(core >= target) by member, with 95 % intervals."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from analysis import io
from analysis.figures_style import FAN, TARGET, Figure, save, titles, top_margin


def comparison(result, ds_a, info_a, info_b, out_dir) -> Figure:
    names = io.member_names(ds_a)
    order = np.lexsort((np.asarray(result.members), result.diff))
    n = len(order)
    fig, ax = plt.subplots(figsize=(9, 0.3 * n + 2.4))
    y = np.arange(n)
    d, lo, hi = result.diff[order], result.lo[order], result.hi[order]
    excl = (lo > 0) | (hi < 0)
    ax.errorbar(d, y, xerr=[d - lo, hi - d], fmt="none", ecolor="#555555", elinewidth=1.1,
                capsize=2)
    ax.scatter(d[excl], y[excl], color=FAN, zorder=3, s=22, label="interval excludes 0")
    ax.scatter(d[~excl], y[~excl], facecolor="white", edgecolor=FAN, zorder=3, s=22,
               label="interval includes 0")
    ax.axvline(0, color=TARGET, lw=1)
    ax.set_yticks(y, [f"{names.get(result.members[i], result.members[i])} ({result.members[i]})"
                      for i in order])
    ax.set_ylim(-0.6, n - 0.4)
    span = max(0.02, float(np.nanmax(np.abs(np.r_[lo, hi]))) * 1.1)
    ax.set_xlim(-span, span)
    ax.set_xlabel(f"difference in P(core >= {info_a.core_target_pct:g} % of GDP in "
                  f"{result.target_year}), B - A (probability points)")
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right")
    method = "paired trials" if result.paired else "unpaired, conservative"
    titles(fig, f"B - A: change in P(core >= {info_a.core_target_pct:g} % in "
                f"{result.target_year}) by member",
           f"A: {info_a.label}\nB: {info_b.label}\n95 % intervals, {method}")
    fig.subplots_adjust(top=top_margin(fig, 1.05), bottom=0.7 / fig.get_figheight(), left=0.24,
                        right=0.97)
    caption = (f"Difference B - A of the probability of core >= {info_a.core_target_pct:g} % of "
               f"GDP in {result.target_year}, with 95 % intervals ({result.note}). A: "
               f"{info_a.path.name}, B: {info_b.path.name}.")
    return Figure(save(fig, out_dir / "compare_p_core_target.png"), "B - A", caption)
