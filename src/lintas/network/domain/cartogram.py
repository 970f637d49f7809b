"""A tile-grid cartogram of China and the eleven ASEAN members, drawn as inline SVG.

Plain Python (no Django): one square per country at a fixed, roughly geographic position, so the
region reads at a glance on any connection with no map tiles or scripts. Shade follows the
count; the number is printed in every tile, and the caller shows the same figures in a table.
"""

from __future__ import annotations

from html import escape

# (column, row) of each tile: China to the north, mainland South-East Asia below it, the
# Philippines to the east, the maritime states to the south.
TILES: dict[str, tuple[int, int]] = {
    "CN": (2, 0),
    "MM": (1, 1),
    "LA": (2, 1),
    "VN": (3, 1),
    "TH": (1, 2),
    "KH": (2, 2),
    "PH": (4, 2),
    "MY": (1, 3),
    "BN": (3, 3),
    "SG": (1, 4),
    "ID": (2, 4),
    "TL": (3, 4),
}
TILE = 76
GAP = 6
# Light to dark green; the first shade is for zero.
SHADES = ["#eef1f5", "#cfe8dc", "#9fd1b9", "#5fb08f", "#23875f", "#0b5e42"]


def shade(value: int, top: int) -> str:
    if value <= 0 or top <= 0:
        return SHADES[0]
    step = 1 + min(len(SHADES) - 2, int((value / top) * (len(SHADES) - 1) - 1e-9))
    return SHADES[step]


def svg(counts: dict[str, int], *, names: dict[str, str], title: str) -> str:
    """Return the SVG markup. ``counts`` maps country codes to numbers (missing = 0); ``names``
    maps codes to the localised country names used in tooltips and the accessible label."""
    top = max([counts.get(code, 0) for code in TILES] or [0])
    cols = max(c for c, _r in TILES.values()) + 1
    rows = max(r for _c, r in TILES.values()) + 1
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="cartogram">',
        f"<title>{escape(title)}</title>",
    ]
    for code, (col, row) in TILES.items():
        value = counts.get(code, 0)
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        fill = shade(value, top)
        ink = "#fff" if fill in SHADES[3:] else "#1d2330"
        label = escape(names.get(code, code))
        parts.append(
            f'<g data-country="{code}"><title>{label}: {value}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="6" fill="{fill}" '
            'stroke="#b9c1cc"/>'
            f'<text x="{x + TILE / 2}" y="{y + 30}" text-anchor="middle" font-size="16" '
            f'font-weight="700" fill="{ink}">{code}</text>'
            f'<text x="{x + TILE / 2}" y="{y + 56}" text-anchor="middle" font-size="20" '
            f'fill="{ink}">{value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
