"""Real-client check of rampup::h5 files (docs/FORMAT.md, "Client compatibility notes").

Runs the C++ writer (tests/hdf5/write_sample.cpp, path in RAMPUP_WRITE_SAMPLE), then opens the
file with h5py, xarray (engines netcdf4 and h5netcdf), netCDF4-python (read and append mode) and
ncdump, comparing real values with the formulas in write_sample.cpp.
"""
import math
import os
import re
import shutil
import subprocess
import time

import h5py
import netCDF4
import numpy as np
import pytest
import xarray as xr

WRITER = os.environ.get("RAMPUP_WRITE_SAMPLE")

MEMBERS = ["France", "Germany", "Türkiye"]
YEARS = [2025, 2026, 2027, 2028]
QUANTILES = [0.05, 0.5, 0.95]
TRIALS = 10


def expected_share():
    m, y, q = np.meshgrid(np.arange(3), np.arange(4), np.arange(3), indexing="ij")
    return (m * 100 + y * 10 + q).astype(np.float64) + 0.25


def expected_draws():
    t, m = np.meshgrid(np.arange(TRIALS), np.arange(3), indexing="ij")
    return (t.astype(np.float32) + m.astype(np.float32) / np.float32(4)).astype(np.float32)


def run_writer(path):
    assert WRITER, "set RAMPUP_WRITE_SAMPLE to the write_sample program (ctest does)"
    subprocess.run([WRITER, path], check=True)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample file, written once for all the clients."""
    return run_writer(str(tmp_path_factory.mktemp("clients") / "sample.nc"))


def test_identical_runs_give_identical_bytes(sample):
    time.sleep(1.1)  # cross a one-second timestamp boundary
    folder = os.path.dirname(sample)
    again = run_writer(os.path.join(folder, "again.nc"))
    with open(sample, "rb") as a, open(again, "rb") as b:
        assert a.read() == b.read()
    assert [n for n in os.listdir(folder) if ".tmp-" in n] == []


def test_h5py(sample):
    with h5py.File(sample, "r") as f:
        assert f.attrs["Conventions"] == b"CF-1.8"
        assert int(f.attrs["format_version"]) == 1
        g = f["summary"]
        assert list(g["member"].asstr()[()]) == MEMBERS
        assert g["year"].dtype == np.dtype("<i4")
        np.testing.assert_array_equal(g["year"][()], YEARS)
        np.testing.assert_array_equal(g["quantile"][()], QUANTILES)
        share = g["share"]
        assert share.dtype == np.dtype("<f8")
        np.testing.assert_array_equal(share[()], expected_share())
        assert share.compression == "gzip"
        assert share.compression_opts == 4
        assert share.shuffle
        assert share.chunks == (1, 4, 3)
        assert math.isnan(share.fillvalue)
        assert share.attrs["_FillValue"].dtype == np.dtype("<f8")
        assert [d[0].name for d in share.dims] == ["/summary/member", "/summary/year",
                                                   "/summary/quantile"]
        draws = g["draws"]
        assert draws.dtype == np.dtype("<f4")
        assert draws.shape == (TRIALS, 3)
        assert draws.maxshape == (None, 3)
        assert draws.attrs["_FillValue"].dtype == np.dtype("<f4")
        np.testing.assert_array_equal(draws[()], expected_draws())
        assert [d[0].name for d in draws.dims] == ["/summary/trial", "/summary/member"]
        # netCDF-C leaves its unlimited dimension scale at length 0; readers take the length
        # from the variables (netCDF-C, h5netcdf: see test_xarray)
        assert g["trial"].maxshape == (None,)
        assert share.attrs["long_name"] == b"defence spending share of GDP"


@pytest.mark.parametrize("engine", ["netcdf4", "h5netcdf"])
def test_xarray(sample, engine):
    with xr.open_dataset(sample, group="summary", engine=engine) as ds:
        assert dict(ds.dims) == {"member": 3, "year": 4, "quantile": 3, "trial": TRIALS}
        assert sorted(ds.coords) == ["member", "quantile", "year"]
        assert sorted(ds.data_vars) == ["draws", "share"]
        assert list(ds["member"].values) == MEMBERS
        assert list(ds["year"].values) == YEARS
        assert list(ds["quantile"].values) == QUANTILES
        assert ds["share"].dims == ("member", "year", "quantile")
        np.testing.assert_array_equal(ds["share"].values, expected_share())
        assert ds["share"].sel(member="Türkiye", year=2026, quantile=0.95).item() == 212.25
        assert ds["share"].attrs["long_name"] == "defence spending share of GDP"
        assert ds["share"].attrs["units"] == "1"
        assert math.isnan(ds["share"].encoding["_FillValue"])
        assert ds["member"].attrs["long_name"] == "member state"
        assert ds["year"].attrs["long_name"] == "calendar year"
        assert ds["draws"].dims == ("trial", "member")
        assert ds["draws"].dtype == np.float32
        np.testing.assert_array_equal(ds["draws"].values, expected_draws())
        assert ds.attrs["description"] == "per-member statistics"
    with xr.open_dataset(sample, engine=engine) as root:
        assert root.attrs["Conventions"] == "CF-1.8"
        assert root.attrs["title"] == "rampup::h5 sample"


def test_netcdf4_append_mode(sample):
    copy = os.path.join(os.path.dirname(sample), "append.nc")
    shutil.copyfile(sample, copy)
    with netCDF4.Dataset(copy, "a") as nc:
        g = nc["summary"]
        assert g.dimensions["trial"].isunlimited()
        assert len(g.dimensions["trial"]) == TRIALS
        g["draws"][TRIALS, :] = np.array([7.5, 8.5, 9.5], dtype=np.float32)
        g["share"].comment = "added by netCDF4-python"
        extra = g.createVariable("extra", "i4", ("year",))
        extra[:] = np.arange(4)
        nc.history = "appended"
    with netCDF4.Dataset(copy, "r") as nc:
        g = nc["summary"]
        assert len(g.dimensions["trial"]) == TRIALS + 1
        np.testing.assert_array_equal(g["draws"][TRIALS, :], [7.5, 8.5, 9.5])
        np.testing.assert_array_equal(g["draws"][:TRIALS, :], expected_draws())
        assert g["share"].comment == "added by netCDF4-python"
        assert list(g.variables) == ["member", "year", "quantile", "share", "draws", "extra"]
        assert nc.history == "appended"
    with xr.open_dataset(copy, group="summary", engine="h5netcdf") as ds:
        assert ds.dims["trial"] == TRIALS + 1
        np.testing.assert_array_equal(ds["extra"].values, np.arange(4))


def test_ncdump_full(sample):
    out = subprocess.run(["ncdump", sample], check=True, capture_output=True, text=True).stdout
    assert "phony_dim" not in out
    assert "trial = UNLIMITED ; // (10 currently)" in out
    assert '"France", "Germany", "Türkiye"' in out
    assert "year = 2025, 2026, 2027, 2028 ;" in out
    assert "quantile = 0.05, 0.5, 0.95 ;" in out
    assert "double share(member, year, quantile) ;" in out
    assert "float draws(trial, member) ;" in out
    assert 'share:units = "1" ;' in out  # NC_CHAR, no "string" prefix
    assert "share:_FillValue = NaN ;" in out
    assert "draws:_FillValue = NaNf ;" in out
    assert "212.25" in out
    assert "9, 9.25, 9.5" in out  # last draws row


def test_ncdump_header_special(sample):
    out = subprocess.run(["ncdump", "-h", "-s", sample], check=True, capture_output=True,
                         text=True).stdout
    assert "phony_dim" not in out
    assert ':_SuperblockVersion = 2 ;' in out
    assert ':_Format = "netCDF-4" ;' in out
    assert 'share:_Shuffle = "true" ;' in out
    assert "share:_DeflateLevel = 4 ;" in out
    assert "share:_ChunkSizes = 1, 4, 3 ;" in out
    assert "draws:_DeflateLevel = 1 ;" in out
    assert "draws:_ChunkSizes = 1024, 3 ;" in out  # default: <= 1024 whole rows
    assert 'member:_Storage = "contiguous" ;' in out
    assert "string member(member) ;" in out  # vlen strings
    # Text attributes are NC_CHAR, never NC_STRING.
    assert re.findall(r"^\s*string \S*:", out, re.MULTILINE) == []

