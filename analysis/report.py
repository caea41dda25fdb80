"""Turn a results file into a briefing: PNG figures and one self-contained HTML page.

    /usr/bin/python3 -m analysis.report RESULTS.h5 [B.h5] -o DIR [--trials-file T.h5]
                                        [--member ISO3] [--resamples N] [--max-trials N]
    /usr/bin/python3 -m analysis.report EXPLORE.h5 -o DIR [--outcome COND] [--level P]
                                        [--threshold D] [--resamples N]

Writes DIR/*.png and DIR/report.html (figures embedded; opens offline); with --trials-file
also DIR/drivers.csv. A file of `simulate explore` (root attribute kind = "explore") gets the
sensitivity page instead (analysis/report_explore.py) and DIR/what_it_takes.csv. What each
figure shows: docs/ANALYSIS.md.
Exit codes: 0 success, 2 bad input (not a results file, unknown member, ...), 1 I/O failure.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import compare, drivers, explore_io, figures_alliance, figures_compare
from analysis import figures_drivers, figures_members, html_page, io, report_explore

EXPLORE_RESAMPLES = 1000


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python3 -m analysis.report",
                                description="Figures and an HTML report from simulate results.")
    p.add_argument("results", type=Path, help="results file (A)")
    p.add_argument("other", type=Path, nargs="?", help="second results file (B) to compare, B - A")
    p.add_argument("-o", "--output", type=Path, required=True, help="output directory")
    p.add_argument("--trials-file", type=Path,
                   help="results file with a /trials group (simulate --save-trials): drivers")
    p.add_argument("--member", default="DEU", help="member for the drivers figure (ISO3)")
    p.add_argument("--resamples", type=int,
                   help=f"bootstrap resamples for the drivers intervals (default "
                        f"{drivers.RESAMPLES}) or the Sobol intervals of an explore file "
                        f"(default {EXPLORE_RESAMPLES})")
    p.add_argument("--max-trials", type=int, default=drivers.MAX_TRIALS,
                   help="at most this many trials enter the drivers analysis (default "
                        "%(default)s)")
    p.add_argument("--outcome", help="explore file: the condition PRIM explains (default "
                                     f"'{report_explore.DEFAULT_OUTCOME}')")
    p.add_argument("--level", type=float, default=0.5,
                   help="explore file: the P(reached) level of the what-would-it-take table "
                        "(default %(default)s)")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="explore file: minimum density of PRIM's boxes (default %(default)s)")
    return p.parse_args(argv)


def member_figures(ds, info, out):
    member_plans = io.core_plans(ds)
    return [
        figures_members.fan_charts(ds, info, member_plans, out),
        figures_members.heatmap(ds, info, out),
        figures_members.first_year_bars(ds, info, out),
        figures_alliance.alliance(ds, info, out),
        figures_alliance.us_share(ds, info, out),
        figures_members.review_bars(ds, info, out),
    ]


def check_trials_file(args, ds):
    """Fails early, before any figure is drawn, on a bad --trials-file or --member."""
    info = io.read_run_info(args.trials_file)
    if not info.has_trials:
        raise ValueError(f"{args.trials_file}: no /trials group (write it with "
                         f"simulate --save-trials)")
    if args.member not in io.armed_members(ds):
        raise ValueError(f"--member {args.member}: not a member with armed forces in "
                         f"{args.results}")
    return info


def driver_figures(args, info, out):
    data = drivers.derive(args.trials_file, info, args.member, max_trials=args.max_trials)
    rankings = [drivers.rank_drivers(data, key, resamples=args.resamples)
                for key in ("alliance", "count", "member")]
    drivers.write_csv(rankings, out / "drivers.csv")
    names = ["alliance", "members_at_target", args.member]
    return [figures_drivers.tornado(r, info, out, n) for r, n in zip(rankings, names)]


def run_explore(args) -> Path:
    if args.other is not None or args.trials_file is not None:
        raise ValueError(f"{args.results} is a file of simulate explore: it is reported alone "
                         "(no second file, no --trials-file)")
    exploration = explore_io.read_exploration(args.results)
    if args.resamples is None:
        args.resamples = EXPLORE_RESAMPLES
    args.output.mkdir(parents=True, exist_ok=True)
    return report_explore.page(exploration, args, args.output)


def run(args) -> Path:
    if explore_io.is_exploration(args.results):
        return run_explore(args)
    if args.resamples is None:
        args.resamples = drivers.RESAMPLES
    out = args.output
    out.mkdir(parents=True, exist_ok=True)
    info = io.read_run_info(args.results)
    ds = io.open_summary(args.results)
    args.member = args.member.upper()
    trials_info = check_trials_file(args, ds) if args.trials_file is not None else None
    headlines = [(io.make_headline(ds, info), f"A: {args.results.name} ({info.label})")]
    figures = member_figures(ds, info, out)
    notes = []
    if args.other is not None:
        info_b = io.read_run_info(args.other)
        ds_b = io.open_summary(args.other)
        headlines.append((io.make_headline(ds_b, info_b),
                          f"B: {args.other.name} ({info_b.label})"))
        result = compare.compare(args.results, args.other)
        figures.append(figures_compare.comparison(result, ds, info, info_b, out))
    if args.trials_file is not None:
        figures += driver_figures(args, trials_info, out)
        notes.append(
            f"Drivers ({args.trials_file.name}): Spearman rank correlation of each sampled "
            f"input with the outcome, percentile-bootstrap 95 % intervals ({args.resamples} "
            f"resamples, seeded). These are associations, not causal effects: inputs are "
            f"correlated (GDP growth shares a common factor, so every member's growth proxies "
            f"it; will responds to elections, threats and recessions), a share rises when GDP "
            f"growth is low (the denominator effect), and with over 100 inputs a few "
            f"intervals exclude 0 by chance. Full table: drivers.csv; method: docs/ANALYSIS.md.")
    t, ty = f"{info.core_target_pct:g} %", info.target_year
    headline_note = (
        f"P(reached {t} by {ty}): core share at or above {t} of GDP in some year up to {ty}; "
        f"P(core >= {t} in {ty}): in {ty} itself (lower where a GDP surprise pushes a plan that "
        f"lands exactly on {t} below it). A share meets the target as NATO publishes it, "
        f"rounded to 2 decimals. Median first year: the first year whose cumulative "
        f"probability reaches 0.5 ('never': not by {info.end_year}). The same numbers as "
        f"simulate summary, computed from the /summary group; +- s.e. is the Monte Carlo "
        f"standard error. Reached via a compliance jump: of the trials reaching the target, the "
        f"share whose first year at it was a deadline or review compliance jump, partly "
        f"reclassification (model v2; 0 in v1). What the odds are conditional on: the scenario's calibration file (fitted "
        f"only on data up to its origin), its threat-regime and US-pressure assumptions, the "
        f"national plans it lists and the priors of docs/MODEL.md v2.5; the Monte Carlo "
        f"error above does not include doubt about the model's structure. How the model "
        f"scores on past pledges: docs/VALIDATION.md.")
    meta = [f"File {args.results.name}: {info.label}, seed {info.seed}, {info.software}.",
            f"Targets: core >= {info.core_target_pct:g} % of GDP (total "
            f"{info.total_target_pct:g} %) by {info.target_year}, review {info.review_year}; "
            f"horizon {info.start_year}-{info.end_year}."]
    title = f"Defence-spending ramp-up: scenario '{info.scenario_name}'"
    page = html_page.page(title, meta, headlines, figures, notes, headline_note)
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        path = run(args)
    except (ValueError, KeyError) as e:
        print(f"analysis.report: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"analysis.report: error: {e}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
