"""Figure 8: tornado charts of the inputs that drive an outcome (analysis/drivers.py)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from analysis import drivers
from analysis.figures_style import FAN, TARGET, Figure, save, titles, top_margin

TOP = 15


def tornado(ranking, info, out_dir, name: str) -> Figure:
    idx = drivers.top(ranking, TOP)
    n_rows = max(len(idx), 1)
    fig, ax = plt.subplots(figsize=(10, 0.36 * n_rows + 2.4))
    what = f"P = {ranking.mean:.3f}" if ranking.binary else f"mean {ranking.mean:.2f}"
    if idx:
        y = np.arange(len(idx))[::-1]
        rho, lo, hi = ranking.rho[idx], ranking.lo[idx], ranking.hi[idx]
        sig = (lo > 0) | (hi < 0)
        for yi, r, s in zip(y, rho, sig):  # pale: the interval includes 0
            ax.barh(yi, r, color=FAN if r > 0 else TARGET, alpha=0.85 if s else 0.3,
                    height=0.65)
        ax.errorbar(rho, y, xerr=[rho - lo, hi - rho], fmt="none", ecolor="black",
                    elinewidth=1, capsize=2)
        ax.set_yticks(y, [ranking.labels[i] for i in idx])
        span = max(0.05, float(np.nanmax(np.abs(np.r_[lo, hi]))) * 1.1)
        ax.set_xlim(-span, span)
        ax.set_ylim(-0.6, len(idx) - 0.4)
    else:
        ax.text(0.5, 0.5, "the outcome does not vary across trials (or no usable inputs):\n"
                "no ranking possible", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
        ax.set_xlim(-1, 1)
    ax.axvline(0, color="black", lw=0.8)
    less, more = ("less likely", "more likely") if ranking.binary else ("smaller", "larger")
    ax.text(0.0, 1.005, f"\u2190 higher input: outcome {less}", transform=ax.transAxes,
            ha="left", va="bottom", fontsize=8.5, color=TARGET)
    ax.text(1.0, 1.005, f"higher input: outcome {more} \u2192", transform=ax.transAxes,
            ha="right", va="bottom", fontsize=8.5, color=FAN)
    ax.set_xlabel("Spearman rank correlation with the outcome (95 % bootstrap interval)")
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    titles(fig, f"What drives: {ranking.label} ({what})",
           f"{info.label}; top {min(TOP, len(idx))} of {len(ranking.labels)} inputs over "
           f"{ranking.n:,} trials, {ranking.resamples} bootstrap resamples; pale: interval "
           f"includes 0")
    longest = max((len(ranking.labels[i]) for i in idx), default=10)
    fig.subplots_adjust(top=top_margin(fig, 0.75), bottom=0.65 / fig.get_figheight(),
                        left=min(0.5, 0.03 + longest * 0.0078), right=0.97)
    caption = (f"Sampled inputs ranked by |Spearman rho| with '{ranking.label}' (blue: a higher "
               f"input goes with the outcome {'more likely' if ranking.binary else 'larger'}, "
               f"red: {'less likely' if ranking.binary else 'smaller'}), 95 % bootstrap "
               f"intervals; associations, not causal effects (see Notes).")
    return Figure(save(fig, out_dir / f"drivers_{name}.png"), f"Drivers: {ranking.label}",
                  caption)
