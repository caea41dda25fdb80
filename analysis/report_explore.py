"""The report's sensitivity page for a `simulate explore` file (docs/EXPLORE.md, docs/ANALYSIS.md):
Sobol indices of the headline outcomes (Saltelli designs), PRIM on one outcome (trade-off curve
and box limits) and the "what would it take" table per member. Called by analysis.report when
its file has the root attribute kind = "explore"."""
from __future__ import annotations

from html import escape

import numpy as np

from analysis import discover, figures_explore, html_page, prim, sensitivity, what_it_takes
from analysis.explore_io import OUTCOMES

DEFAULT_OUTCOME = "alliance_p_core_target >= 0.5"


def _sobol(e, draws, figures, body, subtitle, out):
    if e.saltelli_matrix is None:
        body.append('<p class="note">No Sobol indices: they need a Saltelli design '
                    '(simulate explore --design saltelli); this file is '
                    f"{escape(e.design)}.</p>")
        return
    results = [sensitivity.analyse(e, name, draws) for name in OUTCOMES]
    figures.append(figures_explore.sobol_bars(results, e.keys, subtitle, out))
    body.append(html_page.figure_html(figures[-1]))
    for r in results:
        if not r["variance"] > 0:
            body.append(f'<p class="note">{escape(r["outcome"])}: the same in every experiment; '
                        "no indices (the varied keys do not move it over these ranges).</p>")
            continue
        rows = []
        for i in np.argsort(-np.nan_to_num(r["total"], nan=-1)):
            rows.append([e.keys[i], f"{r['first'][i]:.3f}",
                         f"[{r['ci_first'][0, i]:.3f}, {r['ci_first'][1, i]:.3f}]",
                         f"{r['total'][i]:.3f}",
                         f"[{r['ci_total'][0, i]:.3f}, {r['ci_total'][1, i]:.3f}]"])
        noise = r["mc_noise_share"]
        caption = (f"{r['outcome']}: variance across experiments {r['variance']:.4g}"
                   + ("" if np.isnan(noise) else f", Monte Carlo noise share {noise:.3f}"))
        body.append(html_page.table(["key", "S_i", "95 % CI", "ST_i", "95 % CI"], rows,
                                    "sobol", caption))


def _prim(e, outcome, threshold, figures, body, subtitle, out):
    y = e.condition(outcome)
    x = e.values
    body.append(f'<p class="note">Scenario discovery: \'{escape(outcome)}\' holds in '
                f"{int(y.sum())} of {len(y)} experiments.</p>")
    if y.all() or not y.any():
        body.append('<p class="note">It holds in all or none of them: no box to find.</p>')
        return
    trajectory, box = discover.find_box(x, y, threshold)
    figures.append(figures_explore.tradeoff(trajectory, box, outcome, subtitle, out))
    figures.append(figures_explore.box_limits(box, x, e.keys, prim.quasi_p_values(box, x, y),
                                              outcome, subtitle, out))
    body += [html_page.figure_html(f) for f in figures[-2:]]
    body.append(f'<p class="box">In words: {escape(discover.box_in_words(box, e.keys, x, outcome, e.categories))}'
                "</p>")


def _what_it_takes(e, level, threshold, body, out):
    rows = what_it_takes.table(e, "p_reached", level, threshold)
    what_it_takes.write_csv(rows, out / "what_it_takes.csv", "p_reached", level)
    cells = []
    for r in rows:
        box = r.status == "box"
        cells.append([r.member, f"{r.counting} of {r.experiments}", r.in_words("p_reached", level),
                      f"{r.density:.2f}" if box else "", f"{r.coverage:.2f}" if box else "",
                      str(r.mass) if box else ""])
    t, ty = e.attrs.get("core_target_pct"), e.attrs.get("target_year")
    body.append(html_page.table(
        ["member", f"experiments with P(reached) >= {level:g}", "conditions on the varied keys",
         "density", "coverage", "experiments in box"], cells, "what-it-takes",
        f"What would it take: P(core >= {t:g} % in some year up to {ty}) >= {level:g}"))


def page(e, args, out):
    """Writes the figures and DIR/report.html; returns the page's path."""
    subtitle = (f"{e.attrs.get('scenario_name')}: {e.design} design, {len(e.values)} experiments"
                f" x {e.attrs.get('trials')} trials")
    figures, body = [], []
    title = f"Exploration of scenario '{e.attrs.get('scenario_name')}'"
    body.append(f"<h1>{escape(title)}</h1>")
    meta = [f"File {args.results.name}: {e.design} design, seed {e.attrs.get('seed')}, "
            f"{len(e.values)} experiments x {e.attrs.get('trials')} trials, "
            f"{e.attrs.get('shard')}; {e.attrs.get('software_version')}.",
            "Varied: " + "; ".join(str(e.attrs.get("vary", "")).splitlines()) + "."]
    body += [f'<p class="meta">{escape(m)}</p>' for m in meta]
    body.append("<h2>Sensitivity: Sobol indices</h2>")
    _sobol(e, args.resamples, figures, body, subtitle, out)
    body.append("<h2>Scenario discovery: PRIM</h2>")
    _prim(e, args.outcome or DEFAULT_OUTCOME, args.threshold, figures, body, subtitle, out)
    body.append("<h2>What would it take, per member</h2>")
    _what_it_takes(e, args.level, args.threshold, body, out)
    body.append('<p class="note">Per member with armed forces: the experiments where its '
                "probability of reaching the core target by the target year is at least the "
                "level, and the box of the varied keys (PRIM, density threshold "
                f"{args.threshold:g}) where that holds; density = share of the box's experiments "
                "where it holds, coverage = share of those experiments inside the box. "
                "Categorical keys by category index (the --vary order). Also in "
                "what_it_takes.csv. Each experiment's probabilities carry Monte Carlo error "
                "(see the file's _se variables).</p>")
    path = out / "report.html"
    path.write_text(html_page.document(title, body), encoding="utf-8")
    return path
