"""Reading results files (docs/FORMAT.md): root attributes, the `/summary` group, the headline
table, and the optional per-trial `/trials` group in bounded-memory blocks.

The headline is computed from `/summary` exactly as `simulate summary` computes it from the
accumulators (sim/results/headline.cpp):
  P(reached by target)  = sum of first_year_core_prob over the years up to the target year
  P(core >= target)     = p_core_target at the target year
  median first year     = the smallest first_year k whose cumulative count reaches half the
                          trials (2 * cumulative >= n, in integers); 'never' if that is the last
  median target share   = core_share_quantile at quantile 0.5 and the target year
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import xarray as xr

FORMAT_VERSION = 1
TRIALS_BLOCK = 8192  # trials read per block from /trials
# A share meets a target as NATO publishes it, rounded to 2 decimals: share >= target - 0.005.
# The model owns this rule (models/outcomes.h) and judges its own outcomes: results carry the
# verdicts (/summary p_*, /trials/at_core_target). Python applies it only to observed data
# (validation), with the tolerance the results file records (/summary target_tolerance_pp);
# tests/python/test_report.py checks this mirror against it.
TARGET_TOLERANCE_PP = 0.005


class DamagedResultsError(ValueError):
    """Stored bytes of a results file fail their checksum (docs/FORMAT.md "Integrity"): every
    variable carries HDF5's Fletcher-32 checksum, which h5py and netCDF check as they read, and
    a compressed chunk also zlib's own (a damaged one fails to inflate).
    The message is 'damaged results file: FILE: VARIABLE', as simulate's; CLIs exit 2."""

    def __init__(self, path, variable):
        super().__init__(f"damaged results file: {path}: {variable}")
        self.path, self.variable = str(path), variable


def read(path, dataset, selection=()):
    """dataset[selection], raising DamagedResultsError if HDF5 reports a failed checksum
    (h5py: OSError 'Can't read data (filter returned failure during read)') or a compressed
    chunk that does not decompress ('Can't read data (inflate() failed)')."""
    try:
        return dataset[selection]
    except OSError as e:
        text = str(e)
        if not any(m in text.lower() for m in ("checksum", "filter returned failure", "inflate()")):
            raise
        raise DamagedResultsError(path, dataset.name) from e


def verify(path, block_bytes: int = 4 << 20):
    """Reads every variable of the file once, in blocks of about `block_bytes` (memory stays
    bounded); raises DamagedResultsError naming the first damaged variable."""
    with h5py.File(path, "r") as f:
        datasets = []
        f.visititems(lambda name, obj: datasets.append(obj) if isinstance(obj, h5py.Dataset)
                     else None)
        for d in datasets:
            if d.shape is None or d.size == 0:
                continue
            if d.ndim == 0:
                read(path, d)
                continue
            row = max(1, d.dtype.itemsize * int(np.prod(d.shape[1:])))
            step = max(1, block_bytes // row)
            for b in range(0, d.shape[0], step):
                read(path, d, np.s_[b:b + step])


def meets(share_pct, target_pct):
    """For observed shares only (validation); simulated outcomes come judged by the model."""
    return np.asarray(share_pct) >= target_pct - TARGET_TOLERANCE_PP


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value[()])
    return str(value)


@dataclass
class RunInfo:
    """The root attributes a report needs (docs/FORMAT.md, 'Root attributes')."""

    path: Path
    scenario_name: str
    scenario_text: str
    scenario_sha256: str
    seed: str
    software: str
    trials: int            # trials in this file: trial_end - trial_begin
    start_year: int
    end_year: int
    core_target_pct: float
    total_target_pct: float
    target_year: int
    review_year: int
    has_trials: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def overrides(self) -> list:
        """The `--set KEY=VALUE` overrides recorded in scenario_text."""
        mark = "# --- set: "
        return [line[len(mark):] for line in self.scenario_text.splitlines()
                if line.startswith(mark)]

    @property
    def label(self) -> str:
        sets = "".join(f" --set {s}" for s in self.overrides)
        if len(sets) > 80:
            sets = f" with {len(self.overrides)} --set overrides"
        return f"scenario '{self.scenario_name}'{sets}, {self.trials:,} trials"


def read_run_info(path) -> RunInfo:
    path = Path(path)
    with h5py.File(path, "r") as f:
        a = f.attrs
        version = int(a.get("format_version", -1))
        if version != FORMAT_VERSION:
            raise ValueError(f"{path}: format_version {version}, this reader knows "
                             f"{FORMAT_VERSION} (docs/FORMAT.md)")
        if "summary" not in f:
            raise ValueError(f"{path}: no /summary group; is this a simulate results file?")
        return RunInfo(
            path=path,
            scenario_name=_text(a["scenario_name"]),
            scenario_text=_text(a.get("scenario_text", "")),
            scenario_sha256=_text(a.get("scenario_sha256", "")),
            seed=_text(a.get("seed", "")),
            software=_text(a.get("source", "")),
            trials=int(a["trial_end"]) - int(a["trial_begin"]),
            start_year=int(a["start_year"]),
            end_year=int(a["end_year"]),
            core_target_pct=float(a["core_target_pct"]),
            total_target_pct=float(a["total_target_pct"]),
            target_year=int(a["target_year"]),
            review_year=int(a["review_year"]),
            has_trials="trials" in f,
        )


def open_summary(path) -> xr.Dataset:
    """The `/summary` group, loaded into memory (it is small: kilobytes per member); raises
    DamagedResultsError naming the variable whose checksum fails."""
    try:
        with xr.open_dataset(path, group="summary") as ds:
            ds = ds.load()
    except (OSError, RuntimeError):
        with h5py.File(path, "r") as f:  # which variable? netCDF only says "HDF error"
            for d in f["summary"].values():
                if isinstance(d, h5py.Dataset):
                    read(path, d)
        raise
    coords = {}
    for name in ("member", "first_year"):
        coords[name] = (name, [_text(v) for v in ds[name].values], dict(ds[name].attrs))
    return ds.assign_coords(coords)


def member_names(ds: xr.Dataset) -> dict:
    codes = [str(m) for m in ds["member"].values]
    names = str(ds["member"].attrs.get("member_names", "")).split("|")
    if len(names) != len(codes):
        names = codes
    return dict(zip(codes, names))


def armed_members(ds: xr.Dataset) -> list:
    return [str(m) for m, a in zip(ds["member"].values, ds["armed_forces"].values) if a != 0]


def core_plans(ds: xr.Dataset):
    """{iso3: (planned core share % of GDP by year, announced?)} for members with armed forces,
    as simulate recorded them (/summary core_plan, core_plan_announced); None for files written
    before plans were recorded."""
    if "core_plan" not in ds:
        return None
    return {m: (ds["core_plan"].sel(member=m).values,
                bool(ds["core_plan_announced"].sel(member=m)))
            for m in armed_members(ds)}


def target_year_in(ds: xr.Dataset, info: RunInfo) -> int:
    """The headline's target year (clamped to the horizon by simulate: /summary target_year)."""
    return int(ds.attrs["target_year"])


# --- headline ---------------------------------------------------------------------------------

@dataclass
class HeadlineRow:
    iso3: str
    name: str
    armed: bool
    p_reached: float = float("nan")     # P(first year at target <= target year)
    p_reached_se: float = float("nan")
    p_core_target: float = float("nan")  # P(core >= target in the target year)
    p_core_target_se: float = float("nan")
    median_first_year: int = 0  # 0 = not by the horizon ('never')
    median_core_share_pct: float = float("nan")
    share_reached_by_jump: float = float("nan")  # of those reaching it, first by a jump (v2)


@dataclass
class Headline:
    scenario: str
    trials: int
    target_year: int
    core_target_pct: float
    rows: list
    alliance_share_median_pct: float
    p_alliance_core_target: float
    members_at_core_target_mean: float
    alliance_spending_median_usd_bn: float
    us_share_median_pct: float


def make_headline(ds: xr.Dataset, info: RunInfo) -> Headline:
    """The headline as simulate computed it (/summary; sim/results/headline.cpp): read, not
    re-derived."""
    ty = target_year_in(ds, info)
    names = member_names(ds)
    rows = []
    for m, armed in zip(ds["member"].values, ds["armed_forces"].values):
        m = str(m)
        row = HeadlineRow(m, names[m], bool(armed != 0))
        if row.armed and info.trials > 0:
            row.p_reached = float(ds["p_reached"].sel(member=m))
            row.p_reached_se = float(ds["p_reached_se"].sel(member=m))
            row.p_core_target = float(ds["p_core_target"].sel(member=m, year=ty))
            row.p_core_target_se = float(ds["p_core_target_se"].sel(member=m, year=ty))
            row.median_first_year = int(ds["median_first_year"].sel(member=m))
            row.median_core_share_pct = float(
                ds["core_share_quantile"].sel(member=m, year=ty, quantile=0.5))
            if "share_reached_by_jump" in ds:  # files written before model v2 lack it
                row.share_reached_by_jump = float(ds["share_reached_by_jump"].sel(member=m))
        rows.append(row)
    at = dict(year=ty)
    return Headline(
        scenario=info.scenario_name, trials=info.trials, target_year=ty,
        core_target_pct=info.core_target_pct, rows=rows,
        alliance_share_median_pct=float(ds["alliance_share_quantile"].sel(**at, quantile=0.5)),
        p_alliance_core_target=float(ds["p_alliance_core_target"].sel(**at)),
        members_at_core_target_mean=float(ds["members_at_core_target_mean"].sel(**at)),
        alliance_spending_median_usd_bn=float(
            ds["alliance_spending_quantile"].sel(**at, quantile=0.5)),
        us_share_median_pct=float(ds["us_share_quantile"].sel(**at, quantile=0.5)),
    )


def fixed(x: float, digits: int) -> str:
    """As the C++ `fixed()`: 'n/a' for NaN, else printf %.*f."""
    return "n/a" if not np.isfinite(x) else f"{x:.{digits}f}"


# --- /trials ----------------------------------------------------------------------------------

@dataclass
class TrialsLayout:
    members: list
    years: np.ndarray
    n: int
    variables: list


def trials_layout(path) -> TrialsLayout:
    with h5py.File(path, "r") as f:
        if "trials" not in f:
            raise ValueError(f"{path}: no /trials group (write it with simulate --save-trials)")
        g = f["trials"]
        members = [_text(m) for m in read(path, g["member"])]
        years = np.asarray(read(path, g["year"]), dtype=np.int64)
        n = int(g["trial_id"].shape[0])
        variables = [k for k in g.keys() if k not in ("member", "year", "trial")]
        return TrialsLayout(members, years, n, variables)


def trials_members(path, layout: TrialsLayout):
    """(armed: bool array, gdp_base_usd_bn: float array or None) for the /trials members, from
    /trials/armed_forces (as simulate --save-trials writes it), else /summary, else armed =
    'core share not all NaN' in the first block."""
    with h5py.File(path, "r") as f:
        for group in ("trials", "summary"):
            g = f.get(group)
            if g is None or "armed_forces" not in g or "member" not in g:
                continue
            ids = [_text(m) for m in read(path, g["member"])]
            armed = dict(zip(ids, read(path, g["armed_forces"])))
            gdp = (dict(zip(ids, read(path, g["gdp_base_usd_bn"])))
                   if "gdp_base_usd_bn" in g else None)
            if all(m in armed for m in layout.members):
                return (np.array([armed[m] != 0 for m in layout.members]),
                        np.array([float(gdp[m]) for m in layout.members]) if gdp else None)
        core = read(path, f["trials/core_share"], np.s_[:TRIALS_BLOCK])
        return np.isfinite(core).any(axis=(0, 2)), None


def iter_trial_blocks(path, names, block: int = TRIALS_BLOCK, limit: int | None = None):
    """Yields dicts {name: array for trials [b, e)} of the /trials variables `names`, `block`
    trials at a time (at most `limit` trials in all), so memory stays bounded."""
    with h5py.File(path, "r") as f:
        g = f["trials"]
        missing = [k for k in names if k not in g]
        if missing:
            raise ValueError(f"{path}: /trials lacks {', '.join(missing)}")
        n = int(g["trial_id"].shape[0])
        if limit is not None:
            n = min(n, int(limit))
        for b in range(0, n, block):
            e = min(n, b + block)
            yield {k: read(path, g[k], np.s_[b:e]) for k in names}
