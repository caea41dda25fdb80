"""Tests of the data copies in data/ and of the scenario files built from them.

Published anchors (docs/POLICY.md §6, data/SOURCES.md "Checks done"):
  * NATO total defence spending 2024e = US$1,474.4 bn (sum of members.csv, +-1).
  * 5% of the US's 2025 GDP ~ US$1.49 trn (+-0.02 trn), with 2025 GDP = IMF 2024 GDP grown as the
    scenario does (growth.mean_pct, and the model's first-year forecast from last_growth_pct).
Scenario consistency: hague.yaml has the 32 members of members.csv with their GDP, debt, 2025
start shares and elections; wales2014.yaml has the 28 allies of 2014 with the Aug-2025 release's
2014 shares and GDP backed out to 2013; the variants only override what they say they do; every
key is one the scenario format knows (scenarios/README.md), so the loader will not reject it.
"""
import csv
import math
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SCEN = ROOT / "scenarios"


def read_csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(name):
    return yaml.safe_load((SCEN / name).read_text(encoding="utf-8"))


MEMBERS = read_csv("members.csv")
HAGUE = load("hague.yaml")
WALES = load("wales2014.yaml")


# --- the data ---------------------------------------------------------------------------------

def test_alliance_total_2024():
    total = sum(float(m["defence_2024_usd_bn"]) for m in MEMBERS if m["defence_2024_usd_bn"])
    assert total == pytest.approx(1474.4, abs=1.0)
    assert sum(1 for m in MEMBERS if m["defence_2024_usd_bn"]) == 31  # Iceland has none


def test_five_percent_of_us_gdp_2025():
    usa = next(m for m in MEMBERS if m["iso3"] == "USA")
    gdp_2024 = float(usa["gdp_2024_usd_bn"])
    g = HAGUE["members"]["USA"]["growth"]
    assert HAGUE["members"]["USA"]["gdp_base_usd_bn"] == gdp_2024
    forecast = g["mean_pct"] + g["persistence"] * (g["last_growth_pct"] - g["mean_pct"])
    for growth_pct in (g["mean_pct"], forecast, float(usa["growth_mean_pct"])):
        five_pct_usd_bn = 0.05 * gdp_2024 * (1 + growth_pct / 100)
        assert five_pct_usd_bn == pytest.approx(1490.0, abs=20.0)


def test_growth_summary_columns_match_the_yearly_series():
    series = defaultdict(list)
    for r in read_csv("real_growth.csv"):
        series[r["iso3"]].append(float(r["pct"]))
    for m in MEMBERS:
        values = series[m["iso3"]]
        assert len(values) == (24 if m["iso3"] == "MNE" else 25)
        assert sum(values) / len(values) == pytest.approx(float(m["growth_mean_pct"]), abs=0.006)


# --- hague.yaml -------------------------------------------------------------------------------

def test_hague_members_match_members_csv():
    members = HAGUE["members"]
    assert list(members) == [m["iso3"] for m in MEMBERS]
    assert len(members) == 32
    share_2025 = {r["iso3"]: r["pct_gdp"] for r in read_csv("defence_share.csv") if r["year"] == "2025"}
    for m in MEMBERS:
        s = members[m["iso3"]]
        assert s["name"] == m["name"]
        assert s["gdp_base_usd_bn"] == float(m["gdp_2024_usd_bn"])
        assert s["debt_pct_gdp"] == float(m["debt_2024_pct_gdp"])
        if share_2025[m["iso3"]]:
            assert s["core_share_start_pct"] == float(share_2025[m["iso3"]])
        else:
            assert "core_share_start_pct" not in s


def test_iceland_has_no_armed_forces():
    for doc in (HAGUE, WALES):
        isl = doc["members"]["ISL"]
        assert isl["armed_forces"] is False
        assert "core_share_start_pct" not in isl and "spending" not in isl
    assert all(m.get("armed_forces", True) for iso, m in HAGUE["members"].items() if iso != "ISL")


def test_hague_elections_match_elections_csv():
    years = defaultdict(set)
    for r in read_csv("elections.csv"):
        years[r["iso3"]].add(int(r["year"]))
    for iso, m in HAGUE["members"].items():
        assert m["elections"] == sorted(years[iso]), iso


def test_hague_settings():
    assert HAGUE["name"] == "hague"
    assert HAGUE["horizon"] == {"start_year": 2025, "end_year": 2035}
    assert HAGUE["targets"] == {"core_pct": 3.5, "related_cap_pct": 1.5, "total_pct": 5.0,
                                "target_year": 2035, "review_year": 2029}
    assert HAGUE["run"]["trials"] == 100000 and isinstance(HAGUE["run"]["seed"], int)


def test_hague_plans_and_caps():
    for iso, m in HAGUE["members"].items():
        if not m.get("armed_forces", True):
            continue
        sp = m["spending"]
        assert 0.15 <= sp["max_rise_pp_per_year"] <= 1.1 or iso in ("EST", "LVA", "LTU"), iso
        plan = sp.get("core_plan", {})
        assert all(2025 <= y <= 2035 and 0 < v <= 10 for y, v in plan.items()), iso
        if 2025 in plan:  # a plan that names the start year starts from the observed share
            assert plan[2025] == m["core_share_start_pct"], iso
    # the adopted 2026 budgets of the Baltic states are reachable in one step
    for iso, step in (("EST", 5.4 - 3.38), ("LVA", 4.9 - 3.73), ("LTU", 5.38 - 4.00)):
        assert HAGUE["members"][iso]["spending"]["max_rise_pp_per_year"] >= step - 1e-9


def test_will_priors_in_range():
    for iso, m in HAGUE["members"].items():
        w = m["will"]
        assert 0 < w["initial"] < 1 and 0 < w["baseline"] < 1 and 0 <= w["threat_exposure"] <= 1
    frontline = ("EST", "LVA", "LTU", "POL", "FIN", "NOR")
    assert all(HAGUE["members"][iso]["will"]["threat_exposure"] == 1.0 for iso in frontline)


# --- wales2014.yaml ---------------------------------------------------------------------------

def aug2025_2014_shares():
    names = {m["name"]: m["iso3"] for m in MEMBERS}
    names["Slovak Republic"] = "SVK"
    return {names[r["Country"]]: float(r["2014"])
            for r in read_csv("nato_defexp_share_gdp_2014_2024_aug2025.csv") if r["Country"] in names}


def test_wales_members_and_start():
    allies_2014 = [m for m in MEMBERS if int(m["joined"]) <= 2014]
    assert len(allies_2014) == 28
    members = WALES["members"]
    assert list(members) == [m["iso3"] for m in allies_2014]
    shares = aug2025_2014_shares()
    growth = defaultdict(dict)
    for r in read_csv("real_growth.csv"):
        growth[r["iso3"]][int(r["year"])] = float(r["pct"])
    for m in allies_2014:
        iso, s = m["iso3"], members[m["iso3"]]
        if iso != "ISL":
            assert s["core_share_start_pct"] == round(shares[iso], 2), iso
            assert s["related_share_start_pct"] == 0.0
        factor = math.prod(1 + growth[iso][y] / 100 for y in range(2014, 2025))
        assert s["gdp_base_usd_bn"] == pytest.approx(float(m["gdp_2024_usd_bn"]) / factor, abs=6e-4)
        assert s["elections"] == []
    # docs/POLICY.md §2.2: 24 of the 27 armed allies were below 2% in 2014
    below = [iso for iso, s in members.items() if s.get("core_share_start_pct", 9) < 2.0]
    assert len(below) == 24


def test_wales_settings_and_shared_defaults():
    assert WALES["horizon"] == {"start_year": 2014, "end_year": 2024}
    assert WALES["targets"] == {"core_pct": 2.0, "related_cap_pct": 0.0, "total_pct": 2.0,
                                "target_year": 2024, "review_year": 2019}
    assert WALES["defaults"] == HAGUE["defaults"]
    for key in ("threat_prob", "threat_logit_mean", "threat_logit_sd"):
        assert WALES["shocks"][key] == HAGUE["shocks"][key]
    for m in WALES["members"].values():  # no plans, caps or will levels fitted to the outcome
        assert "spending" not in m and set(m["will"]) == {"threat_exposure"}


# --- variants ---------------------------------------------------------------------------------

def test_variants_extend_hague():
    for name in ("threat_sharper", "recession", "us_drawdown"):
        doc = load(f"{name}.yaml")
        assert doc["extends"] == "hague.yaml" and doc["name"] == name and doc["description"]
    sharper = load("threat_sharper.yaml")["shocks"]
    assert sharper["threat_prob"] > HAGUE["shocks"]["threat_prob"]
    assert sharper["threat_logit_mean"] > HAGUE["shocks"]["threat_logit_mean"]
    assert load("recession.yaml")["shocks"]["recession_prob"] > HAGUE["shocks"]["recession_prob"]


def test_us_drawdown_overrides():
    members = load("us_drawdown.yaml")["members"]
    assert max(members["USA"]["spending"]["core_plan"].values()) <= 3.22
    europe = [iso for iso in HAGUE["members"] if iso not in ("USA", "CAN", "ISL")]
    assert sorted(members) == sorted(europe + ["USA"])
    for iso in europe:
        base = HAGUE["members"][iso]["will"]["baseline"]
        assert members[iso] == {"will": {"baseline": pytest.approx(min(base + 0.10, 0.90))}}, iso


# --- every key is one the format knows (scenarios/README.md) ----------------------------------

KNOWN = {
    "": {"name", "description", "extends", "run", "horizon", "targets", "shocks", "defaults",
         "model", "members"},
    "model": {"version", "parameter_draws", "start_regime", "regime_transition", "us_pressure_years",
              "us_pressure_known_until", "us_pressure_term_prob"},
    "run": {"trials", "seed"},
    "horizon": {"start_year", "end_year"},
    "targets": {"core_pct", "related_cap_pct", "total_pct", "target_year", "review_year"},
    "shocks": {"recession_prob", "threat_prob", "threat_logit_mean", "threat_logit_sd",
               "growth_tail_dof"},
    "defaults": {"growth", "will", "spending"},
    "member": {"name", "armed_forces", "gdp_base_usd_bn", "debt_pct_gdp", "core_share_start_pct",
               "related_share_start_pct", "elections", "growth", "will", "spending",
               "proximity", "baseline_pct", "regime_response"},
    "growth": {"mean_pct", "sd_pct", "persistence", "common_loading", "recession_depth_pct",
               "last_growth_pct"},
    "will": {"initial", "baseline", "baseline_sd", "reversion", "volatility", "threat_exposure",
             "election_change_prob", "election_jump_sd", "debt_stress", "recession_stress"},
    "spending": {"core_plan", "related_plan", "max_rise_pp_per_year", "max_cut_pp_per_year",
                 "will_full", "will_stall", "related_max_rise_pp_per_year",
                 "reclassification_prob", "reclassification_pp", "plan_adopted_year",
                 "adopted_budget"},
}


@pytest.mark.parametrize("name", sorted(str(p.relative_to(SCEN)) for p in SCEN.glob("**/*.yaml")))
def test_only_known_keys(name):
    doc = load(name)
    assert set(doc) <= KNOWN[""]
    for section in ("run", "horizon", "targets", "shocks", "model"):
        assert set(doc.get(section) or {}) <= KNOWN[section], section
    blocks = [doc.get("defaults") or {}] + list((doc.get("members") or {}).values())
    for i, block in enumerate(blocks):
        allowed = KNOWN["defaults"] if i == 0 else KNOWN["member"]
        assert set(block) <= allowed, block
        for sub in ("growth", "will", "spending"):
            assert set(block.get(sub) or {}) <= KNOWN[sub], (sub, block)
    shocks = doc.get("shocks") or {}
    dof = shocks.get("growth_tail_dof", 4)
    assert dof == 0 or (4 <= dof <= 64 and dof % 2 == 0)
