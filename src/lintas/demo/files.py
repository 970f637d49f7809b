"""Where the demo data lives and how it is read; shared by every loader in this package."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"
DEMO_PASSWORD = "lintas-demo"


def read(name: str):
    """The JSON file ``name`` of the demo data, or an empty list when it is not shipped."""
    path = DATA / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
