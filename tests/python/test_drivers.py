"""Tests of analysis/drivers.py on synthetic
`/trials` groups in the planned layout (docs/ANALYSIS.md):

1. A planted driver is recovered: DEU reaching 3.5 % in the target year depends on Poland's
   mean growth plus noise -> "POL growth" ranks first with a 95 % interval excluding 0, and an
   irrelevant input (France's growth) has an interval including 0. The alliance outcome is
   planted on the sum of threat shocks, which must rank first for it.
2. spearman_bootstrap equals scipy's Spearman rho on the full sample and is reproducible
   (seeded); a constant outcome gives NaN, not an error.
3. Reading is blockwise: a block size smaller than the trial count gives the same inputs.
(The paired comparison is simulate's: tests/python/test_report.py and tests/cli/test_cli.py.)
"""
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import drivers, io  # noqa: E402

MEMBERS = ["DEU", "FRA", "POL", "USA", "ISL"]
YEARS = np.arange(2025, 2036, dtype=np.int32)


def synthetic_trials(n, members, years, seed=7, target_year=2035, member="DEU",
                     driver="POL", shift=0.0):
    """Arrays of the planned /trials layout. `member`'s core share in the target year is
    3.5 + 0.35 z(driver's mean growth) + noise; the alliance share is 3.4 + 0.3 z(threat sum) +
    noise. Members named ISL have no armed forces (NaN shares and will). `shift` is added to
    `member`'s core share in the target year (for B files)."""
    rng = np.random.default_rng(seed)
    m, y = len(members), len(years)
    t = int(np.nonzero(years == target_year)[0][0])
    sim = slice(1, t + 1)
    growth = rng.normal(2.0, 1.5, (n, m, y)).astype(np.float32)
    threat = np.where(rng.random((n, y)) < 0.3, rng.normal(0.8, 0.3, (n, y)), 0.0)
    core = (2.5 + rng.normal(0, 0.6, (n, m, 1)) + np.zeros((1, 1, y))).astype(np.float64)
    d = members.index(driver)
    g = growth[:, d, sim].mean(axis=1)
    k = members.index(member)
    core[:, k, t] = 3.5 + 0.35 * (g - g.mean()) / g.std() + rng.normal(0, 0.3, n) + shift
    ts = threat[:, sim].sum(axis=1)
    alliance = np.tile(np.linspace(2.8, 3.4, y), (n, 1)) + rng.normal(0, 0.1, (n, y))
    alliance[:, t] = 3.4 + 0.3 * (ts - ts.mean()) / ts.std() + rng.normal(0, 0.3, n)
    will = rng.uniform(0.3, 0.8, (n, m, y))
    for i, code in enumerate(members):
        if code == "ISL":
            core[:, i, :] = np.nan
            will[:, i, :] = np.nan
    first = np.where(core[:, :, t] >= 3.495, target_year, 0).astype(np.int32)
    return {
        "trial_id": np.arange(n, dtype=np.int64),
        "core_share": core.astype(np.float32),
        "total_share": (core + 0.5).astype(np.float32),
        "spending": (core * 40).astype(np.float32),
        "will": will.astype(np.float32),
        "growth": growth,
        "government_change": (rng.random((n, m, y)) < 0.1).astype(np.uint8),
        "reclassified": (rng.random((n, m, y)) < 0.05).astype(np.uint8),
        "recession": (rng.random((n, y)) < 0.08).astype(np.uint8),
        "threat": threat.astype(np.float32),
        "alliance_spending": (alliance * 500).astype(np.float32),
        "alliance_share": alliance.astype(np.float32),
        "first_year_core": first,
        # the model's verdicts (models/outcomes.h): >= target - 0.005 pp, none without forces
        "at_core_target": (np.nan_to_num(core, nan=0.0) >= 3.495).astype(np.uint8),
        "alliance_at_core_target": (alliance >= 3.495).astype(np.uint8),
    }


def write_trials(path, arrays, members, years, attrs=None):
    """Writes `arrays` as group /trials of `path` (created or appended to)."""
    with h5py.File(path, "a") as f:
        for key, value in (attrs or {}).items():
            f.attrs[key] = value
        g = f.create_group("trials")
        g.create_dataset("member", data=np.array(members, dtype=object),
                         dtype=h5py.string_dtype("utf-8"))
        g.create_dataset("year", data=np.asarray(years, dtype=np.int32))
        for key, value in arrays.items():
            chunks = (min(1024, value.shape[0]),) + value.shape[1:]
            g.create_dataset(key, data=value, maxshape=(None,) + value.shape[1:], chunks=chunks)


def run_info(path, seed="1"):
    return io.RunInfo(path=Path(path), scenario_name="synthetic", scenario_text="",
                      scenario_sha256="", seed=seed, software="test", trials=0,
                      start_year=int(YEARS[0]), end_year=int(YEARS[-1]), core_target_pct=3.5,
                      total_target_pct=5.0, target_year=2035, review_year=2029,
                      has_trials=True)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    path = tmp_path_factory.mktemp("drivers") / "t.h5"
    write_trials(path, synthetic_trials(4000, MEMBERS, YEARS), MEMBERS, YEARS)
    return path


def test_planted_member_driver_ranks_first(planted):
    data = drivers.derive(planted, run_info(planted), "DEU")
    assert data.n == 4000
    r = drivers.rank_drivers(data, "member")
    best = drivers.top(r, 1)[0]
    assert r.labels[best].startswith("POL growth")
    assert r.lo[best] > 0.2, (r.rho[best], r.lo[best], r.hi[best])
    fra = r.labels.index(next(label for label in r.labels if label.startswith("FRA growth")))
    assert r.lo[fra] < 0 < r.hi[fra], (r.rho[fra], r.lo[fra], r.hi[fra])
    # ISL has no armed forces: its inputs are left out, its NaN will not propagated
    assert not any(label.startswith("ISL") for label in r.labels)
    assert np.isfinite(r.rho).all()


def test_planted_alliance_driver_ranks_first(planted):
    data = drivers.derive(planted, run_info(planted), "DEU")
    r = drivers.rank_drivers(data, "alliance")
    best = drivers.top(r, 1)[0]
    assert r.labels[best].startswith("threat shocks")
    assert r.lo[best] > 0
    count = drivers.rank_drivers(data, "count")
    assert not count.binary and np.isfinite(count.rho).any()


def test_spearman_matches_scipy_and_is_seeded():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(500, 3))
    y = (x[:, 0] + rng.normal(size=500) > 0).astype(float)
    rho, lo, hi = drivers.spearman_bootstrap(x, y, resamples=100, seed=5)
    for j in range(3):
        assert rho[j] == pytest.approx(spearmanr(x[:, j], y)[0], abs=1e-12)
    assert (lo <= rho).all() and (rho <= hi).all()
    again = drivers.spearman_bootstrap(x, y, resamples=100, seed=5)
    assert np.array_equal(lo, again[1]) and np.array_equal(hi, again[2])
    flat = drivers.spearman_bootstrap(x, np.ones(500), resamples=10)
    assert np.isnan(flat[0]).all()


def test_blockwise_reading_gives_same_inputs(planted):
    whole = drivers.derive(planted, run_info(planted), "DEU", block=10**6)
    blocks = drivers.derive(planted, run_info(planted), "DEU", block=999)
    assert np.array_equal(whole.X, blocks.X, equal_nan=True)
    capped = drivers.derive(planted, run_info(planted), "DEU", max_trials=1500, block=999)
    assert capped.n == 1500
