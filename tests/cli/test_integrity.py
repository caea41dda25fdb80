"""Damaged results files (issue 9, item 3): every stored variable carries HDF5's Fletcher-32
checksum; bytes flipped inside a chunk of /accumulators or /trials make summary, compare and
merge exit 2 with 'damaged results file: FILE: VARIABLE', and the Python reader raise."""
import shutil

import h5py
import numpy as np
import pytest

from conftest import SMALL, SOURCE, simulate

import sys
sys.path.insert(0, str(SOURCE))
from analysis import io  # noqa: E402


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A small results file with /trials (two chunks of trials)."""
    out = tmp_path_factory.mktemp("integrity") / "good.h5"
    simulate(SMALL, "-n", 2000, "--save-trials", "-o", out, "-q")
    return out


def damaged_copy(good, out, variable):
    """A copy of `good` with 4 bytes XORed with 0xA5 in the middle of the first chunk of
    `variable` (not 0xFF: Fletcher-32 cannot tell a 16-bit word 0x0000 from 0xFFFF, see
    docs/FORMAT.md "Integrity")."""
    shutil.copy(good, out)
    with h5py.File(out, "r") as f:
        chunk = f[variable].id.get_chunk_info(0)
    at = chunk.byte_offset + chunk.size // 2
    with open(out, "r+b") as fh:
        fh.seek(at)
        raw = fh.read(4)
        fh.seek(at)
        fh.write(bytes(b ^ 0xA5 for b in raw))
    return out


def test_every_variable_with_data_has_a_checksum(good):
    unprotected = []

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset) or obj.dtype.kind == "O":
            return  # variable-length strings: HDF5 filters cannot apply (docs/FORMAT.md)
        if obj.id.get_storage_size() == 0:
            return  # dimensions without coordinate: nothing stored
        if obj.chunks is None or not obj.fletcher32:
            unprotected.append(name)

    with h5py.File(good, "r") as f:
        f.visititems(visit)
    assert unprotected == []


@pytest.mark.parametrize("variable", ["/accumulators/core_share_bins", "/trials/core_share"])
def test_damage_makes_summary_compare_and_merge_exit_2(good, tmp_path, variable):
    bad = damaged_copy(good, tmp_path / "bad.h5", variable)
    message = f"damaged results file: {bad}: {variable}"
    runs = {
        "summary": simulate("summary", bad, check=False),
        "compare A bad": simulate("compare", good, bad, check=False),
        "compare bad A": simulate("compare", bad, good, check=False),
        "merge": simulate("merge", "-o", tmp_path / "merged.h5", bad, check=False),
    }
    for what, proc in runs.items():
        assert proc.returncode == 2, (what, proc.stderr)
        assert message in proc.stderr, (what, proc.stderr)
        assert proc.stdout == "", what
    assert not (tmp_path / "merged.h5").exists()
    assert simulate("summary", good).returncode == 0  # the original is fine


def test_merge_checks_every_shard_before_reading_any(tmp_path):
    """Shard 1 has a malformed attribute that reading its statistics would report; the damaged
    shard 2 must be reported instead, because every shard is checked whole first."""
    s1, s2 = tmp_path / "s1.h5", tmp_path / "s2.h5"
    simulate(SMALL, "-n", 2000, "--shard", "1/2", "-o", s1, "-q")
    simulate(SMALL, "-n", 2000, "--shard", "2/2", "-o", tmp_path / "s2good.h5", "-q")
    with h5py.File(s1, "r+") as f:
        f.attrs["seed"] = "not a seed"
    damaged_copy(tmp_path / "s2good.h5", s2, "/accumulators/core_share_bins")
    proc = simulate("merge", "-o", tmp_path / "m.h5", s1, s2, check=False)
    assert proc.returncode == 2
    assert f"damaged results file: {s2}: /accumulators/core_share_bins" in proc.stderr, proc.stderr
    assert "seed" not in proc.stderr


@pytest.mark.parametrize("variable", ["/accumulators/core_share_bins", "/trials/core_share",
                                      "/summary/p_core_target"])
def test_python_reader_raises_on_damage(good, tmp_path, variable):
    bad = damaged_copy(good, tmp_path / "bad.h5", variable)
    message = f"damaged results file: {bad}: {variable}"
    with pytest.raises(io.DamagedResultsError, match=message):
        io.verify(bad)
    io.verify(good)
    group = variable.split("/")[1]
    if group == "trials":
        with pytest.raises(io.DamagedResultsError, match=message):
            for _ in io.iter_trial_blocks(bad, ["core_share"]):
                pass
    if group == "summary":
        with pytest.raises(io.DamagedResultsError, match=message):
            io.open_summary(bad)


def test_python_cli_exits_2_on_damage(good, tmp_path):
    import subprocess
    bad = damaged_copy(good, tmp_path / "bad.h5", "/summary/p_core_target")
    proc = subprocess.run([sys.executable, "-m", "analysis.report", str(bad), "-o",
                           str(tmp_path / "report")], capture_output=True, text=True, cwd=SOURCE)
    assert proc.returncode == 2, proc.stderr
    assert f"damaged results file: {bad}: /summary/p_core_target" in proc.stderr


def test_files_stay_byte_identical_with_checksums(good, tmp_path):
    again = tmp_path / "again.h5"
    simulate(SMALL, "-n", 2000, "--save-trials", "-o", again, "-q", "-j", 1)
    assert again.read_bytes() == good.read_bytes()
    assert np.isfinite(h5py.File(again, "r")["summary/core_share_mean"][()]).any()


def truncated(good, out):
    data = good.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def zero_bytes(good, out):
    out.write_bytes(b"")
    return out


def foreign(good, out):
    with h5py.File(out, "w") as f:
        f["x"] = np.arange(3)
    return out


def missing_variable(good, out):
    """Without a variable summary and merge read (/accumulators) and one a paired compare
    reads (/trials)."""
    shutil.copy(good, out)
    with h5py.File(out, "r+") as f:
        del f["accumulators/will_bins"]
        del f["trials/core_share"]
    return out


@pytest.mark.parametrize("make,message", [
    (truncated, "not an HDF5 file"),
    (zero_bytes, "not an HDF5 file"),
    (foreign, "not a simulate results file"),
    (missing_variable, ("will_bins", "core_share")),
])
def test_broken_files_exit_2_naming_the_file_in_every_reader(good, tmp_path, make, message):
    bad = make(good, tmp_path / "bad.h5")
    runs = {
        "summary": simulate("summary", bad, check=False),
        "compare": simulate("compare", good, bad, check=False),
        "merge": simulate("merge", "-o", tmp_path / "m.h5", bad, check=False),
    }
    for command, run in runs.items():
        assert run.returncode == 2, (command, run.stderr)
        expected = message if isinstance(message, tuple) else (message,)
        assert str(bad) in run.stderr and any(m in run.stderr for m in expected), (command, run.stderr)
    assert not (tmp_path / "m.h5").exists()


@pytest.mark.parametrize("name", ["results_global_heap_loop", "results_global_heap_wrap"])
def test_known_hdf5_hang_inputs_are_refused_in_bounded_time(tmp_path, name):
    """Fuzzer finds that hang HDF5 1.10.8 in its global heap (tests/fuzz/README.md): today the
    whole-file check refuses them first; this guards against that changing into a hang."""
    bad = tmp_path / "bad.h5"
    shutil.copy(SOURCE / "tests/fuzz/known" / name, bad)
    for args in (["summary", bad], ["merge", "-o", tmp_path / "m.h5", bad]):
        run = simulate(*args, check=False, timeout=60)
        assert run.returncode == 2, (args, run.stderr)
