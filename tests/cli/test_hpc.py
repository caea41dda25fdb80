"""MPI ranks, checkpoint/restart and the --until-se stopping rule, end to end (docs/HPC.md).

Every run must give the same bytes as a plain single-threaded run: for any number of MPI
ranks, after any number of kills and restarts, and, with --until-se, with the same trial count.
"""
import filecmp
import random
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

from conftest import HAVE_MPI, SIMULATE, SMALL, mpirun, needs_mpi, simulate


@needs_mpi
@pytest.mark.parametrize("ranks,threads", [(2, 1), (3, 1), (2, 2)])
def test_mpi_ranks_give_the_bytes_of_one_thread(tmp_path, ranks, threads):
    one = tmp_path / "one.h5"
    simulate(SMALL, "-n", 5001, "-j", 1, "-o", one, "-q")
    ranked = tmp_path / "ranked.h5"
    out = mpirun(ranks, SMALL, "-n", 5001, "-j", threads, "-o", ranked)
    assert out.stdout.count("Results:") == 1  # rank 0 alone reports
    assert f"x {ranks} MPI ranks" in out.stdout
    assert filecmp.cmp(one, ranked, shallow=False)


@needs_mpi
def test_mpi_bad_input_fails_everywhere_with_one_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text().replace("trials:", "trails:", 1))
    out = mpirun(2, bad, "-o", tmp_path / "x.h5", check=False)
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("simulate: error:") == 1, out.stderr
    assert not (tmp_path / "x.h5").exists()


@needs_mpi
@pytest.mark.parametrize("ranks", [2, 3])
def test_mpi_save_trials_gathers_the_records_in_trial_order(tmp_path, ranks):
    """Rank 0 writes /trials chunk by chunk (8,192 trials per rank), the others send theirs:
    the same bytes as one process, over several chunks and a partial last one."""
    one = tmp_path / "one.h5"
    simulate(SMALL, "-n", 40001, "-j", 1, "--save-trials", "-o", one, "-q")
    ranked = tmp_path / "ranked.h5"
    mpirun(ranks, SMALL, "-n", 40001, "-j", 1, "--save-trials", "-o", ranked, "-q")
    assert filecmp.cmp(one, ranked, shallow=False)


def start(out, *extra):
    return subprocess.Popen([SIMULATE, str(SMALL), "-n", "300000", "-j", "1", "-o", str(out),
                             "--checkpoint", "0", "-q", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_checkpoint(path, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        assert time.monotonic() < deadline, "no checkpoint appeared"
        time.sleep(0.01)


def test_kill_9_then_the_same_command_gives_the_same_file(tmp_path):
    reference = tmp_path / "reference.h5"
    simulate(SMALL, "-n", 300000, "-j", 1, "-o", reference, "-q")
    rng = random.Random(20261130)
    for attempt in range(3):  # kill -9 at several points, resuming each time
        out = tmp_path / f"run{attempt}.h5"
        checkpoint = tmp_path / f"run{attempt}.h5.checkpoint"
        for _ in range(2):
            proc = start(out)
            wait_for_checkpoint(checkpoint)
            time.sleep(rng.uniform(0.0, 0.3))
            proc.kill()
            proc.wait()
            assert not out.exists()
        with h5py.File(checkpoint, "r") as f:
            done = int(f.attrs["trial_end"])
        assert 0 < done < 300000
        resumed = simulate(SMALL, "-n", 300000, "-j", 1 + attempt % 2, "-o", out, "--checkpoint", 0)
        assert "resuming from checkpoint" in resumed.stderr
        assert filecmp.cmp(reference, out, shallow=False)
        assert not checkpoint.exists()  # removed once the results are in place


def test_sigterm_writes_a_checkpoint_and_exits_75_then_resumes(tmp_path):
    reference = tmp_path / "reference.h5"
    simulate(SMALL, "-n", 300000, "-o", reference, "-q")
    out = tmp_path / "out.h5"
    proc = start(out)
    wait_for_checkpoint(tmp_path / "out.h5.checkpoint")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 75, err
    assert "run the same command to resume" in err
    assert not out.exists()
    simulate(SMALL, "-n", 300000, "-j", 1, "-o", out, "--checkpoint", 0, "-q")
    assert filecmp.cmp(reference, out, shallow=False)


def test_a_checkpoint_of_another_run_is_refused(tmp_path):
    out = tmp_path / "out.h5"
    proc = start(out)
    wait_for_checkpoint(tmp_path / "out.h5.checkpoint")
    proc.kill()
    proc.wait()
    for other, what in ((["-n", 300000, "--seed", 7], "its seed"),
                        (["-n", 400000], "its trial count"),
                        (["-n", 300000, "--set", "members.DEU.debt_pct_gdp=70"], "its scenario")):
        refused = simulate(SMALL, "-o", out, "--checkpoint", 0, *other, check=False)
        assert refused.returncode == 2, refused.stderr
        assert "is from another run: " + what in refused.stderr
    assert (tmp_path / "out.h5.checkpoint").exists()  # left for the run that wrote it


def until_se_trials(path):
    with h5py.File(path, "r") as f:
        return int(f.attrs["trials"]), int(f.attrs["stopping_rule_met"]), float(f.attrs["until_se"])


def test_until_se_stops_at_the_same_trial_count_for_any_threads(tmp_path):
    runs = []
    for threads in (1, 2):
        out = tmp_path / f"j{threads}.h5"
        simulate(SMALL, "-n", 10**6, "--until-se", 0.005, "-j", threads, "-o", out, "-q")
        runs.append(out)
    if HAVE_MPI:
        out = tmp_path / "mpi.h5"
        mpirun(2, SMALL, "-n", 10**6, "--until-se", 0.005, "-j", 1, "-o", out, "-q")
        runs.append(out)
    for other in runs[1:]:
        assert filecmp.cmp(runs[0], other, shallow=False)
    trials, met, bound = until_se_trials(runs[0])
    assert met == 1 and bound == 0.005
    # The first check point (1000 * 2^k) at which the bound holds: p (1 - p) <= 1/4 bounds it.
    assert trials in {1000 * 2**k for k in range(5)}
    # Its statistics are those of a fixed run of that many trials.
    fixed = tmp_path / "fixed.h5"
    simulate(SMALL, "-n", trials, "-o", fixed, "-q")
    with h5py.File(fixed, "r") as a, h5py.File(runs[0], "r") as b:
        for group in ("summary", "accumulators"):
            for name, var in a[group].items():
                x, y = var[...], b[group][name][...]
                floats = x.dtype.kind == "f"
                assert np.array_equal(x, y, equal_nan=floats), name


def test_until_se_reports_a_cap_that_came_first(tmp_path):
    out = tmp_path / "capped.h5"
    run = simulate(SMALL, "-n", 3000, "--until-se", 0.0005, "-o", out)
    assert "NOT met" in run.stdout
    assert until_se_trials(out)[:2] == (3000, 0)


@pytest.mark.parametrize("args,message", [
    (["--until-se", "0.01", "--shard", "1/2"], "--until-se cannot be combined with --shard"),
    (["--checkpoint", "5", "--save-trials"], "--save-trials cannot be combined with --checkpoint"),
    (["--until-se", "0"], "expected a positive number"),
    (["--checkpoint", "soon"], "expected a non-negative number"),
])
def test_bad_hpc_options_are_usage_errors(tmp_path, args, message):
    run = simulate(SMALL, "-o", tmp_path / "x.h5", *args, check=False)
    assert run.returncode == 2 and message in run.stderr
