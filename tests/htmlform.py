"""What a browser sends when a form is submitted untouched (standard library parser only).

Tests of filter forms submit exactly this, so a default value that filters something out
(a select without an empty choice, say) shows up as missing results.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth = 0
        self.pairs: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.textarea: dict | None = None
        self.found = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "form"
            and not self.inside
            and (self.form_id is None or a.get("id") == self.form_id)
        ):
            if self.found and self.form_id is None:
                return
            self.inside = self.found = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "reset", "image", "file"):
                self.pairs.append((name, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self.select = {"name": name, "multiple": "multiple" in a, "options": [], "chosen": []}
        elif tag == "option" and self.select is not None:
            value = a.get("value")
            self.select["options"].append(value)
            self.select["_pending"] = value is None
            if "selected" in a:
                self.select["chosen"].append(len(self.select["options"]) - 1)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.select is not None and self.select.get("_pending"):
            self.select["options"][-1] = (self.select["options"][-1] or "") + data.strip()
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.select is not None:
            self.select["_pending"] = False
        elif tag == "select" and self.select is not None:
            s = self.select
            chosen = s["chosen"] or ([] if s["multiple"] or not s["options"] else [0])
            if not s["multiple"]:
                chosen = chosen[-1:]
            self.pairs.extend((s["name"], s["options"][i] or "") for i in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.pairs.append((self.textarea["name"], self.textarea["text"].lstrip("\n")))
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside = False


def default_submission(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    """(name, value) pairs a browser submits for the form (the first one, or ``form_id``)
    with every field left at its default."""
    parser = _FormParser(form_id)
    parser.feed(html)
    if not parser.found:
        raise AssertionError(f"no form {form_id or ''} in the page")
    return parser.pairs
