"""The cartogram is plain Python: no database needed."""

import xml.etree.ElementTree as ET

from lintas.network.domain import cartogram

NAMES = {code: code for code in cartogram.TILES}


def test_cartogram_has_one_tile_per_focus_country():
    out = cartogram.svg({"CN": 3, "ID": 1}, names=NAMES, title="Members")
    root = ET.fromstring(out)
    groups = root.findall("{http://www.w3.org/2000/svg}g")
    assert sorted(g.get("data-country") for g in groups) == sorted(cartogram.TILES)
    assert len(cartogram.TILES) == 12


def test_cartogram_prints_counts_and_zero_for_missing():
    out = cartogram.svg({"CN": 7}, names=NAMES, title="t")
    assert "CN: 7" in out
    assert "TL: 0" in out


def test_cartogram_escapes_names_and_title():
    out = cartogram.svg({}, names={"CN": "<China>"}, title='a "b" <c>')
    ET.fromstring(out)  # still well-formed
    assert "&lt;China&gt;" in out


def test_shade_zero_and_top_are_lightest_and_darkest():
    assert cartogram.shade(0, 10) == cartogram.SHADES[0]
    assert cartogram.shade(10, 10) == cartogram.SHADES[-1]
    assert cartogram.shade(1, 10) == cartogram.SHADES[1]
