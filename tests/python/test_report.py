"""End-to-end tests of `python3 -m analysis.report` on real results files.

A session fixture runs `simulate scenarios/hague.yaml -n 2000`: A with --save-trials, B with a
--set of the start regime (hague.yaml runs model v2, where a will parameter no longer moves the
result) (and B again with --save-trials); the report is made once with A, B
(unpaired comparison) and --trials-file A (drivers). Checked:
1. every figure file exists, is a PNG (magic bytes), decodes with matplotlib, is > 10 kB and is
   not a single colour;
2. report.html embeds every figure as a base64 data URI, loads nothing from the network (every
   src/href is a data: URI or a #fragment; no <script>, <link>, @import or url()), and parses
   with balanced tags;
3. the headline tables (A and B) equal `simulate summary --format json` on the same files, row
   by row and in the alliance lines;
4. paired B - A differences from two real /trials groups agree with the summaries and are no
   wider than the unpaired ones;
5. unit rules: the median first year (exact ties, 'never'), bad --member or a --trials-file
   without /trials exit with 2 before drawing anything.
The binary comes from RAMPUP_SIMULATE (set by ctest), else build/sim/cli/simulate; without it
the tests needing a real file are skipped.
"""
import base64
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest

ROOT = Path(os.environ.get("RAMPUP_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from analysis import compare, io  # noqa: E402

PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
B_SET = "model.us_pressure_term_prob=1"  # hague.yaml runs model v2: will keys no longer move it
FIGURES = ["fan_core_share", "heatmap_p_core_target", "first_year_core", "alliance_spending",
           "us_share", "review_on_track", "compare_p_core_target", "drivers_alliance",
           "drivers_members_at_target", "drivers_DEU"]


def simulate_binary():
    env = os.environ.get("RAMPUP_SIMULATE")
    path = Path(env) if env else ROOT / "build/sim/cli/simulate"
    if not path.is_file():
        pytest.skip(f"simulate binary not found ({path}); set RAMPUP_SIMULATE")
    return path


def run(*args, **kw):
    return subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, **kw)


def report(*args):
    return run(PYTHON, "-m", "analysis.report", *args,
               env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg",
                    "RAMPUP_SIMULATE": str(simulate_binary())})


@pytest.fixture(scope="session")
def files(tmp_path_factory):
    exe = simulate_binary()
    d = tmp_path_factory.mktemp("report")
    a, b, bt = d / "a.h5", d / "b.h5", d / "b_trials.h5"
    for out, extra in ((a, ["--save-trials"]), (b, ["--set", B_SET]),
                       (bt, ["--set", B_SET, "--save-trials"])):
        r = run(exe, "scenarios/hague.yaml", "-n", 2000, "-o", out, "-q", *extra)
        assert r.returncode == 0, r.stderr
    out = d / "out"
    r = report(a, b, "-o", out, "--trials-file", a, "--member", "deu")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == str(out / "report.html")
    return {"exe": exe, "a": a, "b": b, "b_trials": bt, "out": out}


# --- 1. figures -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FIGURES)
def test_figure_is_a_nontrivial_png(files, name):
    path = files["out"] / f"{name}.png"
    assert path.is_file()
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    img = mpimg.imread(path)
    assert img.ndim == 3 and img.shape[0] > 300 and img.shape[1] > 500
    pixels = img[..., :3].reshape(-1, 3)
    assert np.ptp(pixels, axis=0).max() > 0.5            # not a single colour
    assert len(np.unique(pixels[::7], axis=0)) > 20       # actually drawn


# --- 2. the HTML page -------------------------------------------------------------------------

VOID = {"meta", "img", "br", "hr", "link", "input", "col", "area", "base", "source", "wbr"}


class PageParser(HTMLParser):
    """Collects src/href values, checks tag balance, reads the headline tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.urls, self.tags = [], [], [], set()
        self.tables, self._table, self._row, self._cell = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v is not None]
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "table":
            self._table = {"class": a.get("class"), "rows": {}}
            self.tables.append(self._table)
        elif tag == "tr" and self._table is not None:
            key = a.get("data-iso3") or a.get("data-key")
            self._row = self._table["rows"].setdefault(key, {}) if key else None
        elif tag == "td" and self._row is not None:
            self._cell = a.get("class") or "value"
            self._row[self._cell] = ""

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()
        if tag == "td":
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None and self._row is not None:
            self._row[self._cell] += data.strip()


@pytest.fixture(scope="session")
def page(files):
    text = (files["out"] / "report.html").read_text(encoding="utf-8")
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return text, parser


def test_html_parses(page):
    text, parser = page
    assert text.startswith("<!DOCTYPE html>")
    assert parser.errors == [] and parser.stack == []
    assert {"html", "head", "body", "table", "figure", "img", "figcaption"} <= parser.tags


def test_html_embeds_every_figure(files, page):
    text, parser = page
    for name in FIGURES:
        data = base64.b64encode((files["out"] / f"{name}.png").read_bytes()).decode("ascii")
        assert f'src="data:image/png;base64,{data}"' in text, name
    assert sum(u.startswith("data:image/png;base64,") for u in parser.urls) == len(FIGURES)


def test_html_loads_nothing_from_network(page):
    text, parser = page
    assert all(u.startswith(("data:", "#")) for u in parser.urls), \
        [u[:60] for u in parser.urls if not u.startswith(("data:", "#"))]
    assert "script" not in parser.tags and "link" not in parser.tags
    lowered = text.lower()
    assert "@import" not in lowered and "url(" not in lowered
    assert "http://" not in lowered and "https://" not in lowered


# --- 3. the headline equals `simulate summary` ------------------------------------------------

def summary_json(exe, path):
    r = run(exe, "summary", path, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def num(x, digits):
    return "n/a" if x is None else f"{x:.{digits}f}"


@pytest.mark.parametrize("which,index", [("a", 0), ("b", 1)])
def test_headline_equals_simulate_summary(files, page, which, index):
    expected = summary_json(files["exe"], files[which])
    tables = [t for t in page[1].tables if t["class"] == "headline"]
    alliance = [t for t in page[1].tables if t["class"] == "alliance"]
    assert len(tables) == 2 and len(alliance) == 2
    rows = tables[index]["rows"]
    assert list(rows) == [m["iso3"] for m in expected["members"]]
    for m in expected["members"]:
        row = rows[m["iso3"]]
        assert row["name"] == m["name"]
        if not m["armed_forces"]:
            assert row["none"] == "no armed forces"
            continue
        assert row["p_reached"] == num(m["p_reached"], 4), m["iso3"]
        assert row["p_reached_se"] == num(m["p_reached_se"], 4), m["iso3"]
        assert row["p"] == num(m["p_core_target"], 4), m["iso3"]
        assert row["se"] == num(m["p_core_target_se"], 4), m["iso3"]
        year = m["median_first_year"]
        assert row["year"] == ("never" if year is None else str(year)), m["iso3"]
        assert row["share"] == num(m["median_core_share_pct"], 2), m["iso3"]
        assert row["jump"] == num(m["share_reached_by_jump"], 4), m["iso3"]
    lines = alliance[index]["rows"]
    digits = {"median_share_pct": 2, "p_core_target": 4, "mean_members_at_core_target": 2,
              "median_spending_usd_bn": 0, "median_us_share_pct": 1}
    for key, d in digits.items():
        assert lines[key]["value"] == num(expected["alliance"][key], d), key


def test_b_differs_from_a(files):
    a = summary_json(files["exe"], files["a"])
    b = summary_json(files["exe"], files["b"])
    assert [m["p_core_target"] for m in a["members"]] != [m["p_core_target"] for m in b["members"]]


# --- 4. rules and errors ----------------------------------------------------------------------

def test_the_python_mirror_of_the_meets_rule_is_the_files(files):
    """Python judges only observed shares (validation); its tolerance must be simulate's."""
    ds = io.open_summary(files["a"])
    assert float(ds.attrs["target_tolerance_pp"]) == io.TARGET_TOLERANCE_PP
    years = ds["year"].values
    info = io.read_run_info(files["a"])
    assert int(ds.attrs["target_year"]) == int(np.clip(info.target_year, years.min(), years.max()))




def test_bad_member_is_bad_input(files, tmp_path):
    r = report(files["a"], "-o", tmp_path, "--trials-file", files["a"], "--member", "ISL")
    assert r.returncode == 2 and "ISL" in r.stderr
    r = report(files["a"], "-o", tmp_path, "--trials-file", files["b"])
    assert r.returncode == 2 and "/trials" in r.stderr
    assert not list(tmp_path.glob("*.png"))  # failed before drawing anything


def test_paired_comparison_of_real_files(files):
    """analysis.compare reads `simulate compare --format json`. Both files with /trials, same
    seed: per-trial differences, whose mean is the difference of the summaries' p_core_target
    (the same trials, the same verdicts), with an interval no wider than the conservative
    unpaired one sqrt(se_A^2 + se_B^2)."""
    os.environ.setdefault("RAMPUP_SIMULATE", str(simulate_binary()))
    da, db = io.open_summary(files["a"]), io.open_summary(files["b_trials"])
    paired = compare.compare(files["a"], files["b_trials"])
    assert paired.paired and paired.n == 2000 and "paired over 2,000" in paired.note
    assert "ISL" not in paired.members and paired.members == io.armed_members(da)
    ty = paired.target_year
    pa = da["p_core_target"].sel(member=paired.members, year=ty).values
    pb = db["p_core_target"].sel(member=paired.members, year=ty).values
    assert np.allclose(paired.diff, pb - pa, atol=1e-12)
    unpaired_se = np.hypot(da["p_core_target_se"].sel(member=paired.members, year=ty).values,
                           db["p_core_target_se"].sel(member=paired.members, year=ty).values)
    # up to the n vs n - 1 of the two sd estimators (a member whose difference is one trial)
    assert (paired.se <= unpaired_se * 1.001 + 1e-12).all()
    assert (paired.se < unpaired_se).sum() >= len(paired.members) // 2
    # B without /trials: unpaired, saying why, with the summaries' difference and se
    fallback = compare.compare(files["a"], files["b"])
    assert not fallback.paired and "--save-trials" in fallback.note
    db = io.open_summary(files["b"])
    pb = db["p_core_target"].sel(member=fallback.members, year=ty).values
    assert np.allclose(fallback.diff, pb - pa, atol=1e-12)
    # Bad input is a ValueError carrying simulate's message.
    with pytest.raises(ValueError, match="not a results file"):
        compare.compare(files["a"], ROOT / "README.md")
