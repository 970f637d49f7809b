"""Demo talents (``demo/data/talents.json``), loaded by ``lintas loaddemo``.

Listed in lintas.demo.loader.LOADERS after programmes: former trainees become alumni talents."""

from __future__ import annotations

import json

from django.db import transaction

from lintas.demo.files import DATA as DATA_DIR
from lintas.demo.files import DEMO_PASSWORD

DATA = DATA_DIR / "talents.json"


@transaction.atomic
def load(log=print) -> dict:
    """Create or update each demo talent, their account and publications. Idempotent: keyed on
    the slug (talent), the user name (account) and the normalised title (publication)."""
    from lintas.core.models import Organisation, Sector, User
    from lintas.programmes.models import Participant as Trainee
    from lintas.programmes.models import Programme
    from lintas.talents.domain.profiles import normalise_doi, normalise_title
    from lintas.talents.enums import PublicationSource
    from lintas.talents.models import Publication, Talent

    if not DATA.exists():
        return {}
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    orgs = {o.slug: o for o in Organisation.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    programmes = {p.slug: p for p in Programme.objects.all()}
    publications = 0
    for row in rows:
        username = row.get("username") or f"talent-{row['slug']}"
        user = User.objects.filter(username=username).first()
        if user is None:
            first, _sep, last = row["name"].partition(" ")
            user = User.objects.create(
                username=username,
                email=f"{username}@demo.lintas.example",
                first_name=first[:150],
                last_name=last[:150],
                role=row.get("role", "provider"),
                language=row.get("ui_language", "en"),
                is_active=True,
                email_verified=True,
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        organisation = orgs.get(row.get("organisation", ""))
        if organisation and not user.organisation_id:
            user.organisation = organisation
            user.save(update_fields=["organisation"])
        talent, _created = Talent.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "user": user,
                "name": row["name"],
                "position": row.get("position", ""),
                "organisation": organisation,
                "organisation_name": "" if organisation else row.get("organisation_name", ""),
                "country": row["country"],
                "languages": row["languages"],
                "keywords": row.get("keywords", []),
                "bio": row.get("bio", ""),
                "bio_language": row.get("bio_language", "en"),
                "roles": row.get("roles", []),
                "availability": row.get("availability", "available"),
                "availability_note": row.get("availability_note", ""),
                "members_only": row.get("members_only", []),
                "contact_email": user.email,
                "contact_phone": row.get("phone", ""),
                "listed": True,
            },
        )
        talent.sectors.set([sectors[s] for s in row.get("fields", []) if s in sectors])
        # Participants of the technology-manager training: the directory marks them alumni.
        programme = programmes.get(row.get("trained_in", ""))
        if programme is not None:
            Trainee.objects.update_or_create(
                programme=programme,
                user=user,
                defaults={"name": row["name"], "country": row["country"],
                          "organisation": organisation, "email": user.email},
            )  # fmt: skip
        for pub in row.get("publications", []):
            Publication.objects.update_or_create(
                talent=talent,
                normalised_title=normalise_title(pub["title"]),
                defaults={
                    "title": pub["title"],
                    "kind": pub.get("kind", "article"),
                    "authors": pub.get("authors", row["name"]),
                    "venue": pub.get("venue", ""),
                    "year": pub.get("year"),
                    "doi": normalise_doi(pub.get("doi", "")),
                    "abstract": pub.get("abstract", ""),
                    "source": PublicationSource.DEMO,
                },
            )
            publications += 1
    from lintas.talents.domain.indexing import index_talents

    encoded = index_talents(
        Talent.objects.filter(slug__in=[r["slug"] for r in rows]).values_list("pk", flat=True)
    )
    log(f"talents: {len(rows)} talents, {publications} publications, {encoded} texts encoded")
    consultations = load_consultations()
    return {"talents": len(rows), "talent_publications": publications,
            "talent_consultations": consultations}  # fmt: skip


# (asker, talent slug, topic, message, status, answer): the demo seeker of PT Tani Makmur asked
# the Guangxi rice breeder (accepted, so both see each other's contacts), the Thai seeker asked
# the Thai biogas researcher (waiting for an answer).
CONSULTATIONS = [
    ("seeker", "chen-xiaoming", "Benih padi toleran garam untuk sawah pesisir Demak",
     "Kami ingin menguji varietas padi toleran garam di sawah pesisir. Bisakah Bapak "
     "memberi saran tentang galur dan desain uji lapang?", "accepted",
     "很乐意帮忙。我们可以先交流土壤含盐量数据，再商量田间试验方案。"),
    ("seeker-th", "somchai-wongsa", "ก๊าซชีวภาพจากน้ำเสียโรงงานผลไม้",
     "โรงงานของเราต้องการบำบัดน้ำเสียและผลิตก๊าซชีวภาพ อยากขอคำแนะนำเรื่องระบบที่เหมาะสม",
     "requested", ""),
]  # fmt: skip


def load_consultations() -> int:
    """Demo consultations between demo accounts; skipped when those accounts are absent."""
    from django.utils import timezone

    from lintas.core.models import User
    from lintas.talents.models import Consultation, Talent

    count = 0
    for asker, slug, topic, message, status, answer in CONSULTATIONS:
        user = User.objects.filter(username=asker).first()
        talent = Talent.objects.filter(slug=slug).first()
        if user is None or talent is None:
            continue
        Consultation.objects.update_or_create(
            talent=talent,
            requester=user,
            topic=topic,
            defaults={"message": message, "status": status, "answer": answer,
                      "answered_at": timezone.now() if status != "requested" else None},
        )  # fmt: skip
        count += 1
    return count
