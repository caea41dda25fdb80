"""`simulate explore` end to end (docs/EXPLORE.md) on tests/cli/data/small.yaml:

1. An LHS exploration of two keys (8 experiments x 500 trials) opens in h5py and xarray with
   dimensions experiment, member and varied; sampled values are inside their ranges and
   stratified (one per eighth of each range); the design is in the root attributes; every
   experiment's outcomes are probabilities with standard errors sqrt(p (1 - p) / n).
2. -j 1 and -j 2 give identical bytes; the same seed gives the same design, another seed another;
   --shard K/N files merged by `simulate merge` (any order) give the bytes of the whole run;
   missing or overlapping shards exit 2.
3. A categorical key (a,b,c) records the category index and the category as a number.
4. Common random numbers: an experiment equals a plain run with its --set values.
5. --design saltelli gives N (k + 2) experiments in blocks A, B, AB_i that
   analysis.sensitivity reads and prints a table of; analysis.discover runs on an LHS file.
6. Bad --vary (unknown key, LO > HI, malformed, run.* keys) exits 2 naming the key.
7. summary and compare given an explore file exit 2 saying what it is and what reads it;
   merge refuses to mix it with results of a run.
"""
import subprocess
import sys

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import SMALL, SOURCE, simulate

sys.path.insert(0, str(SOURCE))
from analysis import discover, prim  # noqa: E402
from analysis.explore_io import read_exploration  # noqa: E402

KEYS = ["members.DEU.will.initial=0.2:0.9", "members.ESP.will.baseline=0.1:0.8"]


def explore(out, *extra, keys=KEYS, experiments=8, trials=500, threads=1):
    args = ["explore", SMALL]
    for k in keys:
        args += ["--vary", k]
    return simulate(*args, "--experiments", experiments, "-n", trials, "-j", threads, "-o", out,
                    "-q", *extra)


@pytest.fixture(scope="module")
def lhs_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("explore") / "lhs.h5"
    explore(out)
    return out


def test_layout_ranges_and_stratification(lhs_file):
    ds = xr.open_dataset(lhs_file)
    assert dict(ds.sizes) == {"experiment": 8, "member": 4, "varied": 2}
    assert list(ds["varied"].values) == ["members.DEU.will.initial", "members.ESP.will.baseline"]
    assert list(ds["member"].values) == ["DEU", "POL", "ESP", "ISL"]
    assert ds.attrs["design"] == "lhs" and ds.attrs["kind"] == "explore"
    assert ds.attrs["trials"] == 500 and ds.attrs["experiments"] == 8
    assert len(ds.attrs["scenario_sha256"]) == 64
    np.testing.assert_array_equal(ds.attrs["range_low"], [0.2, 0.1])
    np.testing.assert_array_equal(ds.attrs["range_high"], [0.9, 0.8])
    values = ds["value"].values
    for k, (lo, hi) in enumerate([(0.2, 0.9), (0.1, 0.8)]):
        assert np.all((values[:, k] > lo) & (values[:, k] < hi))
        strata = np.floor((values[:, k] - lo) / (hi - lo) * 8).astype(int)
        assert sorted(strata) == list(range(8))
    assert np.all(ds["category_index"].values == -1)
    p = ds["p_core_target"].sel(member="DEU").values
    se = ds["p_core_target_se"].sel(member="DEU").values
    np.testing.assert_allclose(se, np.sqrt(p * (1 - p) / 500))
    assert np.all(np.isnan(ds["p_reached"].sel(member="ISL").values))
    se = ds["alliance_share_median_se"].values
    assert np.all((se > 0) & (se < 0.2))  # percent of GDP, 500 trials
    for name in ["alliance_p_core_target", "alliance_share_median", "members_at_core_target_mean",
                 "members_at_core_target_mean_se", "alliance_p_core_target_se"]:
        assert ds[name].dims == ("experiment",)
    with h5py.File(lhs_file) as f:
        assert f["value"].dtype == np.float64
        assert f["value"].dims[0][0].name == "/experiment"


def test_identical_bytes_for_any_thread_count(lhs_file, tmp_path):
    explore(tmp_path / "j2.h5", threads=2)
    assert (tmp_path / "j2.h5").read_bytes() == lhs_file.read_bytes()
    explore(tmp_path / "s2.h5", "--seed", "7")
    a, b = xr.open_dataset(lhs_file), xr.open_dataset(tmp_path / "s2.h5")
    assert not np.array_equal(a["value"].values, b["value"].values)


def test_shards_merge_to_the_same_bytes(tmp_path):
    keys = [KEYS[0], "members.ESP.debt_pct_gdp=60,100,140"]
    whole = tmp_path / "whole.h5"
    explore(whole, "--design", "saltelli", keys=keys, experiments=5, trials=100)
    shards = []
    for k in (1, 2, 3):
        shards.append(tmp_path / f"s{k}.h5")
        explore(shards[-1], "--design", "saltelli", "--shard", f"{k}/3", keys=keys, experiments=5,
                trials=100, threads=2)
    ds = xr.open_dataset(shards[1])
    assert ds.attrs["shard"] == "experiments [6, 13) of 20"
    np.testing.assert_array_equal(ds["experiment"].values, np.arange(6, 13))
    merged = tmp_path / "merged.h5"
    out = simulate("merge", "-o", merged, shards[2], shards[0], shards[1]).stdout
    assert "Merged 3 explore shards (20 experiments)" in out
    assert merged.read_bytes() == whole.read_bytes()
    for bad in ([shards[0], shards[2]], [shards[0], shards[0], shards[1], shards[2]]):
        proc = simulate("merge", "-o", tmp_path / "bad.h5", *bad, check=False)
        assert proc.returncode == 2 and "shards missing or overlapping" in proc.stderr
    other = tmp_path / "other.h5"
    explore(other, "--design", "saltelli", "--shard", "2/3", "--seed", "9", keys=keys,
            experiments=5, trials=100)
    proc = simulate("merge", "-o", tmp_path / "bad.h5", shards[0], other, shards[2], check=False)
    assert proc.returncode == 2 and "not shards of one exploration" in proc.stderr


def test_categorical_key(tmp_path):
    out = tmp_path / "cat.h5"
    explore(out, keys=["members.ESP.debt_pct_gdp=60,100,140", KEYS[0]], experiments=6, trials=50)
    ds = xr.open_dataset(out)
    idx = ds["category_index"].values[:, 0]
    assert sorted(idx) == [0, 0, 1, 1, 2, 2]  # LHS: two experiments per category of six
    np.testing.assert_array_equal(ds["value"].values[:, 0], np.array([60, 100, 140])[idx])
    assert np.all(ds["category_index"].values[:, 1] == -1)
    # The categories are in the file, so scenario discovery names them (no --vary parsing in
    # Python): a box over category indices 1..2 reads "one of 100, 140".
    assert list(ds["category_0"].values) == ["60", "100", "140"] and "category_1" not in ds
    e = read_exploration(out)
    assert e.categories == {0: ["60", "100", "140"]}
    box = prim.Box(np.array([1.0, -np.inf]), np.array([2.0, np.inf]))
    words = discover.conditions(box, e.keys, e.values, e.categories)
    assert words == ["members.ESP.debt_pct_gdp is one of 100, 140"]


def test_common_random_numbers_match_a_plain_run(lhs_file, tmp_path):
    ds = xr.open_dataset(lhs_file)
    e = 3
    sets = [f"{k}={v!r}" for k, v in zip(ds["varied"].values, ds["value"].values[e])]
    run = tmp_path / "run.h5"
    args = [SMALL, "-n", 500, "-o", run, "-q"]
    for s in sets:
        args += ["--set", s]
    simulate(*args)
    summary = xr.open_dataset(run, group="summary")
    p_run = summary["p_core_target"].sel(member="DEU", year=2035).values
    assert ds["p_core_target"].sel(member="DEU").values[e] == pytest.approx(float(p_run), abs=0)


def test_saltelli_structure_and_sensitivity_table(tmp_path):
    out = tmp_path / "saltelli.h5"
    explore(out, "--design", "saltelli", keys=KEYS + ["members.DEU.debt_pct_gdp=30:150"],
            experiments=4, trials=100)
    ds = xr.open_dataset(out)
    assert ds.sizes["experiment"] == 4 * (3 + 2)
    np.testing.assert_array_equal(ds["saltelli_matrix"].values, np.repeat(np.arange(5), 4))
    np.testing.assert_array_equal(ds["base_row"].values, np.tile(np.arange(4), 5))
    u = ds["unit_sample"].values.reshape(5, 4, 3)  # block, row, key
    for i in range(3):
        ab = u[2 + i]
        np.testing.assert_array_equal(ab[:, i], u[1][:, i])
        np.testing.assert_array_equal(np.delete(ab, i, axis=1), np.delete(u[0], i, axis=1))
    proc = subprocess.run([sys.executable, "-m", "analysis.sensitivity", str(out),
                           "--bootstrap", "50"], capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 0, proc.stderr
    assert "saltelli design, 3 keys, 4 base rows" in proc.stdout
    assert "alliance_p_core_target" in proc.stdout and "members.DEU.debt_pct_gdp" in proc.stdout


def test_discover_runs_on_an_lhs_file(lhs_file, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "analysis.discover", str(lhs_file), "--outcome",
                           "members_at_core_target_mean >= 0"], capture_output=True, text=True,
                          cwd=SOURCE)
    assert proc.returncode == 0, proc.stderr
    assert "holds in 8 (100%)" in proc.stdout
    median = np.median(xr.open_dataset(lhs_file)["alliance_share_median"].values)
    png = tmp_path / "curve.png"
    proc = subprocess.run([sys.executable, "-m", "analysis.discover", str(lhs_file), "--outcome",
                           f"alliance_share_median > {median!r}", "--plot", str(png)],
                          capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 0, proc.stderr
    assert "holds in 4 (50%)" in proc.stdout and "In words: " in proc.stdout
    assert "CART" in proc.stdout and png.read_bytes()[:4] == b"\x89PNG"
    proc = subprocess.run([sys.executable, "-m", "analysis.discover", str(lhs_file), "--outcome",
                           "no_such >= 1"], capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 2 and "unknown outcome 'no_such'" in proc.stderr


@pytest.mark.parametrize("vary, message", [
    ("members.DEU.wil.initial=0.2:0.9", "did you mean 'will'"),
    ("members.DEU.will.initial=0.9:0.2", "LO (0.9) must be below HI (0.2)"),
    ("members.DEU.will.initial=abc", "expected KEY=LO:HI"),
    ("members.DEU.will.initial=0.5:2", "members.DEU.will.initial"),
    ("members.DEU.will.initial", "expected KEY=LO:HI"),
    ("run.trials=10:20", "run settings cannot be varied"),
])
def test_bad_vary_exits_2_naming_the_key(tmp_path, vary, message):
    out = tmp_path / "bad.h5"
    proc = simulate("explore", SMALL, "--vary", vary, "--experiments", 4, "-n", 10, "-o", out,
                    check=False)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    key = vary.split("=")[0]
    assert key in proc.stderr
    assert not out.exists()


def test_summary_compare_and_merge_name_an_explore_file(lhs_file, small_results, tmp_path):
    """An explore file has no /summary: summary and compare say what it is and what reads it;
    merge refuses to mix it with a run's results."""
    for args in (["summary", lhs_file], ["compare", small_results, lhs_file],
                 ["compare", lhs_file, small_results]):
        proc = simulate(*args, check=False)
        assert proc.returncode == 2, proc.stderr
        assert f"{lhs_file} is a file of simulate explore" in proc.stderr
        for reader in ("analysis.sensitivity", "analysis.discover", "analysis.report"):
            assert reader in proc.stderr
    out = tmp_path / "mixed.h5"
    proc = simulate("merge", "-o", out, small_results, lhs_file, check=False)
    assert proc.returncode == 2 and f"{lhs_file} is a file of simulate explore" in proc.stderr
    assert not out.exists()


def test_sobol_design_is_stratified_shardable_and_thread_independent(tmp_path):
    """--design sobol: 16 experiments (2^4) put one point in each sixteenth of every key's
    range and one in each 4 x 4 box of the two keys (a shifted Sobol' net); the file is the
    same for -j 1 and -j 2 and for two shards merged."""
    whole = tmp_path / "sobol.h5"
    explore(whole, "--design", "sobol", experiments=16, trials=100)
    ds = xr.open_dataset(whole)
    assert ds.attrs["design"] == "sobol" and "Sobol" in ds.attrs["design_sampler"]
    u = ds["unit_sample"].values
    for k in range(2):
        assert sorted((u[:, k] * 16).astype(int)) == list(range(16))
    assert sorted((u[:, 0] * 4).astype(int) * 4 + (u[:, 1] * 4).astype(int)) == list(range(16))
    explore(tmp_path / "j2.h5", "--design", "sobol", experiments=16, trials=100, threads=2)
    assert (tmp_path / "j2.h5").read_bytes() == whole.read_bytes()
    for k in (1, 2):
        explore(tmp_path / f"s{k}.h5", "--design", "sobol", "--shard", f"{k}/2", experiments=16,
                trials=100)
    simulate("merge", "-o", tmp_path / "merged.h5", tmp_path / "s2.h5", tmp_path / "s1.h5")
    assert (tmp_path / "merged.h5").read_bytes() == whole.read_bytes()
