"""--save-trials: per-trial records agree with the summaries, and they stream (bounded memory)."""
import resource
import subprocess

import h5py
import numpy as np
import xarray as xr

from conftest import SIMULATE, SMALL, SOURCE, simulate


def test_trials_agree_with_the_summary(tmp_path):
    out = tmp_path / "t.h5"
    simulate(SMALL, "-n", 3000, "--save-trials", "-o", out, "-q")
    with h5py.File(out, "r") as f:
        t, s = f["trials"], f["summary"]
        assert t["core_share"].shape == (3000, 4, 11)
        assert list(t["trial_id"][()]) == list(range(3000))
        # First years are integers: their distribution must match exactly.
        first = t["first_year_core"][()]
        years = list(range(2025, 2036))
        for m in range(3):  # members with armed forces
            counts = [np.sum(first[:, m] == y) for y in years] + [np.sum(first[:, m] == 0)]
            assert np.allclose(np.array(counts) / 3000, s["first_year_core_prob"][m, :], atol=0, rtol=0)
        # Means of float32 records match the exact summary means to float32 precision.
        assert np.allclose(t["core_share"][:, :3, :].mean(axis=0, dtype=np.float64), s["core_share_mean"][:3, :],
                           rtol=1e-6)
        assert np.allclose(t["alliance_spending"][()].mean(axis=0, dtype=np.float64), s["alliance_spending_mean"][()],
                           rtol=1e-6)
        # Sampled inputs are there and plausible: recessions at about their rate (8 %/yr).
        assert 0.05 < t["recession"][()].mean() < 0.11
        assert set(np.unique(t["government_change"][()])) <= {0, 1}
    ds = xr.open_dataset(out, group="trials")
    assert ds["core_share"].dims == ("trial", "member", "year")
    ds.close()


def test_trials_are_the_same_bytes_for_any_thread_count(tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    simulate(SMALL, "-n", 500, "--save-trials", "-j", 1, "-o", a, "-q")
    simulate(SMALL, "-n", 500, "--save-trials", "-j", 3, "-o", b, "-q")
    assert a.read_bytes() == b.read_bytes()


def test_compression_is_a_choice_readable_by_netcdf(tmp_path):
    plain, packed = tmp_path / "plain.h5", tmp_path / "packed.h5"
    simulate(SMALL, "-n", 2000, "--save-trials", "-o", plain, "-q")
    simulate(SMALL, "-n", 2000, "--save-trials", "--compress", 1, "-o", packed, "-q")
    assert packed.stat().st_size < plain.stat().st_size
    header = subprocess.run(["ncdump", "-h", "-s", "-g", "trials", str(packed)], capture_output=True,
                            text=True, check=True).stdout
    assert "_DeflateLevel = 1" in header and "_Shuffle" in header
    with xr.open_dataset(packed, group="trials", engine="netcdf4") as ds:
        assert float(ds["core_share"][0, 0, 0]) > 0
    usage = simulate(SMALL, "-n", 10, "--compress", 1, "-o", tmp_path / "x.h5", check=False)
    assert usage.returncode == 2 and "--save-trials" in usage.stderr


def test_save_trials_streams_within_a_memory_limit_smaller_than_the_data(tmp_path):
    # 80,000 trials x 32 members x 11 years x 22 bytes = 620 MB of per-trial data, written under
    # a 400 MB address-space limit: it can only succeed if the data streams to disk. Threads are
    # pinned (-j 2): each thread reserves address space (stack, allocator arena, chunk buffers), so
    # with all cores the limit would measure the machine, not the streaming.
    limit = 400 * 1024 * 1024
    out = tmp_path / "big.h5"

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run([SIMULATE, str(SOURCE / "scenarios/hague.yaml"), "-n", "80000",
                           "--save-trials", "-j", "2", "-o", str(out), "-q"],
                          preexec_fn=limit_memory, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    with h5py.File(out, "r") as f:
        shape = f["trials/core_share"].shape
        assert shape == (80000, 32, 11)
        assert shape[0] * shape[1] * shape[2] * 22 > limit
        assert f["trials/trial_id"][-1] == 79999


def test_compare_is_paired_with_saved_trials_and_says_so_otherwise(tmp_path):
    a, b, b_plain = tmp_path / "a.h5", tmp_path / "b.h5", tmp_path / "b_plain.h5"
    simulate(SMALL, "-n", 2000, "--save-trials", "-o", a, "-q")
    keen = ["--set", "members.ESP.will.baseline=0.9", "--set", "members.ESP.will.initial=0.9",
            "--set", "members.ESP.spending.core_plan={2025: 2.0, 2035: 3.5}"]
    simulate(SMALL, "-n", 2000, "--save-trials", *keen, "-o", b, "-q")
    simulate(SMALL, "-n", 2000, *keen, "-o", b_plain, "-q")
    paired = simulate("compare", a, b).stdout
    assert "paired on trials" in paired
    unpaired = simulate("compare", a, b_plain).stdout
    assert "NOT paired" in unpaired and "--save-trials" in unpaired

    def esp(text):
        row = next(l for l in text.splitlines() if l.startswith("ESP"))
        fields = row.split()
        return float(fields[3]), float(fields[5])  # P(B)-P(A), its se

    d_paired, _ = esp(paired)
    d_unpaired, _ = esp(unpaired)
    assert d_paired == d_unpaired > 0.2          # same trials, same estimate

    def alliance_se(text):  # "Alliance core share 2035: +0.011 pp ± 0.00012 (...)"
        tail = text.split("Alliance core share")[1]
        return float(tail.split("±")[1].split()[0])

    # The alliance share moves with every member's GDP draws: pairing removes that common noise.
    assert alliance_se(paired) < 0.5 * alliance_se(unpaired)
    # Germany is unchanged between A and B: exactly zero difference when paired.
    deu = next(l for l in paired.splitlines() if l.startswith("DEU")).split()
    assert float(deu[3]) == 0.0
    seeds = tmp_path / "s.h5"
    simulate(SMALL, "-n", 2000, "--seed", 1, "--save-trials", "-o", seeds, "-q")
    assert "different seeds" in simulate("compare", a, seeds).stdout
