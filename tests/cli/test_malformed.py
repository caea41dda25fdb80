"""Malformed results files (issue 9, item 4): an attribute or variable of the wrong type, size
or range makes summary, compare and merge exit 2 with a message naming the file, the attribute
or variable, what was expected and what was found (never exit 1 or a C++ library's text such
as 'stoull')."""
import shutil

import h5py
import numpy as np
import pytest

from conftest import SMALL, simulate


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    out = tmp_path_factory.mktemp("malformed") / "good.h5"
    simulate(SMALL, "-n", 500, "-o", out, "-q")
    return out


def edited(good, out, edit):
    shutil.copy(good, out)
    with h5py.File(out, "r+") as f:
        edit(f)
    return out


def set_attr(name, value):
    def edit(f):
        f.attrs[name] = value
    return edit


def replace_variable(path, values):
    def edit(f):
        del f[path]
        f[path] = values
    return edit


CASES = {
    "seed_not_a_number": (set_attr("seed", "abc"),
                          "attribute 'seed': expected text holding a decimal integer from 0 to "
                          "2^64-1, found text 'abc'"),
    "trials_text": (set_attr("trials", "many"),
                    "attribute 'trials': expected one integer from 1 to 1000000000000, "
                    "found text 'many'"),
    "start_year_two_values": (set_attr("start_year", np.array([2025, 2026], dtype=np.int32)),
                              "attribute 'start_year': expected one integer from 1900 to 2200, "
                              "found 2 numbers"),
    "trial_end_beyond_trials": (set_attr("trial_end", np.int64(501)),
                                "attribute 'trial_end': expected one integer from 1 to 500, "
                                "found the number 501"),
    "core_target_not_finite": (set_attr("core_target_pct", np.float64("nan")),
                               "attribute 'core_target_pct': expected one finite number, "
                               "found the number nan"),
    "counter_wrong_size": (replace_variable("accumulators/holds_core", np.zeros(3, np.int64)),
                           "variable /accumulators/holds_core: expected 4 values, found 3"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_exits_2_with_expected_and_found(good, tmp_path, case):
    edit, message = CASES[case]
    bad = edited(good, tmp_path / "bad.h5", edit)
    runs = {"summary": simulate("summary", bad, check=False),
            "merge": simulate("merge", "-o", tmp_path / "m.h5", bad, check=False)}
    for what, proc in runs.items():
        assert proc.returncode == 2, (what, proc.stderr)
        assert f"{bad}: {message}" in proc.stderr, (what, proc.stderr)
        assert "stoull" not in proc.stderr
    assert not (tmp_path / "m.h5").exists()


@pytest.mark.parametrize("case", ["trials_text", "start_year_two_values",
                                  "trial_end_beyond_trials"])
def test_compare_of_a_malformed_file_exits_2(good, tmp_path, case):
    edit, message = CASES[case]
    bad = edited(good, tmp_path / "bad.h5", edit)
    proc = simulate("compare", good, bad, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"{bad}: {message}" in proc.stderr, proc.stderr
