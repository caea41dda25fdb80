"""The sensitivity page of analysis.report and the "what would it take" table
(analysis/report_explore.py, analysis/what_it_takes.py, analysis/figures_explore.py;
docs/EXPLORE.md) on synthetic files laid out like those of `simulate explore`:

1. what_it_takes finds a planted condition: member AAA has P(reached) 0.9 where key0 >= 0.6 and
   key1 <= 0.5, else 0.1 (3 keys, 640 experiments); the box restricts exactly key0 and key1,
   within 0.1 of the planted limits, density >= 0.8, coverage >= 0.8. BBB (0.8 everywhere) is
   "all", CCC (0.1 everywhere) "none"; DDD (NaN: no armed forces) is left out.
2. `python3 -m analysis.report FILE -o DIR` detects the file by kind = "explore" and writes
   report.html embedding the Sobol, PRIM trade-off and PRIM box figures (valid PNGs), the Sobol
   table with the key that drives the outcome ranked first, the box in words and the table per
   member; what_it_takes.csv has the same rows.
3. An LHS file (no Saltelli blocks) gets the PRIM figures and table but says why it has no Sobol
   indices; a second file or --trials-file with an explore file exits 2.
4. `python3 -m analysis.what_it_takes` prints the table.
"""
import base64
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

ROOT = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from analysis import what_it_takes  # noqa: E402
from analysis.explore_io import read_exploration  # noqa: E402

PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
KEYS = ["model.key0", "shocks.key1", "members.AAA.key2"]
MEMBERS = ["AAA", "BBB", "CCC", "DDD"]


def lhs(n, k, rng):
    return (np.array([rng.permutation(n) for _ in range(k)]).T + rng.random((n, k))) / n


def write_file(path, design="saltelli", n=128, seed=5):
    """An explore-like file: `design` saltelli gives N (k + 2) experiments in blocks."""
    rng = np.random.default_rng(seed)
    k = len(KEYS)
    if design == "saltelli":
        a, b = lhs(n, k, rng), lhs(n, k, rng)
        blocks = [a, b] + [np.where(np.arange(k) == i, b, a) for i in range(k)]
        u = np.concatenate(blocks)
        matrix = np.repeat(np.arange(k + 2), n).astype(np.int32)
        row = np.tile(np.arange(n), k + 2).astype(np.int32)
    else:
        u = lhs(n, k, rng)
    m = len(u)
    planted = (u[:, 0] >= 0.6) & (u[:, 1] <= 0.5)
    p = np.empty((m, len(MEMBERS)))
    p[:, 0] = np.where(planted, 0.9, 0.1)
    p[:, 1], p[:, 2], p[:, 3] = 0.8, 0.1, np.nan
    alliance = 0.2 + 0.6 * u[:, 0] + 0.1 * u[:, 2]  # key0 drives it; key1 does not enter
    with h5py.File(path, "w") as f:
        f.attrs.update({"kind": "explore", "format_version": 1, "design": design,
                        "scenario_name": "synthetic", "seed": "1", "trials": 1000,
                        "experiments": m, "shard": "complete", "target_year": 2035,
                        "core_target_pct": 3.5, "software_version": "test",
                        "vary": "\n".join(f"{key}=0:1" for key in KEYS)})
        f["experiment"] = np.arange(m, dtype=np.int32)
        f["member"] = np.array(MEMBERS, dtype=h5py.string_dtype())
        f["varied"] = np.array(KEYS, dtype=h5py.string_dtype())
        f["value"] = u
        f["category_index"] = np.full((m, k), -1, np.int32)
        f["unit_sample"] = u
        if design == "saltelli":
            f["saltelli_matrix"], f["base_row"] = matrix, row
        f["p_reached"] = p
        f["p_reached_se"] = np.sqrt(p * (1 - p) / 1000)
        f["p_core_target"] = p
        f["alliance_p_core_target"] = alliance
        f["alliance_p_core_target_se"] = np.full(m, 0.001)
        f["alliance_share_median"] = 3.0 + u[:, 1]
        f["members_at_core_target_mean"] = 10 + 5 * u[:, 0] * u[:, 2]
    return path


def report(*args):
    return subprocess.run([PYTHON, "-m", "analysis.report", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_what_it_takes_finds_the_planted_condition(tmp_path):
    e = read_exploration(write_file(tmp_path / "s.h5"))
    rows = {r.member: r for r in what_it_takes.table(e)}
    assert sorted(rows) == ["AAA", "BBB", "CCC"]
    aaa = rows["AAA"]
    assert aaa.status == "box" and aaa.density >= 0.8 and aaa.coverage >= 0.8
    assert len(aaa.conditions) == 2
    low = re.fullmatch(r"model\.key0 is at least ([0-9.]+)", aaa.conditions[0])
    high = re.fullmatch(r"shocks\.key1 is at most ([0-9.]+)", aaa.conditions[1])
    assert low and high, aaa.conditions
    assert float(low.group(1)) == pytest.approx(0.6, abs=0.1)
    assert float(high.group(1)) == pytest.approx(0.5, abs=0.1)
    assert rows["BBB"].status == "all" and rows["BBB"].counting == len(e.values)
    assert rows["CCC"].status == "none" and rows["CCC"].counting == 0
    assert "in none of the 640 experiments" in rows["CCC"].in_words()


def embedded_pngs(html):
    out = {}
    for fig_id, data in re.findall(r'<figure id="([^"]+)"><img alt="[^"]*" '
                                   r'src="data:image/png;base64,([^"]+)"', html):
        out[fig_id] = base64.b64decode(data)
    return out


def test_report_writes_the_sensitivity_page(tmp_path):
    path = write_file(tmp_path / "s.h5")
    out = tmp_path / "page"
    proc = report(path, "-o", out, "--resamples", "100", "--outcome",
                  "p_reached[AAA] >= 0.5")
    assert proc.returncode == 0, proc.stderr
    html = (out / "report.html").read_text()
    figures = embedded_pngs(html)
    assert sorted(figures) == ["prim_box", "prim_tradeoff", "sobol_indices"]
    for name, data in figures.items():
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data == (out / f"{name}.png").read_bytes()
    # The Sobol table of alliance_p_core_target ranks key0 first (it carries all the variance).
    table = html.split("<caption>alliance_p_core_target")[1].split("</table>")[0]
    assert table.index("model.key0") < table.index("members.AAA.key2") < table.index("shocks.key1")
    assert "In words: when model.key0 is at least" in html
    assert "What would it take" in html
    with open(out / "what_it_takes.csv", newline="") as f:
        rows = {r["member"]: r for r in csv.DictReader(f)}
    assert sorted(rows) == ["AAA", "BBB", "CCC"]
    assert rows["AAA"]["status"] == "box" and "model.key0 is at least" in rows["AAA"]["conditions"]
    assert rows["BBB"]["status"] == "all" and rows["CCC"]["status"] == "none"
    for member, row in rows.items():
        assert f"<td class=\"name\">{member}</td>" in html


def test_lhs_file_has_no_sobol_and_explore_files_are_reported_alone(tmp_path):
    path = write_file(tmp_path / "l.h5", design="lhs", n=200)
    out = tmp_path / "page"
    proc = report(path, "-o", out, "--outcome", "p_reached[AAA] >= 0.5")
    assert proc.returncode == 0, proc.stderr
    html = (out / "report.html").read_text()
    assert "No Sobol indices: they need a Saltelli design" in html
    assert sorted(embedded_pngs(html)) == ["prim_box", "prim_tradeoff"]
    assert not (out / "sobol_indices.png").exists()
    for extra in ([path], ["--trials-file", path]):
        proc = report(path, *extra, "-o", tmp_path / "bad")
        assert proc.returncode == 2 and "reported alone" in proc.stderr
    proc = report(path, "-o", tmp_path / "bad", "--outcome", "no_such >= 1")
    assert proc.returncode == 2 and "unknown outcome 'no_such'" in proc.stderr


def test_what_it_takes_command(tmp_path):
    path = write_file(tmp_path / "s.h5")
    proc = subprocess.run([PYTHON, "-m", "analysis.what_it_takes", str(path), "--column",
                           "p_core_target"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"AAA .*when model\.key0 is at least", proc.stdout)
    assert "p_core_target >= 0.5 in all 640 experiments" in proc.stdout
    proc = subprocess.run([PYTHON, "-m", "analysis.what_it_takes", str(path), "--column",
                           "median_core_share"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "choose one of p_reached, p_core_target" in proc.stderr
