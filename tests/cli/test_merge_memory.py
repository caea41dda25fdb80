"""`simulate merge` checks every shard's metadata, then adds the statistics one file at a time,
so its peak memory does not grow with the number of shards (issue 12; README "HPC job arrays").
Measured on hague.yaml: 104 MB for 2, 16 and 64 shards; 104, 413 and 1,469 MB when every shard
was loaded at once."""
import filecmp

import pytest

from conftest import SOURCE, simulate, simulate_rusage

HAGUE = SOURCE / "scenarios/hague.yaml"
TRIALS = 1600


def peak_rss_kib(*args):
    return simulate_rusage(*args)["maxrss_kib"]


@pytest.fixture(scope="module")
def hague_runs(tmp_path_factory):
    """hague.yaml as one run and as 2 and 16 shards."""
    root = tmp_path_factory.mktemp("merge_memory")
    whole = root / "whole.h5"
    simulate(HAGUE, "-n", TRIALS, "-j", 2, "-q", "-o", whole)
    shards = {}
    for n in (2, 16):
        shards[n] = [root / f"s{n}-{k}.h5" for k in range(1, n + 1)]
        for k, path in enumerate(shards[n], start=1):
            simulate(HAGUE, "-n", TRIALS, "--shard", f"{k}/{n}", "-j", 2, "-q", "-o", path)
    return root, whole, shards


def test_merge_peak_memory_does_not_grow_with_shards(hague_runs):
    root, whole, shards = hague_runs
    rss = {n: peak_rss_kib("merge", "-o", root / f"merged{n}.h5", *shards[n]) for n in (2, 16)}
    # Loading all 16 at once took 4x the memory of 2; folding one at a time keeps it flat.
    assert rss[16] < 1.5 * rss[2], rss
    for n in (2, 16):
        assert filecmp.cmp(whole, root / f"merged{n}.h5", shallow=False), n
