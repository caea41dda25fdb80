"""National core-spending plans, recovered from the root attribute `scenario_text`.

`scenario_text` holds every scenario file read (base files first, each after `# --- file: PATH`)
and then the `--set` overrides (`# --- set: KEY=VALUE`). The plan is rebuilt with the loader's
rules (sim/scenario/extends.cpp, overrides.cpp, convert_member.cpp): files merge key by key
(mappings merge, anything else replaces), a `--set` replaces the value at its path, a member's
keys override `defaults`, and a member without a core_plan gets the default path: linear from
its start share in the start year to max(start, target) in the target year. The plan is
piecewise linear between its points and flat outside them (models/plan.h).

Anything unexpected returns None: the report then leaves the plans out and says so.
"""
from __future__ import annotations

import re

import numpy as np

try:
    import yaml
except ImportError:  # pragma: no cover - Debian's python3 has PyYAML
    yaml = None

_SECTION = re.compile(r"^# --- (file|set): (.*)$", re.MULTILINE)


def _merge_into(base, overlay):
    if not isinstance(base, dict) or not isinstance(overlay, dict):
        return overlay
    for key, value in overlay.items():
        if key in base and isinstance(base[key], dict) and isinstance(value, dict):
            base[key] = _merge_into(base[key], value)
        else:
            base[key] = value
    return base


def _set_path(root: dict, key: str, value):
    node = root
    parts = key.split(".")
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[parts[-1]] = value


def merged_scenario(scenario_text: str):
    """The scenario tree after extends-merging and overrides, or None if it cannot be parsed."""
    if yaml is None or not scenario_text:
        return None
    marks = list(_SECTION.finditer(scenario_text))
    if not marks:
        return None
    root: dict = {}
    try:
        for i, mark in enumerate(marks):
            kind = mark.group(1)
            if kind == "file":
                end = marks[i + 1].start() if i + 1 < len(marks) else len(scenario_text)
                tree = yaml.safe_load(scenario_text[mark.end():end]) or {}
                if not isinstance(tree, dict):
                    return None
                tree.pop("extends", None)
                root = _merge_into(root, tree)
            else:
                key, sep, value = mark.group(2).partition("=")
                if not sep:
                    return None
                _set_path(root, key, yaml.safe_load(value))
    except yaml.YAMLError:
        return None
    return root


def _plan_points(plan) -> list | None:
    if not isinstance(plan, dict) or not plan:
        return None
    try:
        points = sorted((int(y), float(s)) for y, s in plan.items())
    except (TypeError, ValueError):
        return None
    return points


def core_plans(scenario_text: str, members, years, core_target_pct: float, target_year: int):
    """{iso3: (planned core share % of GDP by year, announced?)} for members with armed forces,
    or None if the plans cannot be recovered."""
    tree = merged_scenario(scenario_text)
    if tree is None or not isinstance(tree.get("members"), dict):
        return None
    years = np.asarray(years, dtype=float)
    defaults = tree.get("defaults") or {}
    default_plan = _plan_points((defaults.get("spending") or {}).get("core_plan"))
    out = {}
    for iso3 in members:
        block = tree["members"].get(iso3)
        if not isinstance(block, dict):
            return None
        if block.get("armed_forces") is False:
            continue
        spending = block.get("spending") or {}
        announced = "core_plan" in spending
        points = _plan_points(spending.get("core_plan")) if announced else default_plan
        if points is None:
            start = block.get("core_share_start_pct")
            if not isinstance(start, (int, float)):
                return None
            points = [(int(years[0]), float(start)),
                      (int(target_year), max(float(start), core_target_pct))]
        xs, ys = zip(*points)
        out[iso3] = (np.interp(years, xs, ys), announced or default_plan is not None)
    return out
