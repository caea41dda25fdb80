"""The self-contained HTML report: headline tables and figures embedded as base64 data URIs.
No external CSS, JavaScript, fonts or images: the page opens offline."""
from __future__ import annotations

import base64
from html import escape

from analysis.io import fixed

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       max-width: 1250px; margin: 1.5em auto; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
p.meta { color: #555; font-size: 0.9em; margin-top: 0; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.6em 0; }
th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e3e3e3; text-align: right; }
th { background: #f3f3f3; }
td.iso3, td.name, th.name { text-align: left; }
td.none { text-align: center; color: #777; font-style: italic; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #333; margin-top: 0.3em; }
.note { font-size: 0.9em; color: #555; }
"""


def year_text(year: int) -> str:
    return "never" if year == 0 else str(year)


def headline_table(h, caption: str) -> str:
    t = fixed(h.core_target_pct, 1)
    ty = h.target_year
    out = [f'<table class="headline" data-scenario="{escape(h.scenario)}">',
           f"<caption>{escape(caption)}</caption>",
           f'<thead><tr><th>ISO3</th><th class="name">member</th>'
           f"<th>P(reached {t} % by {ty})</th><th>&plusmn; s.e.</th>"
           f"<th>P(core &ge; {t} % in {ty})</th><th>&plusmn; s.e.</th>"
           f"<th>median first year at {t} %</th><th>median {ty} core share, % of GDP</th>"
           f"<th>reached via a compliance jump, share</th>"
           f"</tr></thead><tbody>"]
    for r in h.rows:
        out.append(f'<tr data-iso3="{escape(r.iso3)}"><td class="iso3">{escape(r.iso3)}</td>'
                   f'<td class="name">{escape(r.name)}</td>')
        if not r.armed:
            out.append('<td class="none" colspan="7">no armed forces</td></tr>')
            continue
        out.append(f'<td class="p_reached">{fixed(r.p_reached, 4)}</td>'
                   f'<td class="p_reached_se">{fixed(r.p_reached_se, 4)}</td>'
                   f'<td class="p">{fixed(r.p_core_target, 4)}</td>'
                   f'<td class="se">{fixed(r.p_core_target_se, 4)}</td>'
                   f'<td class="year">{year_text(r.median_first_year)}</td>'
                   f'<td class="share">{fixed(r.median_core_share_pct, 2)}</td>'
                   f'<td class="jump">{fixed(r.share_reached_by_jump, 4)}</td></tr>')
    out.append("</tbody></table>")
    out.append('<table class="alliance"><tbody>')
    alliance = [
        ("median_share_pct", f"alliance median core share {ty}, % of GDP",
         fixed(h.alliance_share_median_pct, 2)),
        ("p_core_target", f"P(alliance core share &ge; {t} % in {ty})",
         fixed(h.p_alliance_core_target, 4)),
        ("mean_members_at_core_target", f"members at {t} % in {ty} (mean)",
         fixed(h.members_at_core_target_mean, 2)),
        ("median_spending_usd_bn", f"alliance median core spending {ty}, US$ bn (constant)",
         fixed(h.alliance_spending_median_usd_bn, 0)),
        ("median_us_share_pct", f"median US share of alliance spending {ty}, %",
         fixed(h.us_share_median_pct, 1)),
    ]
    for key, label, value in alliance:
        out.append(f'<tr data-key="{key}"><th class="name">{label}</th><td>{value}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def figure_html(fig) -> str:
    data = base64.b64encode(fig.path.read_bytes()).decode("ascii")
    return (f'<figure id="{escape(fig.path.stem)}"><img alt="{escape(fig.title)}" '
            f'src="data:image/png;base64,{data}">'
            f"<figcaption><b>{escape(fig.title)}.</b> {escape(fig.caption)}</figcaption>"
            f"</figure>")


def page(title: str, meta: list, headlines: list, figures: list, notes: list,
         headline_note: str = "") -> str:
    """headlines: [(Headline, caption)]; figures: [Figure]; meta, notes: plain-text lines."""
    body = [f"<h1>{escape(title)}</h1>"]
    body += [f'<p class="meta">{escape(line)}</p>' for line in meta]
    body.append("<h2>Headline</h2>")
    body += [headline_table(h, caption) for h, caption in headlines]
    if headline_note:
        body.append(f'<p class="note">{escape(headline_note)}</p>')
    body.append("<h2>Figures</h2>")
    body += [figure_html(f) for f in figures]
    if notes:
        body.append("<h2>Notes</h2>")
        body += [f'<p class="note">{escape(n)}</p>' for n in notes]
    return document(title, body)


def document(title: str, body: list) -> str:
    """The whole page around body (HTML fragments), with the inline style sheet."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _cell(tag: str, first: bool, text) -> str:
    cls = ' class="name"' if first else ""
    return f"<{tag}{cls}>{escape(str(text))}</{tag}>"


def table(header: list, rows: list, css_class: str, caption: str = "") -> str:
    """A plain table of text cells (escaped); the first column left-aligned."""
    out = [f'<table class="{escape(css_class)}">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(_cell("th", i == 0, h) for i, h in enumerate(header))
               + "</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(_cell("td", i == 0, c) for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)
