"""Small server-side SVG charts: no scripts, no CDN, a few hundred bytes per chart.

Plain Python. Every chart is paired with a table of the same figures in the template, so screen
readers and people on slow connections get the numbers directly.
"""

from __future__ import annotations

from html import escape

BAR = 22
GAP = 6
LABEL_W = 170
BAR_W = 300
VALUE_W = 70


def bars(rows: list[tuple[str, float]], *, title: str, color: str = "#0b6e4f") -> str:
    """Horizontal bars, one per (label, value) row, longest = largest value."""
    top = max([v for _l, v in rows] or [0]) or 1
    height = max(1, len(rows)) * (BAR + GAP)
    width = LABEL_W + BAR_W + VALUE_W
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = i * (BAR + GAP)
        w = 0 if value <= 0 else max(2, round(BAR_W * value / top))
        text = escape(str(label))
        short = text if len(str(label)) <= 24 else escape(str(label)[:23]) + "…"
        out.append(
            f"<g><title>{text}: {value:g}</title>"
            f'<text x="{LABEL_W - 6}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#1d2330">{short}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR}" rx="3" fill="{color}"/>'
            f'<text x="{LABEL_W + w + 6}" y="{y + 16}" font-size="13" fill="#1d2330">'
            f"{value:g}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def funnel(steps: list[tuple[str, int]], *, title: str) -> str:
    """Centred bars narrowing from the first step, the count inside each."""
    top = max([v for _l, v in steps] or [0]) or 1
    width, row = 520, 34
    height = max(1, len(steps)) * row
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="chart funnel">',
        f"<title>{escape(title)}</title>",
    ]
    inner = width - 160
    for i, (label, value) in enumerate(steps):
        w = max(2, round(inner * value / top)) if value > 0 else 2
        x = 160 + (inner - w) / 2
        y = i * row
        out.append(
            f"<g><title>{escape(str(label))}: {value}</title>"
            f'<text x="150" y="{y + 21}" text-anchor="end" font-size="13" fill="#1d2330">'
            f"{escape(str(label))}</text>"
            f'<rect x="{x:.1f}" y="{y + 2}" width="{w}" height="{row - 6}" rx="3" '
            f'fill="#23875f"/><text x="{160 + inner / 2:.1f}" y="{y + 21}" '
            f'text-anchor="middle" font-size="13" fill="#1d2330" font-weight="700">{value}</text>'
            "</g>"
        )
    out.append("</svg>")
    return "".join(out)
