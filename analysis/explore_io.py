"""Reading the results file of `simulate explore` (docs/EXPLORE.md) and choosing an outcome.

An outcome is a per-experiment column: a variable over `experiment` (e.g.
`alliance_p_core_target`, `alliance_share_median`, `members_at_core_target_mean`) or a member's
column of a variable over (experiment, member), written `p_reached[DEU]`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import h5py
import numpy as np

OUTCOMES = ["alliance_p_core_target", "alliance_share_median", "members_at_core_target_mean"]
COLUMN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[\s*([A-Za-z]{3})\s*\])?\s*$")
CONDITION = re.compile(r"^(.*?)(>=|<=|==|!=|>|<)\s*([-+0-9.eE]+)\s*$")


@dataclass
class Exploration:
    path: str
    attrs: dict
    keys: list            # varied keys
    values: np.ndarray    # experiments x keys (categorical keys: the category index)
    members: list
    variables: dict       # name -> array over experiment or (experiment, member)
    saltelli_matrix: np.ndarray | None = None
    base_row: np.ndarray | None = None
    categories: dict = field(default_factory=dict)  # key index -> category labels (categorical)

    @property
    def design(self):
        return self.attrs.get("design", "")

    def column(self, name):
        """The per-experiment values of `name` or `name[ISO3]` (ValueError naming the choices)."""
        name = name.strip()
        m = COLUMN.match(name)
        if not m or m.group(1) not in self.variables:
            raise ValueError(f"unknown outcome '{name}'; choose one of "
                             f"{', '.join(sorted(self.variables))} (per member: NAME[ISO3])")
        v = self.variables[m.group(1)]
        if v.ndim == 1:
            if m.group(2):
                raise ValueError(f"'{m.group(1)}' is not per member; drop [{m.group(2)}]")
            return v
        if not m.group(2):
            raise ValueError(f"'{m.group(1)}' is per member; write {m.group(1)}[ISO3]")
        iso = m.group(2).upper()
        if iso not in self.members:
            raise ValueError(f"unknown member '{iso}'; the file has {', '.join(self.members)}")
        return v[:, self.members.index(iso)]

    def condition(self, text):
        """Boolean per experiment for 'COLUMN OP NUMBER', e.g. 'alliance_p_core_target >= 0.5'."""
        m = CONDITION.match(text)
        if not m:
            raise ValueError(f"outcome '{text}': expected COLUMN OP NUMBER, "
                             "e.g. 'alliance_p_core_target >= 0.5'")
        x, op, threshold = self.column(m.group(1)), m.group(2), float(m.group(3))
        return {">=": x >= threshold, "<=": x <= threshold, ">": x > threshold,
                "<": x < threshold, "==": x == threshold, "!=": x != threshold}[op]


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _attribute(value):
    """Text as str; a number as a scalar (netCDF-C stores numeric attributes as 1-element
    arrays, which h5py returns as such)."""
    if isinstance(value, (bytes, str)):
        return _text(value)
    array = np.asarray(value)
    return array.item() if array.size == 1 else array


def is_exploration(path):
    """Has the file the root attribute kind = 'explore'? False if it is not an HDF5 file."""
    try:
        with h5py.File(path, "r") as f:
            return _text(f.attrs.get("kind", "")) == "explore"
    except OSError:
        return False


def read_exploration(path):
    with h5py.File(path, "r") as f:
        if _text(f.attrs.get("kind", "")) != "explore":
            raise ValueError(f"{path}: not a results file of `simulate explore` "
                             "(root attribute kind = 'explore')")
        attrs = {k: _attribute(v) for k, v in f.attrs.items()}
        keys = [_text(k) for k in f["varied"][()]]
        members = [_text(m) for m in f["member"][()]]
        value = f["value"][()]
        category = f["category_index"][()]
        values = np.where(category >= 0, category, value).astype(float)
        variables = {}
        for name, ds in f.items():
            if name in ("value", "category_index", "unit_sample", "saltelli_matrix", "base_row"):
                continue
            if name.startswith("category_"):
                continue
            if not isinstance(ds, h5py.Dataset) or name == "experiment" or ds.ndim not in (1, 2):
                continue
            if ds.shape[0] == len(values) and (ds.ndim == 1 or ds.shape[1] == len(members)):
                variables[name] = ds[()].astype(float)
        salt = f["saltelli_matrix"][()] if "saltelli_matrix" in f else None
        base = f["base_row"][()] if "base_row" in f else None
        categories = {j: [_text(c) for c in f[f"category_{j}"][()]]
                      for j in range(len(keys)) if f"category_{j}" in f}
    return Exploration(str(path), attrs, keys, values, members, variables, salt, base,
                       categories)
