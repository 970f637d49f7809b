"""Demo network: joint labs, science parks, mechanisms and platforms from demo/data/network.json.

Listed in lintas.demo.loader.LOADERS; runs after organisations and sectors. Idempotent:
every row is keyed by its name. Unknown values stay empty (null in the file means "the sources
do not say"), partners that match an organisation slug are linked, the others kept as text.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from lintas.core.models import Organisation, Sector
from lintas.demo.files import DATA
from lintas.network.enums import PlatformKind, SiteStatus
from lintas.network.models import JointLab, Mechanism, Platform, SciencePark

PATH = DATA / "network.json"


def _status(value) -> str:
    return value if value in SiteStatus.values else SiteStatus.ACTIVE


@transaction.atomic
def load(log=print, path: Path = PATH) -> dict[str, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    orgs = {o.slug: o for o in Organisation.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    for row in data.get("joint_labs", []):
        partners = row.get("partners") or []
        lab, _created = JointLab.objects.update_or_create(
            name=row["name"],
            defaults={
                "aliases": row.get("aliases") or [],
                "partner_names": [p for p in partners if p not in orgs],
                "countries": row.get("countries") or [],
                "sector": sectors.get(row.get("sector") or ""),
                "launched": row.get("launched") or "",
                "status": _status(row.get("status")),
                "description": row.get("description") or "",
                "illustrative": bool(row.get("illustrative")),
                "note": row.get("note") or "",
                "source": row.get("source") or "",
            },
        )
        lab.partners.set([orgs[p] for p in partners if p in orgs])
    for row in data.get("science_parks", []):
        SciencePark.objects.update_or_create(
            name=row["name"],
            defaults={
                "country": row["country"],
                "countries": row.get("countries") or [],
                "city": row.get("city") or "",
                "focus": row.get("focus") or "",
                "description": row.get("description") or "",
                "status": _status(row.get("status")),
                "illustrative": bool(row.get("illustrative")),
                "note": row.get("note") or "",
                "source": row.get("source") or "",
            },
        )
    for row in data.get("mechanisms", []):
        a, b = (row.get("countries") or ["", ""])[:2]
        Mechanism.objects.update_or_create(
            name=row["name"],
            defaults={
                "country_a": a,
                "country_b": b,
                "established": row.get("established") or "",
                "working_group": row.get("working_group"),
                "note": row.get("note") or "",
                "source": row.get("source") or "",
            },
        )
    for row in data.get("platforms", []):
        kind = row.get("kind") if row.get("kind") in PlatformKind.values else PlatformKind.OTHER
        Platform.objects.update_or_create(
            name=row["name"],
            defaults={
                "kind": kind,
                "organisation": orgs.get(row.get("organisation") or ""),
                "city": row.get("city") or "",
                "country": row.get("country") or "CN",
                "launched": row.get("launched") or "",
                "description": row.get("description") or "",
                "figures": row.get("figures") or {},
                "note": row.get("note") or "",
                "source": row.get("source") or "",
            },
        )
    counts = {
        "joint labs": JointLab.objects.count(),
        "science parks": SciencePark.objects.count(),
        "mechanisms": Mechanism.objects.count(),
        "platforms": Platform.objects.count(),
    }
    log(f"network: {counts}")
    return counts
