"""`simulate` keeps freed memory for reuse (sim/cli/memory.h): a run's statistics are ~27 MB per
thread on hague.yaml, allocated and freed once per experiment by `explore` and once per shard
by `merge`. Without the policy each one page-faults afresh (measured: about 6,000 minor faults
per experiment with `-j 1`, 41 with it; 13,800 per merged shard, none with it), which cost
explore 12% and merge 14% of their wall time. The page-fault counts are the operating system's,
not timings."""
from conftest import SOURCE, simulate, simulate_rusage

HAGUE = SOURCE / "scenarios/hague.yaml"


def minor_faults(*args):
    return simulate_rusage(*args)["minor_faults"]


def test_explore_page_faults_do_not_grow_with_experiments(tmp_path):
    def faults(experiments):
        return minor_faults("explore", HAGUE, "-n", 1, "--experiments", experiments,
                            "--vary", "shocks.recession_prob=0.02:0.2", "-j", 1, "-q",
                            "-o", tmp_path / f"x{experiments}.h5")
    per_experiment = (faults(16) - faults(4)) / 12
    # One experiment's statistics, fresh, are ~6,000 pages; reused, a few dozen.
    assert per_experiment < 1000, per_experiment


def test_merge_page_faults_do_not_grow_with_shards(tmp_path):
    def faults(n):
        shards = [tmp_path / f"s{n}-{k}.h5" for k in range(1, n + 1)]
        for k, path in enumerate(shards, start=1):
            simulate(HAGUE, "-n", 800, "--shard", f"{k}/{n}", "-j", 1, "-q", "-o", path)
        return minor_faults("merge", *shards, "-o", tmp_path / f"m{n}.h5")
    per_shard = (faults(8) - faults(2)) / 6
    assert per_shard < 2000, per_shard  # fresh: ~12,000 per shard (measured)
