"""A/B of two `simulate` builds on a noisy machine: both run at the same time, one per core
(swapped every round), so drift in the machine hits both alike; prints the median ratio of
their CPU times and its spread.

On the development VM (docs/PERFORMANCE.md) sequential runs of one binary vary by ±10% from
minute to minute; the ratio of two binaries run side by side varies by about ±5%, so a median
over 6-8 rounds resolves differences of 2-3%.

usage: /usr/bin/python3 bench/ab_pair.py BUILD_A/simulate BUILD_B/simulate
           [--trials 100000] [--rounds 8] [--scenario scenarios/hague.yaml]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(exe: str, cpu: int, scenario: str, trials: int, out: Path) -> subprocess.Popen:
    cmd = [exe, scenario, "-n", str(trials), "-j", "1", "-q", "-o", str(out), "--force"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))


def cpu_seconds(proc: subprocess.Popen) -> float:
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{proc.args[0]} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--trials", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--scenario", default="scenarios/hague.yaml")
    args = p.parse_args()
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        raise SystemExit("ab_pair needs two CPUs")
    times_a, times_b = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            cpu_a, cpu_b = (cpus[0], cpus[1]) if r % 2 == 0 else (cpus[1], cpus[0])
            pa = start(args.a, cpu_a, args.scenario, args.trials, Path(tmp) / "a.h5")
            pb = start(args.b, cpu_b, args.scenario, args.trials, Path(tmp) / "b.h5")
            times_a.append(cpu_seconds(pa))
            times_b.append(cpu_seconds(pb))
    ratios = sorted(b / a for a, b in zip(times_a, times_b))
    print(f"A {args.a}: median {statistics.median(times_a):.3f} s CPU")
    print(f"B {args.b}: median {statistics.median(times_b):.3f} s CPU")
    print(f"B/A median {statistics.median(ratios):.4f} over {args.rounds} rounds "
          f"(min {ratios[0]:.3f}, max {ratios[-1]:.3f})")


if __name__ == "__main__":
    main()
