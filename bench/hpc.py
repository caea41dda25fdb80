"""HPC measurements for docs/HPC.md (a benchmark, not a test): strong scaling over threads and
MPI ranks, the cost of --checkpoint, the MPI reduction, merge time and peak memory against the
number of shards, peak memory per rank. Run it on a quiet machine:

    /usr/bin/python3 bench/hpc.py [--simulate build/sim/cli/simulate] [--trials 200000] [--repeat 3]

Prints one table; every figure is the median of --repeat runs (wall seconds, peak RSS in MiB
from the kernel's rusage of the child processes).
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios/hague.yaml"
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def timed(cmd):
    """Wall seconds and the peak RSS (MiB) of the command's processes (GNU time's %M)."""
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *map(str, cmd)], capture_output=True,
                         text=True, env=MPI_ENV)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{out.stderr}")
    return wall, int(out.stderr.strip().splitlines()[-1]) / 1024


def median_of(repeat, cmd):
    runs = [timed(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulate", default=str(ROOT / "build/sim/cli/simulate"))
    parser.add_argument("--trials", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sim, n, rep = args.simulate, args.trials, args.repeat
    mpirun = shutil.which("mpirun")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="rampup-hpc-"))

    print(f"{'what':46} {'trials':>9} {'wall s':>8} {'peak MiB':>9}   (median of {rep})", flush=True)

    def run(label, cmd, trials):
        wall, rss = median_of(rep, cmd)
        print(f"{label:46} {trials:>9} {wall:>8.2f} {rss:>9.0f}", flush=True)

    out = tmp / "x.h5"
    base = [sim, SCENARIO, "-n", n, "-q", "--force", "-o", out]
    run("1 process x 1 thread", [*base, "-j", 1], n)
    run("1 process x 2 threads", [*base, "-j", 2], n)
    if mpirun:
        run("2 MPI ranks x 1 thread", [mpirun, "-n", 2, *base, "-j", 1], n)
        run("2 MPI ranks x 2 threads (oversubscribed)", [mpirun, "--oversubscribe", "-n", 2, *base, "-j", 2], n)
        run("MPI start + reduce: 2 ranks, 2000 trials", [mpirun, "-n", 2, sim, SCENARIO, "-n", 2000, "-j", 1, "-q", "--force", "-o", out], 2000)
        run("1 process, 2000 trials", [sim, SCENARIO, "-n", 2000, "-j", 1, "-q", "--force", "-o", out], 2000)
    run("--checkpoint 0 (every chunk), 2 threads", [*base, "-j", 2, "--checkpoint", 0], n)
    run("--checkpoint 60, 2 threads", [*base, "-j", 2, "--checkpoint", 60], n)
    run("peak RSS at 1e5 trials, 2 threads", [sim, SCENARIO, "-n", 100000, "-q", "--force", "-o", out, "-j", 2], 100000)
    run("peak RSS at 1e6 trials, 2 threads", [sim, SCENARIO, "-n", 1000000, "-q", "--force", "-o", out, "-j", 2], 1000000)
    size = out.stat().st_size / 2**20
    for shards in (2, 16, 64):
        parts = []
        for k in range(1, shards + 1):
            part = tmp / f"s{shards}-{k}.h5"
            subprocess.run(list(map(str, [sim, SCENARIO, "-n", 64000, "--shard", f"{k}/{shards}",
                                          "-j", 2, "-q", "--force", "-o", part])),
                           check=True, capture_output=True)
            parts.append(part)
        run(f"merge {shards} shards", [sim, "merge", "--force", "-o", tmp / "merged.h5", *parts], 64000)
    print(f"results file at 1e6 trials: {size:.1f} MiB")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
