"""The performance benchmark against the peers (docs/PERFORMANCE.md; a benchmark, not a test).

In one sitting, interleaved (engine, NumPy peer, Numba peer, engine, ...), on the same number of
threads: member-years per second of `simulate scenarios/hague.yaml` and of the peers in
bench/peers/, their medians and the ratios; then the engine's thread scaling 1 -> 2, peak RSS at
1e5 and 1e6 trials, and the wall time of 1e6 trials. The engine is timed two ways: the whole
process as a user sees it (start-up, run, writing the file), and its run alone (what `simulate`
reports as trials/s), which is how the peers time themselves (their computation, without
start-up, imports or compilation); the difference is the engine's start-up and file writing.
Run it on a quiet machine (no build or test beside it):

    /usr/bin/python3 bench/compare_peers.py [--trials 200000] [--repeat 3] [--threads 2]
"""
import argparse
import os
import pathlib
import re
import statistics
import subprocess
import tempfile
import time

import h5py

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios/hague.yaml"
PEERS = ROOT / "bench/peers"


def run_engine(sim, trials, threads, out):
    """One `simulate` run: member-years/s over the whole process and over its run alone, the
    wall seconds of the whole process, and its peak RSS (MiB)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", sim, str(SCENARIO), "-n", str(trials),
                           "-j", str(threads), "--force", "-o", str(out)],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    with h5py.File(out, "r") as f:
        per_trial = f["summary/member"].shape[0] * f["summary/year"].shape[0]
    run_trials_per_s = float(re.search(r"\(([0-9.]+) trials/s\)", proc.stdout).group(1))
    return {"whole": trials * per_trial / wall, "run": run_trials_per_s * per_trial,
            "wall": wall, "rss": int(proc.stderr.split()[-1]) / 1024}


def run_peer(script, trials, threads):
    env = dict(os.environ, NUMBA_NUM_THREADS=str(threads), OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(["/usr/bin/python3", str(PEERS / script), str(trials)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"member_years_per_s=([0-9.e+]+)", out).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulate", default=str(ROOT / "build/sim/cli/simulate"))
    parser.add_argument("--trials", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    out = pathlib.Path(tempfile.mkdtemp(prefix="rampup-bench-")) / "bench.h5"
    rates = {"simulate": [], "simulate run": [], "numpy peer": [], "numba peer": []}
    overhead = []  # the engine's start-up and writing, seconds
    for _ in range(args.repeat):  # interleaved, so drift in the machine hits all three alike
        engine = run_engine(args.simulate, args.trials, args.threads, out)
        rates["simulate"].append(engine["whole"])
        rates["simulate run"].append(engine["run"])
        overhead.append(engine["wall"] * (1 - engine["whole"] / engine["run"]))
        rates["numpy peer"].append(run_peer("numpy_rampup.py", args.trials, args.threads))
        rates["numba peer"].append(run_peer("numba_rampup.py", args.trials, args.threads))
    median = {k: statistics.median(v) for k, v in rates.items()}
    print(f"hague.yaml, {args.trials} trials, {args.threads} threads, median of {args.repeat} "
          "(interleaved)")
    labels = {"simulate": "simulate, whole process (start-up, run, write)",
              "simulate run": "simulate, run alone (timed as the peers time themselves)",
              "numpy peer": "numpy peer", "numba peer": "numba peer"}
    for name, value in median.items():
        runs = ", ".join(f"{r:.3g}" for r in rates[name])
        print(f"  {labels[name]:57} {value:10.3g} member-years/s   [{runs}]")
    print(f"  simulate start-up and writing the file: {statistics.median(overhead):.3f} s "
          f"[{', '.join(f'{x:.3f}' for x in overhead)}]")
    for engine in ("simulate", "simulate run"):
        for peer in ("numpy peer", "numba peer"):
            print(f"  ratio {engine} / {peer}: {median[engine] / median[peer]:.2f}")
    one = statistics.median(run_engine(args.simulate, args.trials, 1, out)["whole"]
                            for _ in range(args.repeat))
    print(f"thread scaling 1 -> {args.threads} (whole process): {median['simulate'] / one:.2f}x")
    for trials in (100000, 1000000):
        runs = [run_engine(args.simulate, trials, args.threads, out) for _ in range(args.repeat)]
        print(f"{trials:>8} trials: wall {statistics.median(r['wall'] for r in runs):.2f} s, "
              f"peak RSS {statistics.median(r['rss'] for r in runs):.0f} MiB")
    out.unlink()


if __name__ == "__main__":
    main()
