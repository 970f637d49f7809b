"""Every shipped catalogue is complete, compiles, and its compiled .mo is the one in the tree.

The languages come from settings.LANGUAGES (English is the source language), so a language
added there without catalogues fails here. Catalogues are found on disk, so a new app's
locale folder is checked as soon as it exists.
"""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

SRC = Path(__file__).resolve().parents[1] / "src" / "lintas"
LOCALE_DIRS = sorted(p for p in SRC.glob("**/locale") if p.is_dir())
LANGS = sorted(to_locale(code) for code, _name in settings.LANGUAGES if code != "en")
CATALOGUES = [d / lang / "LC_MESSAGES" / "django.po" for d in LOCALE_DIRS for lang in LANGS]

NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
BRACES = re.compile(r"\{\w*\}")
TAGS = re.compile(r"</?([a-zA-Z][\w-]*)[^>]*>")


def _id(path):
    return str(path.relative_to(SRC))


def _entries(po):
    return [e for e in po if not e.obsolete]


def _translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _markers(text, python_format):
    """The parts of a message a translation must carry over unchanged."""
    found = Counter(f"%({name})" for name in NAMED.findall(text))
    if python_format:
        found.update(POSITIONAL.findall(NAMED.sub("", text.replace("%%", ""))))
    found.update(BRACES.findall(text))
    found.update(f"<{tag.lower()}>" for tag in TAGS.findall(text))
    return found


def test_translations_every_language_has_a_catalogue_in_every_locale_folder():
    missing = [_id(path) for path in CATALOGUES if not path.exists()]
    assert LOCALE_DIRS
    assert len(LANGS) == 9
    assert missing == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in _entries(po) if not all(_translations(e))]
    fuzzy = [e.msgid for e in _entries(po) if "fuzzy" in e.flags]
    assert to_locale(po.metadata["Language"]) == path.parts[-3]
    assert "nplurals=" in po.metadata["Plural-Forms"]
    assert len(_entries(po)) > 0
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_keep_placeholders_and_markup(path):
    broken = []
    for entry in _entries(polib.pofile(str(path))):
        python_format = "python-format" in entry.flags
        expected = _markers(entry.msgid_plural or entry.msgid, python_format)
        for text in _translations(entry):
            if text and _markers(text, python_format) != expected:
                broken.append((entry.msgid, text))
    assert broken == []


# Scripts that are easy to mix up when typing (Thai and Lao look alike; a stray Khmer vowel
# in a Burmese word still renders). A translation uses only its own language's script.
SCRIPTS = {
    "km": (0x1780, 0x17FF),
    "lo": (0x0E80, 0x0EFF),
    "my": (0x1000, 0x109F),
    "th": (0x0E00, 0x0E7F),
}


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_use_no_letters_of_another_script(path):
    own = path.parts[-3]
    foreign = {lang: span for lang, span in SCRIPTS.items() if lang != own}
    mixed = []
    for entry in _entries(polib.pofile(str(path))):
        for text in _translations(entry):
            scripts = {
                lang for ch in text for lang, (lo, hi) in foreign.items() if lo <= ord(ch) <= hi
            }
            if scripts:
                mixed.append((entry.msgid, sorted(scripts)))
    assert mixed == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_catalogue_compiles(path, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_compiled_catalogue_matches_its_source(path):
    """The committed .mo is what Django loads; it must say what the .po says."""
    po = polib.pofile(str(path))
    mo = polib.mofile(str(path.with_suffix(".mo")))

    def table(entries):
        return {
            (e.msgctxt, e.msgid): tuple(_translations(e))
            for e in entries
            if e.msgid and not e.obsolete and "fuzzy" not in e.flags and all(_translations(e))
        }

    assert table(mo) == table(po)
