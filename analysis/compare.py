"""B - A: P(core >= target) in the target year by member, with standard errors, as
`simulate compare --format json` computes them (sim/results/compare.h: paired on trials when
both files hold /trials for the same seed and trials, otherwise the difference of the summaries
with sqrt(se_A^2 + se_B^2), and why it is not paired). The rule lives in C++; this module runs
it and reads its answer. Intervals are d +- 1.96 se (normal approximation).

The binary is $RAMPUP_SIMULATE, else `simulate` on the PATH (scripts/build.sh installs it).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass
class Comparison:
    members: list
    diff: np.ndarray
    se: np.ndarray
    paired: bool
    n: int
    target_year: int
    note: str

    @property
    def lo(self):
        return self.diff - Z95 * self.se

    @property
    def hi(self):
        return self.diff + Z95 * self.se


def simulate_binary() -> str:
    path = os.environ.get("RAMPUP_SIMULATE") or shutil.which("simulate")
    if not path:
        raise FileNotFoundError("simulate not found: put it on the PATH (scripts/build.sh "
                                "installs it) or set RAMPUP_SIMULATE")
    return path


def compare(path_a, path_b) -> Comparison:
    """ValueError (bad input: simulate exit 2) or OSError (exit 1) with simulate's message."""
    proc = subprocess.run([simulate_binary(), "compare", "--format", "json", str(path_a),
                           str(path_b)], capture_output=True, text=True)
    if proc.returncode == 2:
        raise ValueError(proc.stderr.strip())
    if proc.returncode != 0:
        raise OSError(proc.stderr.strip() or f"simulate compare exited {proc.returncode}")
    result = json.loads(proc.stdout)
    armed = [m for m in result["members"] if m["armed_forces"]]

    def column(key):
        return np.array([np.nan if m["p_core_target"][key] is None else m["p_core_target"][key]
                         for m in armed], dtype=float)

    n = int(result["trials"])
    if result["paired"]:
        note = f"paired over {n:,} common trials: se = sd(B_i - A_i)/sqrt(n)"
    else:
        note = (f"unpaired: se = sqrt(se_A^2 + se_B^2), conservative; paired trials "
                f"(simulate --save-trials, same seed) would give tighter intervals "
                f"({result['not_paired_reason']})")
    return Comparison([m["iso3"] for m in armed], column("diff"), column("diff_se"),
                      bool(result["paired"]), n, int(result["target_year"]), note)
