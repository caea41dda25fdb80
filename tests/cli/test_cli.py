"""End-to-end behaviour of simulate: determinism, shards, atomic writes, exit codes."""
import json
import filecmp
import h5py
import numpy as np
import os
import signal
import subprocess
import time

import pytest

from conftest import SIMULATE, SMALL, SOURCE, simulate


def test_same_bytes_for_any_thread_count(tmp_path):
    outs = []
    for threads in (1, 2, 8):
        out = tmp_path / f"j{threads}.h5"
        simulate(SMALL, "-n", 1500, "-j", threads, "-o", out, "-q")
        outs.append(out)
    assert filecmp.cmp(outs[0], outs[1], shallow=False)
    assert filecmp.cmp(outs[0], outs[2], shallow=False)


@pytest.mark.parametrize("shards", [2, 3, 7])
def test_shard_and_merge_equals_one_run_byte_for_byte(tmp_path, shards):
    whole = tmp_path / "whole.h5"
    simulate(SMALL, "-n", 1001, "-o", whole, "-q")
    parts = []
    for k in range(1, shards + 1):
        part = tmp_path / f"part{k}.h5"
        simulate(SMALL, "-n", 1001, "--shard", f"{k}/{shards}", "-o", part, "-q", "-j", 1 + k % 2)
        parts.append(part)
    merged = tmp_path / "merged.h5"
    simulate("merge", "-o", merged, *reversed(parts))  # order of inputs does not matter
    assert filecmp.cmp(whole, merged, shallow=False)


def test_merge_with_single_trial_shards(tmp_path):
    whole = tmp_path / "whole.h5"
    simulate(SMALL, "-n", 3, "-o", whole, "-q")
    parts = [tmp_path / f"p{k}.h5" for k in (1, 2, 3)]
    for k, part in enumerate(parts, 1):
        simulate(SMALL, "-n", 3, "--shard", f"{k}/3", "-o", part, "-q")
    merged = tmp_path / "merged.h5"
    simulate("merge", "-o", merged, *parts)
    assert filecmp.cmp(whole, merged, shallow=False)


def test_merge_refuses_missing_overlapping_and_foreign_shards(tmp_path):
    p = {}
    for k in (1, 2, 3):
        p[k] = tmp_path / f"p{k}.h5"
        simulate(SMALL, "-n", 300, "--shard", f"{k}/3", "-o", p[k], "-q")
    missing = simulate("merge", "-o", tmp_path / "m.h5", p[1], p[3], check=False)
    assert missing.returncode == 2 and "trials [100, 200) are missing" in missing.stderr
    overlap = simulate("merge", "-o", tmp_path / "m.h5", p[1], p[1], p[2], p[3], check=False)
    assert overlap.returncode == 2 and "overlapping" in overlap.stderr
    other_seed = tmp_path / "seed.h5"
    simulate(SMALL, "-n", 300, "--seed", 7, "--shard", "2/3", "-o", other_seed, "-q")
    seed = simulate("merge", "-o", tmp_path / "m.h5", p[1], other_seed, p[3], check=False)
    assert seed.returncode == 2 and "different seeds" in seed.stderr
    other = tmp_path / "other.h5"
    simulate(SMALL, "-n", 300, "--set", "members.DEU.will.initial=0.9", "--shard", "2/3",
             "-o", other, "-q")
    scen = simulate("merge", "-o", tmp_path / "m.h5", p[1], other, p[3], check=False)
    assert scen.returncode == 2 and "different scenarios" in scen.stderr
    assert not (tmp_path / "m.h5").exists()


def test_existing_output_is_never_overwritten_without_force(tmp_path):
    out = tmp_path / "r.h5"
    simulate(SMALL, "-n", 50, "-o", out, "-q")
    before = out.read_bytes()
    again = simulate(SMALL, "-n", 60, "-o", out, "-q", check=False)
    assert again.returncode == 2
    assert "--force" in again.stderr and str(out) in again.stderr
    assert out.read_bytes() == before
    simulate(SMALL, "-n", 60, "-o", out, "-q", "--force")
    assert out.read_bytes() != before


def test_a_run_killed_midway_leaves_nothing_at_the_target(tmp_path):
    out = tmp_path / "killed.h5"
    proc = subprocess.Popen([SIMULATE, str(SMALL), "-n", "50000000", "-o", str(out), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    assert proc.poll() is None, "run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "interrupted" in err
    assert not out.exists()
    assert os.listdir(tmp_path) == [], "temporary file left behind"


def test_exit_codes_and_messages(tmp_path):
    usage = simulate("--shard", "5/4", SMALL, check=False)
    assert usage.returncode == 2 and "--shard" in usage.stderr
    missing = simulate(tmp_path / "nope.yaml", check=False)
    assert missing.returncode == 1 and "nope.yaml" in missing.stderr
    bad_dir = simulate(SMALL, "-n", 10, "-o", tmp_path / "no" / "such" / "dir.h5", check=False)
    assert bad_dir.returncode == 1 and "dir.h5" in bad_dir.stderr
    not_results = simulate("summary", SMALL, check=False)
    assert not_results.returncode == 2 and "small.yaml" in not_results.stderr
    assert simulate("--version").stdout.startswith("simulate ")
    help_text = simulate("--help").stdout
    assert "Examples:" in help_text and "--shard" in help_text


def test_bad_scenarios_exit_2_with_their_expected_messages():
    bad = sorted((SOURCE / "tests/scenario/bad").glob("*.yaml"))
    assert bad, "no bad scenario files found"
    for path in bad:
        expected = path.with_suffix(".expected")
        overrides = path.with_suffix(".set")
        sets = []
        if overrides.exists():
            for line in overrides.read_text().splitlines():
                sets += ["--set", line]
        proc = simulate("validate", path, *sets, check=False)
        assert proc.returncode == 2, f"{path.name}: exit {proc.returncode}\n{proc.stderr}"
        if expected.exists():
            for line in expected.read_text().splitlines():
                if line.strip() and not line.startswith("#"):
                    assert line.strip() in proc.stderr, f"{path.name}: missing '{line}'"


def test_set_overrides_go_through_validation(tmp_path):
    typo = simulate("validate", SMALL, "--set", "members.DEU.will.volatilty=0.2", check=False)
    assert typo.returncode == 2 and "did you mean 'volatility'" in typo.stderr
    bad = simulate("validate", SMALL, "--set", "members.DEU.will.initial=1.7", check=False)
    assert bad.returncode == 2 and "members.DEU.will.initial" in bad.stderr
    ok = simulate("validate", SMALL, "--set", "members.DEU.will.initial=0.8")
    assert "DEU" in ok.stdout


def test_validate_prints_an_overview():
    out = simulate("validate", SMALL).stdout
    for fact in ("small", "2025", "2035", "3000", "20250625", "DEU", "POL", "ESP", "ISL"):
        assert fact in out, fact


def test_summary_prints_the_headline_again(small_results):
    table = simulate("summary", small_results).stdout
    for iso3 in ("DEU", "POL", "ESP"):
        assert iso3 in table
    assert "no armed forces" in table
    csv = simulate("summary", small_results, "--member", "POL", "--format", "csv").stdout
    assert csv.splitlines()[1].startswith("POL,")
    assert len(csv.splitlines()) == 2


def test_progress_is_logged_with_timestamps_without_a_terminal(tmp_path):
    proc = simulate(SMALL, "-n", 20000, "-o", tmp_path / "p.h5")
    lines = [l for l in proc.stderr.splitlines() if "trials (" in l]
    assert lines, proc.stderr
    assert lines[-1].startswith("[20") and "20000/20000 trials (100%)" in lines[-1]
    assert "trials/s" in lines[-1] and "ETA" in lines[-1]
    assert len(lines) <= 12  # a few lines, not a flood
    quiet = simulate(SMALL, "-n", 2000, "-o", tmp_path / "q.h5", "-q")
    assert quiet.stderr == ""


def test_progress_on_a_terminal_is_one_updating_line(tmp_path):
    # `script` gives simulate a pseudo-terminal, as an interactive user has.
    out = tmp_path / "t.h5"
    cmd = f"{SIMULATE} {SMALL} -n 400000 -o {out}"
    proc = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True)  # bytes
    text = proc.stdout.decode()
    assert proc.returncode == 0, text
    updates = text.split("Results:")[0].split("\r")
    assert len([u for u in updates if "trials/s" in u]) >= 2, text  # the line was redrawn
    assert "400000/400000 trials (100%)" in text and "ETA" in text
    assert not any(l.startswith("[20") for l in text.splitlines())


def test_review_fixes_numbers_paths_builds_and_stdout(tmp_path):
    # Negative counts are refused, not wrapped around to 2^64 - 1.
    for args in (["-n", "-1"], ["--trials=-1"], ["--seed=-1"], ["-n", "2e6"]):
        proc = simulate(SMALL, *args, "-o", tmp_path / "x.h5", check=False)
        assert proc.returncode == 2, (args, proc.stderr)
    assert not (tmp_path / "x.h5").exists()
    # The same scenario reached by a relative and an absolute path merges.
    rel = os.path.relpath(SMALL, SOURCE)
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    simulate(rel, "-n", 100, "--shard", "1/2", "-o", a, "-q", cwd=SOURCE)
    simulate(SMALL, "-n", 100, "--shard", "2/2", "-o", b, "-q")
    simulate("merge", "-o", tmp_path / "m.h5", a, b)
    # Shards from another build are refused.
    import h5py
    import shutil
    other = tmp_path / "other_build.h5"
    shutil.copy(b, other)
    with h5py.File(other, "a") as f:
        f.attrs["git_commit"] = np.bytes_(b"0123456789ab")
    proc = simulate("merge", "-o", tmp_path / "m2.h5", a, other, check=False)
    assert proc.returncode == 2 and "different builds" in proc.stderr
    # Output that cannot be written is a failure, not a silent success.
    with open("/dev/full", "w") as full:
        proc = subprocess.run([SIMULATE, "summary", str(b)], stdout=full, stderr=subprocess.PIPE,
                              text=True)
    assert proc.returncode == 1 and "standard output" in proc.stderr


def test_paired_compare_judges_each_run_by_its_own_target(tmp_path):
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    simulate(SMALL, "-n", 1000, "--save-trials", "-o", a, "-q")
    simulate(SMALL, "-n", 1000, "--save-trials", "--set", "targets.core_pct=2.0", "-o", b, "-q")
    text = simulate("compare", a, b).stdout
    assert "paired on trials" in text and "Core targets differ" in text
    esp = next(l for l in text.splitlines() if l.startswith("ESP")).split()
    with h5py.File(b, "r") as f:
        p_b = f["summary/p_core_target"][2, -1]  # ESP, 2035, from B's own summary
    assert float(esp[2]) == pytest.approx(p_b, abs=0.002)
    assert float(esp[2]) > 0.5  # Spain's 2.1 % plan meets a 2.0 % target
    # --format json: the same comparison, every number in full precision, for programs
    # (analysis/compare.py reads it).
    result = json.loads(simulate("compare", "--format", "json", a, b).stdout)
    assert result["paired"] and result["trials"] == 1000 and result["core_target_b"] == 2.0
    members = {m["iso3"]: m for m in result["members"]}
    assert members["ESP"]["p_core_target"]["b"] == p_b
    assert members["ISL"] == {"iso3": "ISL", "armed_forces": False}
    proc = simulate("compare", "--format", "csv", a, b, check=False)
    assert proc.returncode == 2 and "table or json" in proc.stderr
