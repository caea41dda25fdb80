"""Alliance figures: total core spending (constant US$) and share of GDP, the US share."""
from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt

from analysis import io
from analysis.figures_style import TARGET, Figure, fan, save, titles, top_margin, year_axis

MEMBERS_CSV = Path(__file__).resolve().parents[1] / "data" / "members.csv"
REFERENCE_YEAR = 2024  # data/members.csv defence_2024_usd_bn: NATO release, June 2024


def reference_2024(members, csv_path: Path = MEMBERS_CSV):
    """(alliance spending, US share %) in 2024 from data/members.csv over `members`, or None."""
    try:
        with open(csv_path, newline="", encoding="utf-8") as f:
            rows = {r["iso3"]: r for r in csv.DictReader(f)}
    except OSError:
        return None
    values = {}
    for m in members:
        text = (rows.get(m) or {}).get("defence_2024_usd_bn", "")
        if not text:  # a member the data do not cover: no like-for-like total
            return None
        values[m] = float(text)
    total = sum(values.values())
    return (total, 100.0 * values["USA"] / total if "USA" in values else None) if total else None


def alliance(ds, info, out_dir) -> Figure:
    years = ds["year"].values
    ty = io.target_year_in(ds, info)
    armed = io.armed_members(ds)
    ref = reference_2024(armed)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 4.8))
    fan(a1, years, ds["alliance_spending_quantile"])
    if ref is not None:
        a1.plot([REFERENCE_YEAR], [ref[0]], "D", color=TARGET, ms=6,
                label=f"{REFERENCE_YEAR}: US${ref[0]:,.0f} bn (NATO)")
        a1.annotate(f"US${ref[0]:,.0f} bn", (REFERENCE_YEAR, ref[0]), xytext=(6, -14),
                    textcoords="offset points", fontsize=8.5, color=TARGET)
        a1.set_xlim(REFERENCE_YEAR - 0.4, years[-1])
    else:
        year_axis(a1, years)
    a1.set_ylim(0, float(ds["alliance_spending_quantile"].max()) * 1.1)
    a1.set_ylabel("core defence spending, billion US$ (constant 2024 prices)")
    a1.set_xlabel("year")
    a1.set_title("Alliance core spending, US$ bn")
    a1.grid(axis="y", color="#dddddd", lw=0.6)
    a1.legend(loc="lower right")
    fan(a2, years, ds["alliance_share_quantile"])
    a2.axhline(info.core_target_pct, color=TARGET, ls="--", lw=1.2,
               label=f"core target {info.core_target_pct:g} %")
    p = float(ds["p_alliance_core_target"].sel(year=ty))
    a2.set_title(f"Alliance core share of GDP; P(>= {info.core_target_pct:g} % in {ty}) = {p:.2f}")
    a2.set_ylabel("core spending, % of alliance GDP")
    a2.set_xlabel("year")
    top = float(ds["alliance_share_quantile"].max())
    a2.set_ylim(0, max(top, info.core_target_pct) * 1.15)
    year_axis(a2, years)
    a2.grid(axis="y", color="#dddddd", lw=0.6)
    a2.legend(loc="lower right")
    titles(fig, "Alliance core defence spending (members with armed forces)", info.label)
    fig.subplots_adjust(top=top_margin(fig, 0.8), bottom=0.11, left=0.07, right=0.98,
                        wspace=0.22)
    ref_note = (f" Diamond: {REFERENCE_YEAR} spending US${ref[0]:,.1f} bn (NATO, June 2024; "
                f"NATO's exchange rates, so the step to {years[0]} is partly definitional)."
                if ref is not None else "")
    caption = (f"Alliance core spending in constant US$ bn (left) and as a share of alliance "
               f"GDP (right): median, 25-75 % and 5-95 % of trials.{ref_note}")
    return Figure(save(fig, out_dir / "alliance_spending.png"), "Alliance spending", caption)


def us_share(ds, info, out_dir) -> Figure:
    years = ds["year"].values
    armed = io.armed_members(ds)
    ref = reference_2024(armed)
    fig, ax = plt.subplots(figsize=(8, 4.8))
    fan(ax, years, ds["us_share_quantile"])
    if ref is not None and ref[1] is not None:
        ax.plot([REFERENCE_YEAR], [ref[1]], "D", color=TARGET, ms=6,
                label=f"{REFERENCE_YEAR}: {ref[1]:.1f} % (NATO)")
        ax.set_xlim(REFERENCE_YEAR - 0.4, years[-1])
    else:
        year_axis(ax, years)
    ax.axhline(50, color="#777777", lw=0.8, ls=":", label="half of alliance spending")
    hi = float(ds["us_share_quantile"].max())
    lo = float(ds["us_share_quantile"].min())
    ax.set_ylim(max(0, lo - 10), min(100, max(hi, 50) + 8))
    ax.set_ylabel("US share of alliance core spending, %")
    ax.set_xlabel("year")
    ax.grid(axis="y", color="#dddddd", lw=0.6)
    ax.legend(loc="lower left")
    titles(fig, "Burden sharing: the United States' share of alliance spending", info.label)
    fig.subplots_adjust(top=top_margin(fig, 0.75), bottom=0.11, left=0.1, right=0.97)
    caption = ("US share of alliance core spending (median, 25-75 %, 5-95 % of trials); a "
               "falling line means Europe and Canada carry more of the load." +
               (f" Diamond: {REFERENCE_YEAR} (NATO, June 2024; not like-for-like with the "
                f"model's IMF-GDP base)." if ref is not None and ref[1] is not None else ""))
    return Figure(save(fig, out_dir / "us_share.png"), "US share", caption)
