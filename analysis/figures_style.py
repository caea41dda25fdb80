"""Shared look of the report's figures: headless backend, fonts, the fan-band drawing, titles
with the scenario and trial count, saving."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: no display needed
import matplotlib.pyplot as plt  # noqa: E402

DPI = 110
FAN = "#1f5fa8"       # bands and median line
TARGET = "#c0392b"    # target and reference lines
PLAN = "#333333"      # national plans
NEVER = "#9e9e9e"     # 'not by the horizon'

plt.rcParams.update({
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
})


@dataclass
class Figure:
    """A written figure: its file, a short title and the one-line caption for the report."""

    path: Path
    title: str
    caption: str


def titles(fig, title: str, subtitle: str):
    """Figure title with a smaller subtitle line (scenario, trials) under it."""
    fig.suptitle(title, fontsize=13, fontweight="bold", y=0.995, va="top")
    fig.text(0.5, 0.995 - 0.30 / fig.get_figheight(), subtitle, ha="center", va="top",
             fontsize=9.5, color="#444444")


def top_margin(fig, inches: float = 0.75) -> float:
    """The `top` for subplots_adjust that leaves `inches` for the titles."""
    return 1.0 - inches / fig.get_figheight()


def fan(ax, years, quantiles, label_prefix: str = "", color: str = FAN, legend: bool = True):
    """Bands 5-95 and 25-75 %, median line. `quantiles` is an xarray DataArray (year, quantile)."""
    q = quantiles
    lab = (lambda s: label_prefix + s) if legend else (lambda s: None)
    ax.fill_between(years, q.sel(quantile=0.05), q.sel(quantile=0.95), color=color, alpha=0.18,
                    lw=0, label=lab("5-95 % of trials"))
    ax.fill_between(years, q.sel(quantile=0.25), q.sel(quantile=0.75), color=color, alpha=0.38,
                    lw=0, label=lab("25-75 %"))
    ax.plot(years, q.sel(quantile=0.5), color=color, lw=1.8, label=lab("median"))


def year_axis(ax, years, step: int = 2):
    ax.set_xlim(years[0], years[-1])
    ax.set_xticks([y for y in years if (y - years[0]) % step == 0])


def save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", facecolor="white")
    plt.close(fig)
    return path
