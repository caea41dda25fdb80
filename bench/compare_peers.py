"""The performance benchmark against the peers (docs/PERFORMANCE.md; a benchmark, not a test).

In one sitting, interleaved (engine, NumPy peer, Numba peer, engine, ...), on the same number of
threads: member-years per second of `simulate scenarios/hague.yaml` and of the peers in
bench/peers/, their medians and the ratios; then the engine's thread scaling 1 -> 2, peak RSS at
1e5 and 1e6 trials, and the wall time of 1e6 trials. Each program is timed two ways: its
computation as it times itself (the peers exclude interpreter start-up, imports and Numba's
compilation; `simulate` reports its run's trials/s, without loading the scenario or writing the
file), and its whole process as a user waits for it. The ratios compare like with like, and
also the engine's whole process with the peers' computation (the strictest). The engine's
start-up and file writing is printed on its own.
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
    """Member-years/s of one peer run: as it times itself (its computation), and over its whole
    process (interpreter start-up, imports, Numba's compilation)."""
    env = dict(os.environ, NUMBA_NUM_THREADS=str(threads), OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1")
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/python3", str(PEERS / script), str(trials)], env=env,
                         capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    member_years = int(re.search(r"member_years=([0-9]+)", out).group(1))
    return {"run": float(re.search(r"member_years_per_s=([0-9.e+]+)", out).group(1)),
            "whole": member_years / wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulate", default=str(ROOT / "build/sim/cli/simulate"))
    parser.add_argument("--trials", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    out = pathlib.Path(tempfile.mkdtemp(prefix="rampup-bench-")) / "bench.h5"
    runs = {"simulate": [], "numpy peer": [], "numba peer": []}
    for _ in range(args.repeat):  # interleaved, so drift in the machine hits all three alike
        runs["simulate"].append(run_engine(args.simulate, args.trials, args.threads, out))
        runs["numpy peer"].append(run_peer("numpy_rampup.py", args.trials, args.threads))
        runs["numba peer"].append(run_peer("numba_rampup.py", args.trials, args.threads))
    median = {(name, way): statistics.median(r[way] for r in rs)
              for name, rs in runs.items() for way in ("run", "whole")}
    print(f"hague.yaml, {args.trials} trials, {args.threads} threads, median of {args.repeat} "
          "(interleaved); member-years/s of the computation as each times itself (run) and of "
          "the whole process (start-up, imports, compilation, writing)")
    for (name, way), value in median.items():
        each = ", ".join(f"{r[way]:.3g}" for r in runs[name])
        print(f"  {name:11} {way:5} {value:10.3g} member-years/s   [{each}]")
    overhead = [r["wall"] * (1 - r["whole"] / r["run"]) for r in runs["simulate"]]
    print(f"  simulate start-up and writing the file: {statistics.median(overhead):.3f} s "
          f"[{', '.join(f'{x:.3f}' for x in overhead)}]")
    for peer in ("numpy peer", "numba peer"):
        for engine_way, peer_way, what in (("run", "run", "like for like, computation"),
                                           ("whole", "run", "simulate whole vs peer run"),
                                           ("whole", "whole", "like for like, whole process")):
            ratio = median[("simulate", engine_way)] / median[(peer, peer_way)]
            print(f"  ratio simulate / {peer}: {ratio:5.2f}  ({what})")
    one = statistics.median(run_engine(args.simulate, args.trials, 1, out)["whole"]
                            for _ in range(args.repeat))
    print(f"thread scaling 1 -> {args.threads} (whole process): "
          f"{median[('simulate', 'whole')] / one:.2f}x")
    for trials in (100000, 1000000):
        runs = [run_engine(args.simulate, trials, args.threads, out) for _ in range(args.repeat)]
        print(f"{trials:>8} trials: wall {statistics.median(r['wall'] for r in runs):.2f} s, "
              f"peak RSS {statistics.median(r['rss'] for r in runs):.0f} MiB")
    out.unlink()


if __name__ == "__main__":
    main()
