"""The results file read back by the real clients: h5py, xarray (both engines), ncdump, pandas."""
import hashlib
import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import simulate

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
