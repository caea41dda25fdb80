"""Real-client check of rampup::h5 files (docs/FORMAT.md, "Client compatibility notes").

Usage: check_clients.py WRITE_SAMPLE_EXE WORK_DIR

Runs the C++ writer, then opens the file with h5py, xarray (engines netcdf4 and h5netcdf),
netCDF4-python (read and append mode) and ncdump, comparing real values with the
formulas in write_sample.cpp.
"""
import math
import os
import re
import shutil
import subprocess
import sys
import time
import unittest

import h5py
import netCDF4
import numpy as np
import xarray as xr

WRITER = sys.argv[1] if len(sys.argv) > 2 else None
WORK = sys.argv[2] if len(sys.argv) > 2 else None

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
    if os.path.exists(path):
        os.remove(path)
    subprocess.run([WRITER, path], check=True)
    return path


class Clients(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = os.path.join(WORK, "clients")
        shutil.rmtree(cls.dir, ignore_errors=True)
        os.makedirs(cls.dir)
        cls.path = run_writer(os.path.join(cls.dir, "sample.nc"))

    def test_identical_runs_give_identical_bytes(self):
        time.sleep(1.1)  # cross a one-second timestamp boundary
        again = run_writer(os.path.join(self.dir, "again.nc"))
        with open(self.path, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())
        self.assertEqual([n for n in os.listdir(self.dir) if ".tmp-" in n], [])

    def test_h5py(self):
        with h5py.File(self.path, "r") as f:
            self.assertEqual(f.attrs["Conventions"], b"CF-1.8")
            self.assertEqual(int(f.attrs["format_version"]), 1)
            g = f["summary"]
            self.assertEqual(list(g["member"].asstr()[()]), MEMBERS)
            self.assertEqual(g["year"].dtype, np.dtype("<i4"))
            np.testing.assert_array_equal(g["year"][()], YEARS)
            np.testing.assert_array_equal(g["quantile"][()], QUANTILES)
            share = g["share"]
            self.assertEqual(share.dtype, np.dtype("<f8"))
            np.testing.assert_array_equal(share[()], expected_share())
            self.assertEqual(share.compression, "gzip")
            self.assertEqual(share.compression_opts, 4)
            self.assertTrue(share.shuffle)
            self.assertEqual(share.chunks, (1, 4, 3))
            self.assertTrue(math.isnan(share.fillvalue))
            self.assertEqual(share.attrs["_FillValue"].dtype, np.dtype("<f8"))
            self.assertEqual([d[0].name for d in share.dims],
                             ["/summary/member", "/summary/year", "/summary/quantile"])
            draws = g["draws"]
            self.assertEqual(draws.dtype, np.dtype("<f4"))
            self.assertEqual(draws.shape, (TRIALS, 3))
            self.assertEqual(draws.maxshape, (None, 3))
            self.assertEqual(draws.attrs["_FillValue"].dtype, np.dtype("<f4"))
            np.testing.assert_array_equal(draws[()], expected_draws())
            self.assertEqual([d[0].name for d in draws.dims], ["/summary/trial", "/summary/member"])
            self.assertEqual(g["trial"].shape, (TRIALS,))  # the scale follows the appends
            self.assertEqual(share.attrs["long_name"], b"defence spending share of GDP")

    def check_xarray(self, engine):
        with xr.open_dataset(self.path, group="summary", engine=engine) as ds:
            self.assertEqual(dict(ds.dims), {"member": 3, "year": 4, "quantile": 3, "trial": TRIALS})
            self.assertEqual(sorted(ds.coords), ["member", "quantile", "year"])
            self.assertEqual(sorted(ds.data_vars), ["draws", "share"])
            self.assertEqual(list(ds["member"].values), MEMBERS)
            self.assertEqual(list(ds["year"].values), YEARS)
            self.assertEqual(list(ds["quantile"].values), QUANTILES)
            self.assertEqual(ds["share"].dims, ("member", "year", "quantile"))
            np.testing.assert_array_equal(ds["share"].values, expected_share())
            self.assertEqual(ds["share"].sel(member="Türkiye", year=2026, quantile=0.95).item(),
                             212.25)
            self.assertEqual(ds["share"].attrs["long_name"], "defence spending share of GDP")
            self.assertEqual(ds["share"].attrs["units"], "1")
            self.assertTrue(math.isnan(ds["share"].encoding["_FillValue"]))
            self.assertEqual(ds["member"].attrs["long_name"], "member state")
            self.assertEqual(ds["year"].attrs["long_name"], "calendar year")
            self.assertEqual(ds["draws"].dims, ("trial", "member"))
            self.assertEqual(ds["draws"].dtype, np.float32)
            np.testing.assert_array_equal(ds["draws"].values, expected_draws())
            self.assertEqual(ds.attrs["description"], "per-member statistics")
        with xr.open_dataset(self.path, engine=engine) as root:
            self.assertEqual(root.attrs["Conventions"], "CF-1.8")
            self.assertEqual(root.attrs["title"], "rampup::h5 sample")

    def test_xarray_netcdf4(self):
        self.check_xarray("netcdf4")

    def test_xarray_h5netcdf(self):
        self.check_xarray("h5netcdf")

    def test_netcdf4_append_mode(self):
        copy = os.path.join(self.dir, "append.nc")
        shutil.copyfile(self.path, copy)
        with netCDF4.Dataset(copy, "a") as nc:
            g = nc["summary"]
            self.assertTrue(g.dimensions["trial"].isunlimited())
            self.assertEqual(len(g.dimensions["trial"]), TRIALS)
            g["draws"][TRIALS, :] = np.array([7.5, 8.5, 9.5], dtype=np.float32)
            g["share"].comment = "added by netCDF4-python"
            extra = g.createVariable("extra", "i4", ("year",))
            extra[:] = np.arange(4)
            nc.history = "appended"
        with netCDF4.Dataset(copy, "r") as nc:
            g = nc["summary"]
            self.assertEqual(len(g.dimensions["trial"]), TRIALS + 1)
            np.testing.assert_array_equal(g["draws"][TRIALS, :], [7.5, 8.5, 9.5])
            np.testing.assert_array_equal(g["draws"][:TRIALS, :], expected_draws())
            self.assertEqual(g["share"].comment, "added by netCDF4-python")
            self.assertEqual(list(g.variables), ["member", "year", "quantile", "share", "draws", "extra"])
            self.assertEqual(nc.history, "appended")
        with xr.open_dataset(copy, group="summary", engine="h5netcdf") as ds:
            self.assertEqual(ds.dims["trial"], TRIALS + 1)
            np.testing.assert_array_equal(ds["extra"].values, np.arange(4))

    def test_ncdump_full(self):
        out = subprocess.run(["ncdump", self.path], check=True, capture_output=True, text=True).stdout
        self.assertNotIn("phony_dim", out)
        self.assertIn("trial = UNLIMITED ; // (10 currently)", out)
        self.assertIn('"France", "Germany", "Türkiye"', out)
        self.assertIn("year = 2025, 2026, 2027, 2028 ;", out)
        self.assertIn("quantile = 0.05, 0.5, 0.95 ;", out)
        self.assertIn("double share(member, year, quantile) ;", out)
        self.assertIn("float draws(trial, member) ;", out)
        self.assertIn('share:units = "1" ;', out)  # NC_CHAR, no "string" prefix (step 14)
        self.assertIn("share:_FillValue = NaN ;", out)
        self.assertIn("draws:_FillValue = NaNf ;", out)
        self.assertIn("212.25", out)
        self.assertIn("9, 9.25, 9.5", out)  # last draws row

    def test_ncdump_header_special(self):
        out = subprocess.run(["ncdump", "-h", "-s", self.path], check=True, capture_output=True,
                             text=True).stdout
        self.assertNotIn("phony_dim", out)
        self.assertIn(':_SuperblockVersion = 2 ;', out)
        self.assertIn(':_Format = "netCDF-4" ;', out)
        self.assertIn('share:_Shuffle = "true" ;', out)
        self.assertIn("share:_DeflateLevel = 4 ;", out)
        self.assertIn("share:_ChunkSizes = 1, 4, 3 ;", out)
        self.assertIn("draws:_DeflateLevel = 1 ;", out)
        self.assertIn("draws:_ChunkSizes = 1024, 3 ;", out)  # default: <= 1024 whole rows
        self.assertIn('member:_Storage = "contiguous" ;', out)
        self.assertIn("string member(member) ;", out)  # vlen strings (step 8)
        # Text attributes are NC_CHAR, never NC_STRING (step 14).
        self.assertEqual(re.findall(r"^\s*string \S*:", out, re.MULTILINE), [])


if __name__ == "__main__":
    if WRITER is None:
        sys.exit(__doc__)
    unittest.main(argv=[sys.argv[0], "-v"])
