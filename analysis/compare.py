"""Differences between two results files, B - A: P(core >= target) in the target year by member.

Two methods:
* unpaired (the summaries only): d = p_B - p_A, se = sqrt(se_A^2 + se_B^2). Conservative when
  both runs used the same seed: common random numbers make the two estimates positively
  correlated, and a paired estimate would be tighter.
* paired (both files hold `/trials` with the same seed and the same trial ids): per trial
  D_i = 1[core_B,i >= target] - 1[core_A,i >= target], d = mean D, se = sd(D)/sqrt(n), read in
  blocks so memory stays bounded.
Intervals are d +- 1.96 se (normal approximation).
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py
import numpy as np

from analysis import io

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


def _common_armed(ds_a, ds_b):
    b = set(io.armed_members(ds_b))
    return [m for m in io.armed_members(ds_a) if m in b]


def unpaired(ds_a, ds_b, info_a, info_b) -> Comparison:
    ty = io.target_year_in(ds_a, info_a)
    if ty != io.target_year_in(ds_b, info_b):
        raise ValueError("the two files have different target years; nothing to compare")
    members = _common_armed(ds_a, ds_b)
    pa = ds_a["p_core_target"].sel(member=members, year=ty).values
    pb = ds_b["p_core_target"].sel(member=members, year=ty).values
    sa = ds_a["p_core_target_se"].sel(member=members, year=ty).values
    sb = ds_b["p_core_target_se"].sel(member=members, year=ty).values
    note = ("unpaired: se = sqrt(se_A^2 + se_B^2), conservative; paired trials "
            "(simulate --save-trials, same seed) would give tighter intervals")
    return Comparison(members, pb - pa, np.sqrt(sa**2 + sb**2), False,
                      min(info_a.trials, info_b.trials), ty, note)


def can_pair(info_a, info_b) -> tuple[bool, str]:
    if not (info_a.has_trials and info_b.has_trials):
        return False, "not both files hold /trials"
    if info_a.seed != info_b.seed:
        return False, f"different seeds ({info_a.seed} vs {info_b.seed})"
    with h5py.File(info_a.path, "r") as fa, h5py.File(info_b.path, "r") as fb:
        ta, tb = fa["trials/trial_id"], fb["trials/trial_id"]
        if ta.shape != tb.shape:
            return False, "different numbers of saved trials"
        for b in range(0, ta.shape[0], io.TRIALS_BLOCK):
            e = b + io.TRIALS_BLOCK
            if not np.array_equal(io.read(info_a.path, ta, np.s_[b:e]),
                                  io.read(info_b.path, tb, np.s_[b:e])):
                return False, "different trial ids"
    return True, ""


def paired(info_a, info_b) -> Comparison:
    la, lb = io.trials_layout(info_a.path), io.trials_layout(info_b.path)
    ty = int(np.clip(info_a.target_year, la.years.min(), la.years.max()))
    if ty != int(np.clip(info_b.target_year, lb.years.min(), lb.years.max())):
        raise ValueError("the two files have different target years; nothing to compare")
    members = [m for m in la.members if m in lb.members]
    ia = [la.members.index(m) for m in members]
    ib = [lb.members.index(m) for m in members]
    ya, yb = int(np.nonzero(la.years == ty)[0][0]), int(np.nonzero(lb.years == ty)[0][0])
    s1 = np.zeros(len(members))
    s2 = np.zeros(len(members))
    armed = io.trials_members(info_a.path, la)[0][ia] & io.trials_members(info_b.path, lb)[0][ib]
    n = 0
    # Each run's own verdict (the model's rule, in double precision): /trials/at_core_target.
    blocks_a = io.iter_trial_blocks(info_a.path, ["at_core_target"])
    blocks_b = io.iter_trial_blocks(info_b.path, ["at_core_target"])
    for block_a, block_b in zip(blocks_a, blocks_b):
        ca = block_a["at_core_target"][:, ia, ya]
        cb = block_b["at_core_target"][:, ib, yb]
        d = (cb.astype(np.int8) - ca.astype(np.int8)).astype(float)
        s1 += d.sum(axis=0)
        s2 += (d * d).sum(axis=0)
        n += d.shape[0]
    if n < 2:
        raise ValueError("fewer than 2 paired trials")
    mean = s1 / n
    var = np.maximum(s2 - n * mean**2, 0.0) / (n - 1)
    keep = np.nonzero(armed)[0]
    note = f"paired over {n:,} common trials: se = sd(B_i - A_i)/sqrt(n)"
    return Comparison([members[i] for i in keep], mean[keep], np.sqrt(var[keep] / n), True, n,
                      ty, note)


def compare(ds_a, ds_b, info_a, info_b) -> Comparison:
    ok, why = can_pair(info_a, info_b)
    if ok:
        return paired(info_a, info_b)
    result = unpaired(ds_a, ds_b, info_a, info_b)
    result.note += f" ({why})"
    return result
