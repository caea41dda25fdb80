"""`simulate explore` on clusters (docs/EXPLORE.md "On clusters"): under MPI the ranks split each
experiment's trials and rank 0 writes one file with the bytes of a -j 1 run; --checkpoint keeps
the finished experiments, SIGTERM exits 75, and the same command resumes to the bytes of an
uninterrupted run; a checkpoint of another exploration is refused.
"""
import filecmp
import signal
import subprocess
import time

import h5py
import pytest

from conftest import MPI_ENV, MPIRUN, SIMULATE, SMALL, mpirun, needs_mpi, simulate

KEYS = ["members.DEU.will.initial=0.2:0.9", "members.ESP.debt_pct_gdp=60,100,140"]


def explore_args(out, *extra, experiments=6, trials=1001, threads=1):
    args = ["explore", SMALL]
    for k in KEYS:
        args += ["--vary", k]
    return [*args, "--experiments", experiments, "-n", trials, "-j", threads, "-o", out, *extra]


@needs_mpi
@pytest.mark.parametrize("ranks,threads", [(2, 1), (3, 2)])
def test_mpi_ranks_give_the_bytes_of_one_thread(tmp_path, ranks, threads):
    one = tmp_path / "one.h5"
    simulate(*explore_args(one, "-q", "--design", "saltelli", experiments=3))
    ranked = tmp_path / "ranked.h5"
    out = mpirun(ranks, *explore_args(ranked, "--design", "saltelli", experiments=3,
                                      threads=threads))
    assert out.stdout.count("Results:") == 1  # rank 0 alone reports
    assert f"x {ranks} MPI ranks" in out.stdout
    assert filecmp.cmp(one, ranked, shallow=False)


@needs_mpi
def test_mpi_shard_and_checkpoint_give_the_bytes_of_one_process(tmp_path):
    """A shard run by 2 ranks with a checkpoint after every experiment: the shard's bytes, and
    the checkpoint is gone once the file is in place."""
    one = tmp_path / "one.h5"
    simulate(*explore_args(one, "-q", "--shard", "2/2"))
    ranked = tmp_path / "ranked.h5"
    mpirun(2, *explore_args(ranked, "-q", "--shard", "2/2", "--checkpoint", 0))
    assert filecmp.cmp(one, ranked, shallow=False)
    assert not (tmp_path / "ranked.h5.checkpoint").exists()


@needs_mpi
def test_mpi_bad_vary_fails_everywhere_with_one_message(tmp_path):
    out = tmp_path / "x.h5"
    proc = mpirun(2, "explore", SMALL, "--vary", "members.DEU.will.initial=0.5:2",
                  "--experiments", 4, "-n", 10, "-o", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("simulate: error:") == 1, proc.stderr
    assert not out.exists()


# Long enough to be stopped mid-way: 24 experiments of 40,000 trials.
LONG = dict(experiments=24, trials=40000)


def start(out, *extra):
    cmd = [SIMULATE, *map(str, explore_args(out, "--checkpoint", 0, "-q", *extra, **LONG))]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_checkpoint(path, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        assert time.monotonic() < deadline, "no checkpoint appeared"
        time.sleep(0.01)


def done_experiments(checkpoint):
    with h5py.File(checkpoint, "r") as f:
        assert f.attrs["kind"] in (b"explore", "explore")  # an ordinary explore file
        return int(f.attrs["experiment_begin"]), int(f.attrs["experiment_end"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("explore_hpc") / "reference.h5"
    simulate(*explore_args(out, "-q", **LONG))
    return out


def test_sigterm_writes_a_checkpoint_and_exits_75_then_resumes(tmp_path, reference):
    out = tmp_path / "out.h5"
    checkpoint = tmp_path / "out.h5.checkpoint"
    proc = start(out)
    wait_for_checkpoint(checkpoint)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 75, err
    assert "run the same command to resume" in err
    assert not out.exists()
    begin, end = done_experiments(checkpoint)
    assert begin == 0 and 0 < end < 24
    resumed = simulate(*explore_args(out, "--checkpoint", 0, threads=2, **LONG))
    assert f"resuming from checkpoint '{checkpoint}' at experiment {end}" in resumed.stderr
    assert filecmp.cmp(reference, out, shallow=False)
    assert not checkpoint.exists()  # removed once the file is in place


@needs_mpi
def test_sigterm_under_mpi_leaves_a_checkpoint_one_process_resumes(tmp_path, reference):
    """mpirun passes SIGTERM to every rank: rank 0 writes the finished experiments, and a
    checkpoint written by 2 ranks resumes in one process to the same bytes."""
    out = tmp_path / "out.h5"
    checkpoint = tmp_path / "out.h5.checkpoint"
    cmd = [MPIRUN, "--oversubscribe", "-n", "2", SIMULATE,
           *map(str, explore_args(out, "--checkpoint", 0, "-q", **LONG))]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=MPI_ENV)
    wait_for_checkpoint(checkpoint)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0, err
    assert not out.exists()
    assert 0 < done_experiments(checkpoint)[1] < LONG["experiments"]
    simulate(*explore_args(out, "--checkpoint", 0, "-q", **LONG))
    assert filecmp.cmp(reference, out, shallow=False)


def test_kill_9_then_the_same_command_gives_the_same_file(tmp_path, reference):
    out = tmp_path / "out.h5"
    checkpoint = tmp_path / "out.h5.checkpoint"
    proc = start(out)
    wait_for_checkpoint(checkpoint)
    time.sleep(0.3)
    proc.kill()
    proc.wait()
    assert not out.exists()
    simulate(*explore_args(out, "--checkpoint", 0, "-q", **LONG))
    assert filecmp.cmp(reference, out, shallow=False)


def test_a_checkpoint_of_another_exploration_is_refused(tmp_path):
    out = tmp_path / "out.h5"
    proc = start(out)
    wait_for_checkpoint(tmp_path / "out.h5.checkpoint")
    proc.kill()
    proc.wait()
    n, trials = LONG["experiments"], LONG["trials"]
    for other, what in (
            (dict(extra=["--seed", 7]), "its seed"),
            (dict(trials=trials + 1), "its trial count"),
            (dict(experiments=n + 1), "its --experiments"),
            (dict(extra=["--design", "saltelli"]), "its design"),
            (dict(extra=["--vary", "members.POL.will.initial=0.1:0.5"]), "its --vary"),
            (dict(extra=["--shard", "2/2"]), "its first experiment (shard)")):
        extra = other.pop("extra", [])
        args = explore_args(out, "--checkpoint", 0, *extra, **{**LONG, **other})
        refused = simulate(*args, check=False)
        assert refused.returncode == 2, refused.stderr
        assert "is from another exploration: " + what in refused.stderr, refused.stderr
        assert not out.exists()
    assert (tmp_path / "out.h5.checkpoint").exists()  # left for the run that wrote it


def test_interrupted_without_checkpoint_writes_nothing(tmp_path):
    out = tmp_path / "out.h5"
    cmd = [SIMULATE, *map(str, explore_args(out, **LONG))]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "interrupted; no results file was written" in err
    assert not out.exists() and not (tmp_path / "out.h5.checkpoint").exists()
