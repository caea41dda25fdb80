"""The results file read back by the real clients: h5py, xarray (both engines), ncdump, pandas."""
import hashlib
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import SMALL, simulate

QUANTILES = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]


def test_h5py_sees_provenance_and_layout(small_results):
    with h5py.File(small_results, "r") as f:
        a = f.attrs
        assert int(a["format_version"]) == 1
        for key in ("software_version", "git_commit", "library_versions", "scenario_text",
                    "scenario_sha256", "scenario_name"):
            assert len(a[key]) > 0, key
        assert a["scenario_name"].decode() == "small"
        assert a["seed"].decode() == "20250625"
        assert int(a["trials"]) == 3000 and a["shard"].decode() == "complete"
        assert b"members:" in a["scenario_text"]
        assert len(a["scenario_sha256"]) == 64
        # docs/FORMAT.md: SHA-256 of scenario_text without the paths of "# --- file:" lines;
        # Python's hashlib agrees with libmd, so stored hashes stay comparable across versions.
        text = a["scenario_text"].decode()
        lines = (text[:-1] if text.endswith("\n") else text).split("\n")
        content = "".join(("# --- file" if line.startswith("# --- file: ") else line) + "\n"
                          for line in lines)
        assert a["scenario_sha256"].decode() == hashlib.sha256(content.encode()).hexdigest()
        s = f["summary"]
        assert list(s["member"].asstr()[()]) == ["DEU", "POL", "ESP", "ISL"]
        assert list(s["year"][()]) == list(range(2025, 2036))
        assert np.allclose(s["quantile"][()], QUANTILES)
        assert s["core_share_quantile"].shape == (4, 11, 7)


@pytest.mark.parametrize("engine", ["netcdf4", "h5netcdf"])
def test_xarray_opens_the_summary_with_both_engines(small_results, engine):
    ds = xr.open_dataset(small_results, group="summary", engine=engine)
    assert {"member", "year", "quantile", "first_year", "members_at_target"} <= set(ds.dims)
    assert list(ds["member"].values) == ["DEU", "POL", "ESP", "ISL"]
    core = ds["core_share_quantile"]
    assert core.dims == ("member", "year", "quantile")
    assert core.attrs["units"] == "percent"
    # Start-year shares are observed, so every quantile equals the start value (within a bin).
    assert float(core.sel(member="DEU", year=2025, quantile=0.5)) == pytest.approx(2.4, abs=0.011)
    # Quantiles are ordered; probabilities are probabilities; Iceland is missing, not zero.
    q = core.sel(member=["DEU", "POL", "ESP"]).values
    assert np.all(np.diff(q, axis=-1) >= 0)
    p = ds["p_core_target"].sel(member=["DEU", "POL", "ESP"]).values
    assert np.all((p >= 0) & (p <= 1))
    assert np.isnan(ds["p_core_target"].sel(member="ISL")).all()
    assert np.isnan(ds["core_share_mean"].sel(member="ISL")).all()
    # Poland starts above 3.5 %, Spain plans 2.1 %: the odds say so.
    assert float(ds["p_core_target"].sel(member="POL", year=2035)) > 0.9
    assert float(ds["p_core_target"].sel(member="ESP", year=2035)) < 0.1
    # First-year distributions sum to one.
    fy = ds["first_year_core_prob"].sel(member=["DEU", "POL", "ESP"]).sum("first_year")
    assert np.allclose(fy, 1.0)
    total = ds["alliance_spending_quantile"].sel(year=2025, quantile=0.5)
    assert ds["alliance_spending_quantile"].attrs["units"].startswith("billion US dollars")
    assert 100 < float(total) < 300  # DEU + POL + ESP, about 112 + 41 + 35 bn
    ds.close()


def test_ncdump_reads_everything_without_phony_dims(small_results):
    header = subprocess.run(["ncdump", "-h", "-s", str(small_results)], capture_output=True,
                            text=True, check=True).stdout
    assert "phony_dim" not in header
    assert "_SuperblockVersion = 2" in header
    assert "group: summary" in header and "group: accumulators" in header
    full = subprocess.run(["ncdump", str(small_results)], capture_output=True, text=True,
                          check=True).stdout
    assert "core_share_quantile =" in full


def test_pandas_via_xarray_to_dataframe(small_results):
    ds = xr.open_dataset(small_results, group="summary")
    df = ds["core_share_quantile"].to_dataframe()
    assert df.index.names == ["member", "year", "quantile"]
    assert len(df) == 4 * 11 * 7
    ds.close()


def test_netcdf4_append_mode_works(small_results, tmp_path):
    import netCDF4
    import shutil
    copy = tmp_path / "copy.h5"
    shutil.copy(small_results, copy)
    with netCDF4.Dataset(copy, "a") as nc:
        nc.setncattr("note", "appended by netCDF4")
    with netCDF4.Dataset(copy) as nc:
        assert nc.getncattr("note") == "appended by netCDF4"


def test_every_probability_and_mean_has_a_standard_error(small_results):
    ds = xr.open_dataset(small_results, group="summary")
    names = set(ds.data_vars)
    probabilities = [n for n in names if (n.startswith("p_") or n.endswith("_prob"))
                     and not n.endswith("_se")]
    means = [n for n in names if n.endswith("_mean")]
    assert len(probabilities) >= 9 and len(means) >= 8
    for n in probabilities:
        assert n + "_se" in names, n
    for n in means:
        assert n + "_se" in names, n
    # se = sqrt(p (1 - p) / trials) for a probability
    p = ds["p_core_target"].sel(member="DEU", year=2030).item()
    se = ds["p_core_target_se"].sel(member="DEU", year=2030).item()
    assert se == pytest.approx((p * (1 - p) / 3000) ** 0.5, rel=1e-12)
    ds.close()


def test_summary_records_the_planned_paths_the_model_used(small_results, tmp_path):
    """docs/FORMAT.md: /summary core_plan is the plan as the scenario loader built it (linear
    between points, flat outside them; the default linear path without a plan), so readers
    never re-derive it from scenario_text."""
    ds = xr.open_dataset(small_results, group="summary")
    plan = ds["core_plan"]
    assert plan.dims == ("member", "year") and plan.attrs["units"] == "percent"
    assert float(plan.sel(member="DEU", year=2027)) == pytest.approx(2.4 + 0.5 * 1.1)
    assert float(plan.sel(member="POL", year=2035)) == 5.0  # flat after the last point
    assert float(plan.sel(member="ESP", year=2026)) == pytest.approx(2.05)
    assert np.isnan(plan.sel(member="ISL")).all()
    assert list(ds["core_plan_announced"].values) == [1, 1, 1, 0]
    # A --set override, and a member without a plan: the default path from the start share in
    # the start year to the 3.5 % target in the target year.
    text = SMALL.read_text().replace("      core_plan: {2025: 2.0, 2027: 2.1}\n", "")
    assert "2027: 2.1" not in text
    scenario = tmp_path / "no_esp_plan.yaml"
    scenario.write_text(text)
    out = tmp_path / "set.h5"
    simulate(scenario, "-n", "200", "-q", "-o", out,
             "--set", "members.DEU.spending.core_plan={2030: 3.0}")
    ds = xr.open_dataset(out, group="summary")
    assert np.allclose(ds["core_plan"].sel(member="DEU"), 3.0)
    esp = ds["core_plan"].sel(member="ESP").values
    assert np.allclose(esp, 2.0 + (np.arange(2025, 2036) - 2025) / 10 * 1.5)
    assert list(ds["core_plan_announced"].values) == [1, 1, 0, 0]
    # Shards merge with the plans kept.
    for k in (1, 2):
        simulate(scenario, "-n", "200", "-q", "--shard", f"{k}/2", "-o", tmp_path / f"s{k}.h5",
                 "--set", "members.DEU.spending.core_plan={2030: 3.0}")
    simulate("merge", "-o", tmp_path / "merged.h5", tmp_path / "s1.h5", tmp_path / "s2.h5")
    merged = xr.open_dataset(tmp_path / "merged.h5", group="summary")
    assert np.array_equal(merged["core_plan"].values, ds["core_plan"].values, equal_nan=True)
