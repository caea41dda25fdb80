"""Write the model-v2 hindcast scenarios and their calibration files (docs/MODEL.md v2.4, v2.5).

    /usr/bin/python3 -m analysis.hindcast_scenarios            # (re)write everything
    /usr/bin/python3 -m analysis.hindcast_scenarios --check    # exit 1 if a file is stale

Writes, from data/ only:
  scenarios/calibration/v2_origin_O.csv     O in 2014, 2016, 2017, 2019, 2021, 2023, 2024
                                             (analysis/calibrate_v2.py, 200 rows, seed = O)
  scenarios/hindcast/wales_origin_O.yaml    O in 2014, 2016, 2017, 2019, 2021, 2023: the Wales
                                             pledge (2% by 2024) forecast from the end of year O
  scenarios/hindcast/hague_origin_2024.yaml the Hague commitment (3.5% core by 2035) forecast
                                             from the end of 2024, with the 2025 budgets given
Every scenario's growth blocks (and the caps of hague_origin_2024) are filled by the v1 machinery,
analysis/calibrate.py, on the years before the scenario's start year. The text of each file says
where every number comes from.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import math
import sys
from pathlib import Path

import yaml

from analysis import calibrate as cal_v1
from analysis import calibrate_v2 as cv2

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
SCEN_DIR = REPO_ROOT / "scenarios"
HINDCAST_DIR = SCEN_DIR / "hindcast"
CALIB_DIR = SCEN_DIR / "calibration"

WALES_ORIGINS = (2014, 2016, 2017, 2019, 2021, 2023)
HAGUE_ORIGIN = 2024
CALIBRATION_ORIGINS = WALES_ORIGINS + (HAGUE_ORIGIN,)
ROWS = cv2.DEFAULT_ROWS

# docs/MODEL.md v2.5 (prior, a scenario dial)
REGIME_TRANSITION = {"calm": [0.93, 0.05, 0.02], "elevated": [0.05, 0.87, 0.08], "acute": [0.00, 0.10, 0.90]}
US_PRESSURE_TERM_PROB = 0.5
US_PRESSURE_TRUMP1 = [2017, 2018, 2019, 2020]
US_PRESSURE_TRUMP2 = [2025, 2026, 2027, 2028]

VILNIUS_FLOOR_PCT = 2.0  # Vilnius 2023: 2% of GDP as a minimum (docs/EVIDENCE.md)

TIER_TEXT = {
    1.0: "tier land border with Russia or Belarus (hague.yaml rule)",
    0.8: "tier land border with Ukraine (hague.yaml rule)",
    0.6: "tier Baltic/Black Sea littoral or next to a frontline state (hague.yaml rule)",
    0.4: "tier rest of Europe (hague.yaml rule)",
    0.3: "tier southern flank or North America (hague.yaml rule)",
}
COL = cal_v1.COMMENT_COLUMN


def line(indent: int, kv: str, comment: str = "") -> str:
    text = " " * indent + kv
    if not comment:
        return text
    return f"{text}{' ' * max(COL - len(text), 1)}# {comment}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def growth_panel() -> dict[str, dict[int, float]]:
    return cal_v1.read_growth(DATA_DIR / "real_growth.csv")


def gdp_base(iso: str, gdp_2024: float, origin: int, growth: dict[str, dict[int, float]]) -> float:
    """GDP of year origin - 1 in constant 2024 US$: IMF 2024 GDP / prod over origin..2024 of (1 + g/100)."""
    return gdp_2024 / math.prod(1 + growth[iso][y] / 100 for y in range(origin, 2025))


def block_text(path: Path, first: str, stop: str) -> str:
    """The lines of `path` from the one starting with `first` up to (without) the first blank line
    followed by a comment or key starting with `stop` or the model block."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(k for k, s in enumerate(lines) if s.startswith(first))
    j = next(k for k, s in enumerate(lines)
             if k > i and (s.startswith(stop) or s.startswith("# Model v2") or s.startswith("model:")))
    return "\n".join(lines[i:j]).rstrip("\n")


def fmt_plan(plan: dict[int, float]) -> str:
    return "{" + ", ".join(f"{y}: {v:.2f}" for y, v in sorted(plan.items())) + "}"


def model_block(origin: int, draws: str, regime: str, us_years: list[int], us_known: int,
                us_comment: str) -> list[str]:
    out = [
        "model:",
        line(2, "version: 2", "the behavioural model, docs/MODEL.md \"Model v2\""),
        line(2, f"parameter_draws: {draws}",
             f"analysis/calibrate_v2.py --origin {origin}: data <= {origin} only (v2.4)"),
        line(2, f"start_regime: {regime}",
             "v2.5 origin scenarios: elevated 2014-2021, acute from 2022 (full-scale invasion)"),
        line(2, "regime_transition:", "v2.5 prior (a scenario dial): three escalations in ~30 years"),
    ]
    for k, v in REGIME_TRANSITION.items():
        out.append(line(4, f"{k}: [{', '.join(f'{p:.2f}' for p in v)}]"))
    out.append(line(2, f"us_pressure_years: [{', '.join(str(y) for y in us_years)}]", us_comment))
    out.append(line(2, f"us_pressure_known_until: {us_known}",
                    "later terms: pressure with us_pressure_term_prob, drawn per term (v2.1)"))
    out.append(line(2, f"us_pressure_term_prob: {US_PRESSURE_TERM_PROB}", "v2.5 prior (judgement)"))
    return out


def us_pressure_wales(origin: int) -> tuple[list[int], int, str]:
    if origin < 2016:
        return [], origin, "none known at the end of 2014 (the 2016 election was ahead)"
    if origin < 2021:
        return US_PRESSURE_TRUMP1, 2020, ("2017-2020: the 2016 election was known at the end of 2016 "
                                         "(v2.5 origin scenarios)")
    return US_PRESSURE_TRUMP1, origin, (f"2017-2020 as history; known to {origin}: the 2021-2024 term had "
                                        "begun without pressure (the 2020 election result)")


# --- the Wales hindcasts -----------------------------------------------------------------------------

def wales_scenario(origin: int) -> str:
    members = read_csv(DATA_DIR / "members.csv")
    allies = [m for m in members if int(m["joined"]) <= 2014]
    growth = growth_panel()
    d = cv2.load_data(origin, DATA_DIR)
    inputs = cv2.member_inputs(origin, DATA_DIR)
    wales = yaml.safe_load((SCEN_DIR / "wales2014.yaml").read_text(encoding="utf-8"))
    review = 2019 if origin < 2019 else 2024
    regime = "elevated" if origin <= 2021 else "acute"
    us_years, us_known, us_comment = us_pressure_wales(origin)
    name = f"wales_origin_{origin}"
    vilnius = origin >= cv2.VILNIUS_YEAR
    adopted = cv2.VILNIUS_YEAR if vilnius else cv2.WALES_ADOPTED

    h = [
        f"# {name}.yaml - model-v2 hindcast of the 2014 Wales pledge from the end of {origin}.",
        "#",
        "# Written by analysis/hindcast_scenarios.py from data/ (do not edit by hand; --check tells if",
        "# stale). The same 28 allies as wales2014.yaml (the allies of 2014, Iceland without armed",
        f"# forces), started from what was known at the end of {origin} and run to 2024, the pledge's",
        "# deadline (\"move towards 2% within a decade\"). Nothing after the origin is used, except the",
        "# two limitations named below.",
        "#",
        "# Where every number comes from:",
        f"# * core_share_start_pct: the {origin} column of data/nato_defexp_share_gdp_2014_2024_aug2025.csv",
        "#   (\"release A\", the one release the hindcasts are scored against), rounded to 2 dp as NATO",
        "#   publishes; \"Slovak Republic\" = SVK.",
        f"# * gdp_base_usd_bn: GDP of {origin - 1} in constant 2024 US$, backed out as data/members.csv",
        f"#   gdp_2024_usd_bn divided by prod over {origin}-2024 of (1 + g/100), g from data/real_growth.csv",
        "#   (as wales2014.yaml). Limitation: the level uses post-origin growth; it only scales money",
        "#   totals, never a share.",
        f"# * debt_pct_gdp: IMF WEO gross debt of {origin} (data/imf_weo_2025apr_fiscal_nato.csv,",
        "#   GGXWDG_NGDP). Limitation: the April-2025 vintage of that year (data/SOURCES.md).",
        "# * proximity, baseline_pct, regime_response: analysis/calibrate_v2.py (docs/MODEL.md v2.4):",
        "#   proximity from data/proximity_points.csv; baseline = the 2011-2013 SIPRI mean shifted to",
        "#   NATO's level, shrunk towards the pooled fit on proximity and fiscal stress" +
        (f",\n#   plus the shrunk mean residual of 2015-{origin}" if origin >= 2016 else "") + ";",
        "#   the USA: regime_response false and baseline = its start share (persistence).",
        f"# * model.parameter_draws: ../calibration/v2_origin_{origin}.csv, written by",
        f"#   `analysis/calibrate_v2.py --origin {origin}` on data <= {origin};\n#   "
        + ("every pooled parameter but the calm regime's is drawn from the v2.5 priors (this origin is"
           if origin == 2014 else "fitted regimes: " +
           ("elevated 2015-" + str(min(origin, 2021)) + (", acute 2022-" + str(origin) if origin >= 2023 else
                                                          "; acute = elevated x the v2.5 multipliers"))),
    ]
    if origin == 2014:
        h.append("#   \"priors only\": the research behind the priors had seen 2014-2024, docs/MODEL.md v2.5).")
    h += [
        "# * growth: calibrated by analysis/calibrate.py on data/real_growth.csv for the years before",
        f"#   {origin} only (blocks below).",
        "# * elections: none. data/elections.csv starts in 2025, so no government changes (k_G unused).",
        "# * will: v1 keys, unused by model v2; threat_exposure kept as in wales2014.yaml.",
        "# * plans, as known at the origin (docs/MODEL.md v2.5 \"Origin scenarios\"):",
    ]
    if origin == 2014:
        h += ["#   no core_plan: the default plan is the Wales pledge read literally (linear from the 2014",
              "#   share to 2.0 in 2024; flat for GRC, GBR, USA, already at 2%), adopted 2014."]
    elif not vilnius:
        h += ["#   the Wales path as adopted in 2014 - linear from the rounded 2014 share to 2.0 in 2024 -",
              f"#   written as two points of that line, its {origin} value and 2.0 in 2024 (the default plan",
              f"#   would start from the {origin} share instead); allies at 2% in 2014 (GRC, GBR, USA) keep",
              "#   the default, flat at the start share. plan_adopted_year 2014 for all."]
    else:
        h += ["#   the Vilnius floor (July 2023: 2% \"at least\"): allies below 2.00 in 2023 get",
              "#   core_plan {2024: 2.0}; the others keep the default, flat at their start share.",
              "#   plan_adopted_year 2023 for all."]
    h += [
        "# * caps: the default max_rise_pp_per_year (0.3), as wales2014.yaml.",
        "# * related: no such category before 2025; cap 0 and start shares 0, so total = core.",
        "",
        f"name: {name}",
        "description: >-",
        f"  Model-v2 hindcast of the Wales pledge (2% of GDP by 2024) from the end of {origin}: 28 allies,",
        f"  release-A {origin} shares, calibration on data up to {origin} only",
        "",
        "run:",
        line(2, "trials: 100000"),
        line(2, "seed: 20140905", "the Wales summit date, as wales2014.yaml"),
        "",
        "horizon:",
        line(2, f"start_year: {origin}", "its shares are the observed values"),
        line(2, "end_year: 2024", "the pledge's deadline"),
        "",
        "targets:",
        line(2, "core_pct: 2.0", "the Wales pledge"),
        line(2, "related_cap_pct: 0.0", "no related category"),
        line(2, "total_pct: 2.0", "= core"),
        line(2, "target_year: 2024", "\"within a decade\""),
        line(2, f"review_year: {review}",
             "the decade's midpoint" if review == 2019 else "origin at or after 2019: the target year"),
    ]
    h += shocks_and_defaults("wales2014.yaml", "# The 28 allies")
    h += model_block(origin, f"../calibration/v2_origin_{origin}.csv", regime, us_years, us_known, us_comment)
    h += ["", "# The 28 allies of 2014 in data/members.csv order.", "members:"]
    for m in allies:
        iso = m["iso3"]
        inp = inputs[iso]
        is_armed = iso in d.nato
        h.append(f"  {iso}:")
        h.append(line(4, f"name: {m['name']}"))
        if not is_armed:
            h.append(line(4, "armed_forces: false", "members.csv defence empty (na_isl): no armed forces"))
        h.append(line(4, f"proximity: {inp['proximity']:.2f}", "analysis/proximity.py (MODEL.md v2.4)"))
        if is_armed:
            h.append(line(4, f"baseline_pct: {inp['baseline_pct']:.2f}",
                          "start share (persistence; MODEL.md v2.4)" if iso == "USA"
                          else f"analysis/calibrate_v2.py, origin {origin} (header)"))
            h.append(line(4, f"regime_response: {'false' if iso == 'USA' else 'true'}",
                          "the source of pressure, not a pledge-taker" if iso == "USA" else ""))
        h.append(line(4, f"gdp_base_usd_bn: {gdp_base(iso, float(m['gdp_2024_usd_bn']), origin, growth):.3f}",
                      f"members.csv gdp_2024_usd_bn / prod(1 + g/100), {origin}-2024"))
        h.append(line(4, f"debt_pct_gdp: {inp['debt_pct_gdp']:.2f}", f"imf_weo_2025apr_fiscal_nato.csv GGXWDG_NGDP {origin}"))
        if is_armed:
            s = cv2.start_share(d, iso)
            h.append(line(4, f"core_share_start_pct: {s:.2f}", f"nato_defexp_share_gdp_2014_2024_aug2025.csv {origin}"))
            h.append(line(4, "related_share_start_pct: 0.0", "no related category before 2025"))
        h.append(line(4, "elections: []", "none in data/elections.csv before 2025 (header)"))
        h.append(f"    # >>> calibrate: growth {iso}")
        h.append(f"    # <<< calibrate: growth {iso}")
        te = wales["members"][iso]["will"]["threat_exposure"]
        h.append("    will:")
        h.append(line(6, f"threat_exposure: {te}", f"v1 only; prior: {TIER_TEXT[te]}"))
        if is_armed:
            h.append("    spending:")
            h.append(line(6, f"plan_adopted_year: {adopted}",
                          "Vilnius summit, 2% as a floor" if vilnius else "the Wales summit"))
            s14 = round(d.nato[iso][2014], 2)
            if vilnius:
                if cv2.start_share(d, iso) < cv2.WALES_TARGET:
                    h.append(line(6, "core_plan: {2024: 2.0}", f"below 2% in {origin}: the Vilnius floor"))
            elif origin > 2014 and s14 < cv2.WALES_TARGET:
                p = cv2.wales_plan(s14, origin)
                h.append(line(6, f"core_plan: {{{origin}: {p:.3f}, 2024: 2.0}}",
                              f"the Wales line from {s14:.2f} in 2014 to 2.0 in 2024"))
    return "\n".join(h) + "\n"


# --- the Hague hindcast from 2024 ----------------------------------------------------------------------

def shocks_and_defaults(source: str, members_heading: str) -> list[str]:
    """The calibrated shocks block, v1's threat priors and the `defaults` block of `source`."""
    return [
        "",
        "shocks:",
        "  # >>> calibrate: alliance shocks",
        "  # <<< calibrate: alliance shocks",
        line(2, "threat_prob: 0.15", f"v1 only (v2 uses the threat regime); as {source}"),
        line(2, "threat_logit_mean: 0.8", f"v1 only; as {source}"),
        line(2, "threat_logit_sd: 0.3", f"v1 only; as {source}"),
        "",
        block_text(SCEN_DIR / source, "# Applied to every member", members_heading),
        "",
    ]


def hague_scenario() -> str:
    origin = HAGUE_ORIGIN
    members = read_csv(DATA_DIR / "members.csv")
    growth = growth_panel()
    d = cv2.load_data(origin, DATA_DIR)
    inputs = cv2.member_inputs(origin, DATA_DIR)
    hague_text = (SCEN_DIR / "hague.yaml").read_text(encoding="utf-8")
    hague = yaml.safe_load(hague_text)
    h = [
        "# hague_origin_2024.yaml - model-v2 hindcast of the Hague commitment from the end of 2024.",
        "#",
        "# Written by analysis/hindcast_scenarios.py from data/ and scenarios/hague.yaml (do not edit by",
        "# hand). The 32 allies of hague.yaml, started from their 2024 shares (release A) with the",
        "# plans known at the end of 2024, then run to 2035 under hague.yaml's targets. It asks what the",
        "# model would have said at the end of 2024 and lets 2025 (the first simulated year) be scored",
        "# as a genuine one-step forecast.",
        "#",
        "# Where every number comes from:",
        "# * core_share_start_pct: data/nato_defexp_share_gdp_2014_2024_aug2025.csv, column 2024e,",
        "#   rounded to 2 dp.",
        "# * gdp_base_usd_bn: 2023 GDP in constant 2024 US$ = members.csv gdp_2024_usd_bn / (1 + g_2024/100),",
        "#   g from data/real_growth.csv. debt_pct_gdp: WEO gross debt 2024 (= members.csv).",
        "# * proximity, baseline_pct, regime_response: analysis/calibrate_v2.py --origin 2024",
        "#   (docs/MODEL.md v2.4); parameter_draws: ../calibration/v2_origin_2024.csv (elevated regime",
        "#   fitted on 2015-2021, acute on 2022-2024).",
        "# * No adopted budgets: data/ holds no source for the 2025 budgets as adopted by the end of",
        "#   2024 (the national 2025 values in docs/EVIDENCE.md were announced during 2025, and the 2025",
        "#   shares in data/defence_share.csv are the outcome being scored). Using either would score",
        "#   the model on its own input.",
        "# * core_plan: the plan known at the end of 2024, the Vilnius floor (2023 summit: 2% of GDP as a",
        "#   minimum): {2025: max(2024 share, 2.0)}, flat after, adopted 2023. The Hague target and the",
        "#   national plans of hague.yaml came in 2025, after the origin.",
        "# * related_share_start_pct, will: hague.yaml's (will is v1 only).",
        "# * elections: data/elections.csv (2025-2035), as hague.yaml.",
        "# * growth and caps: analysis/calibrate.py on the years before 2024 (blocks below). The cap",
        "#   rule is hague.yaml's; where the plan's first simulated year (2025) asks for a bigger step,",
        "#   the cap is raised to it (\"adopted budget\"). 2025 itself is the adopted budget here, so",
        "#   the raise mainly lets the plans' 2026 steps (EST, LVA, LTU, POL) happen.",
        "# * US pressure 2025-2028 (the 2024 election was known); later terms drawn (v2.5).",
        "",
        "name: hague_origin_2024",
        "description: >-",
        "  Model-v2 hindcast of the Hague commitment (3.5% core + 1.5% related by 2035) from the end of",
        "  2024: 32 allies from their release-A 2024 shares, plans known then (Vilnius 2% floor), calibration on data <= 2024",
        "",
        "run:",
        line(2, "trials: 100000"),
        line(2, "seed: 20250625", "as hague.yaml"),
        "",
        "horizon:",
        line(2, "start_year: 2024", "its shares are the observed values"),
        line(2, "end_year: 2035"),
        "",
        "targets:",
    ]
    for k, v in hague["targets"].items():
        h.append(line(2, f"{k}: {v}", "as hague.yaml"))
    h += shocks_and_defaults("hague.yaml", "# The 32 allies")
    h += model_block(origin, "../calibration/v2_origin_2024.csv", "acute", US_PRESSURE_TRUMP2, 2028,
                     "the 2024 election was known at the end of 2024 (v2.5 origin scenarios)")
    h += ["", "# The 32 allies in data/members.csv order.", "members:"]
    for m in members:
        iso = m["iso3"]
        src = hague["members"][iso]
        inp = inputs[iso]
        is_armed = iso in d.nato
        h.append(f"  {iso}:")
        h.append(line(4, f"name: {m['name']}"))
        if not is_armed:
            h.append(line(4, "armed_forces: false", "members.csv defence empty (na_isl): no armed forces"))
        h.append(line(4, f"proximity: {inp['proximity']:.2f}", "analysis/proximity.py (MODEL.md v2.4)"))
        if is_armed:
            h.append(line(4, f"baseline_pct: {inp['baseline_pct']:.2f}",
                          "start share (persistence; MODEL.md v2.4)" if iso == "USA"
                          else "analysis/calibrate_v2.py, origin 2024 (header)"))
            h.append(line(4, f"regime_response: {'false' if iso == 'USA' else 'true'}",
                          "the source of pressure, not a pledge-taker" if iso == "USA" else ""))
        h.append(line(4, f"gdp_base_usd_bn: {gdp_base(iso, float(m['gdp_2024_usd_bn']), origin, growth):.3f}",
                      "members.csv gdp_2024_usd_bn / (1 + g_2024/100)"))
        h.append(line(4, f"debt_pct_gdp: {inp['debt_pct_gdp']:.2f}", "imf_weo_2025apr_fiscal_nato.csv GGXWDG_NGDP 2024"))
        if is_armed:
            h.append(line(4, f"core_share_start_pct: {cv2.start_share(d, iso):.2f}",
                          "nato_defexp_share_gdp_2014_2024_aug2025.csv 2024e"))
            h.append(line(4, f"related_share_start_pct: {src['related_share_start_pct']}", "as hague.yaml"))
        h.append(line(4, f"elections: [{', '.join(str(y) for y in src['elections'])}]", "elections.csv, as hague.yaml"))
        h.append(f"    # >>> calibrate: growth {iso}")
        h.append(f"    # <<< calibrate: growth {iso}")
        h.append("    will:")
        for k, v in src["will"].items():
            h.append(line(6, f"{k}: {v}", "v1 only; as hague.yaml"))
        if not is_armed:
            continue
        sp = src.get("spending", {})
        h.append("    spending:")
        floor = max(cv2.start_share(d, iso), VILNIUS_FLOOR_PCT)
        h.append(line(6, "plan_adopted_year: 2023", "Vilnius summit, July 2023"))
        h.append(line(6, f"core_plan: {{2025: {floor:.2f}}}", "Vilnius floor: max(2024 share, 2.0)"))
        h.append(f"      # >>> calibrate: cap {iso}")
        h.append(f"      # <<< calibrate: cap {iso}")
    return "\n".join(h) + "\n"


# --- driver ----------------------------------------------------------------------------------------------

def outputs() -> dict[Path, str]:
    files: dict[Path, str] = {}
    for o in CALIBRATION_ORIGINS:
        files[CALIB_DIR / f"v2_origin_{o}.csv"] = cv2.to_csv(cv2.calibrate(o, DATA_DIR, ROWS).rows)
    for o in WALES_ORIGINS:
        files[HINDCAST_DIR / f"wales_origin_{o}.yaml"] = cal_v1.regenerate(wales_scenario(o), DATA_DIR)
    files[HINDCAST_DIR / f"hague_origin_{HAGUE_ORIGIN}.yaml"] = cal_v1.regenerate(hague_scenario(), DATA_DIR)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.hindcast_scenarios", description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if a file differs")
    args = ap.parse_args(argv)
    status = 0
    for path, text in outputs().items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        rel = path.relative_to(REPO_ROOT)
        if old == text:
            print(f"{rel}: up to date")
        elif args.check:
            sys.stdout.writelines(difflib.unified_diff((old or "").splitlines(True), text.splitlines(True),
                                                       str(rel), f"{rel} (from data)"))
            status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{rel}: written")
    return status


if __name__ == "__main__":
    sys.exit(main())
