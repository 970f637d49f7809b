"""Load the demo data shipped in ``demo/data/``. Idempotent: keys are slugs, refs and user names,
so a second run updates in place and duplicates nothing.

This module loads the core and catalogue rows itself, then runs the other apps' loaders listed
in ``LOADERS``, in that order (each in ``lintas/demo/<app>.py``).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lintas.catalogue.enums import ProfileKind
from lintas.catalogue.models import Profile
from lintas.core.models import Organisation, Sector, User
from lintas.demo import (
    brokerage,
    campaigns,
    competitions,
    events,
    insights,
    network,
    programmes,
    talents,
)
from lintas.demo.files import DATA, DEMO_PASSWORD, read

ROLE_NAMES = {
    "administrator": "admin",
    "programme officer": "officer",
    "programme_officer": "officer",
}


def load_sectors() -> int:
    rows = read("sectors.json")
    for position, row in enumerate(rows):
        Sector.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "names": row["names"],
                "nace_codes": row.get("nace", []),
                "sdgs": row.get("sdgs", []),
                "position": position,
            },
        )
    return len(rows)


def load_organisations() -> int:
    count = 0
    for name in (
        "organisations_providers.json",
        "organisations_providers_b.json",
        "organisations_seekers.json",
    ):
        for row in read(name):
            member = row.get("member") or {}
            Organisation.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "name_local": row.get("name_local", ""),
                    "type": row["type"],
                    "size": row.get("size", ""),
                    "country": row["country"],
                    "province": row.get("province", ""),
                    "website": row.get("website", ""),
                    "description": row.get("description", "")[:2000],
                    "member_type": member.get("type", "") if member else "",
                    "member_since": member.get("since") if member else None,
                },
            )
            count += 1
    return count


def load_users() -> int:
    rows = read("users.json")
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for row in rows:
        role = ROLE_NAMES.get(row["role"], row["role"])
        user, created = User.objects.update_or_create(
            username=row["username"],
            defaults={
                "email": row["email"],
                "first_name": row.get("first_name", ""),
                "last_name": row.get("last_name", ""),
                "role": role,
                "organisation": orgs.get(row.get("organisation")),
                "language": row.get("language", "en"),
                "is_active": True,
                "email_verified": True,
                "is_staff": role == "admin",
                "is_superuser": role == "admin",
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    return len(rows)


def load_memberships() -> int:
    """Demo organisation admins, and people waiting to join (so "My organisation" and the broker
    queue have something to decide). A second run puts the waiting people back in the queue."""
    from lintas.core.enums import MembershipStatus
    from lintas.core.models import MembershipRequest

    data = read("memberships.json") or {}
    admins = set(data.get("organisation_admins", []))
    User.objects.filter(email__endswith="@demo.lintas.example").exclude(username__in=admins).update(
        is_organisation_admin=False
    )
    User.objects.filter(username__in=admins, organisation__isnull=False).update(
        is_organisation_admin=True
    )
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for row in data.get("pending", []):
        user, created = User.objects.update_or_create(
            username=row["username"],
            defaults={
                "email": row["email"],
                "first_name": row.get("first_name", ""),
                "last_name": row.get("last_name", ""),
                "role": row["role"],
                "organisation": None,
                "is_organisation_admin": False,
                "language": row.get("language", "en"),
                "is_active": True,
                "email_verified": True,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if not MembershipRequest.objects.filter(
            user=user, status=MembershipStatus.PENDING
        ).exists():
            MembershipRequest.objects.create(user=user, organisation=orgs[row["organisation"]])
    return len(admins) + len(data.get("pending", []))


def load_profiles() -> int:
    sectors = {s.slug: s for s in Sector.objects.all()}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    broker = User.objects.filter(role="broker").order_by("id").first()
    now = timezone.now()
    count = 0
    for name, kind in (
        ("offers_a.json", ProfileKind.OFFER),
        ("offers_b.json", ProfileKind.OFFER),
        ("needs.json", ProfileKind.NEED),
    ):
        for i, row in enumerate(read(name)):
            org = orgs[row["organisation"]]
            status = row.get("status", "published")
            published_at = (
                now - dt.timedelta(days=(i * 7) % 300 + 1) if status == "published" else None
            )
            contact = row.get("contact") or {}
            owner = User.objects.filter(organisation=org).order_by("id").first()
            profile, _ = Profile.objects.update_or_create(
                ref=row["ref"],
                defaults={
                    "kind": kind,
                    "organisation": org,
                    "created_by": owner,
                    "broker": broker,
                    "title": row["title"][:200],
                    "summary": row["summary"][:600],
                    "description": row.get("description", "")[:10000],
                    "keywords": row.get("keywords", []),
                    "trl": row.get("trl"),
                    "ipr_status": row.get("ipr_status") or "",
                    "patent_numbers": row.get("patent_numbers", "")[:300],
                    "cooperation_modes": row.get("cooperation_modes", []),
                    "target_countries": row.get("target_countries", []),
                    "content_language": row["content_language"],
                    "content_language_declared": True,
                    "confidential_details": row.get("confidential_details", ""),
                    "contact_name": contact.get("name", ""),
                    "contact_email": contact.get("email", ""),
                    "contact_phone": contact.get("phone", ""),
                    "status": status,
                    "submitted_at": (published_at or now) - dt.timedelta(days=2)
                    if status != "draft"
                    else None,
                    "published_at": published_at,
                    "published_by": broker if published_at else None,
                    "expires_on": (published_at or now).date()
                    + dt.timedelta(days=row.get("expires_in_days", 365)),
                },
            )
            profile.sectors.set([sectors[s] for s in row.get("sectors", []) if s in sectors])
            from lintas.catalogue.domain.quality import assess_profile

            Profile.objects.filter(pk=profile.pk).update(
                quality_score=assess_profile(profile).score
            )
            count += 1
    return count


def load_revisions() -> int:
    """One pending edit of a published offer (``provider`` raises its TRL and changes the
    phone number), so the brokers' "Changes to review" queue is not empty in the demo."""
    from lintas.catalogue.domain.revisions import snapshot_values
    from lintas.catalogue.models import Revision

    author = User.objects.filter(username="provider").first()
    profile = (
        Profile.objects.filter(
            organisation_id=getattr(author, "organisation_id", None),
            kind=ProfileKind.OFFER,
            status="published",
            trl__lt=9,
        )
        .order_by("ref")
        .first()
    )
    if author is None or profile is None:
        return 0
    if not Revision.objects.filter(profile=profile, author=author, status="pending").exists():
        base = snapshot_values(profile)
        values = {**base, "trl": profile.trl + 1, "contact_phone": "+86 771 327 1188"}
        Revision.objects.create(
            profile=profile,
            author=author,
            base_version=profile.version,
            base=base,
            values=values,
        )
    return 1


# Translations written by brokers (docs/profile-translations.md), so a Thai or English reader of
# the demo sees a Chinese offer in their language with the original one click away.
DEMO_TRANSLATIONS = (
    ("OF-0001", "th", "broker-th",
     "ระบบขับเคลื่อนอัตโนมัติสำหรับเครื่องจักรกลการเกษตรด้วยเป่ยโต่ว (ชุดติดตั้งเพิ่มสำหรับรถแทรกเตอร์และเครื่องดำนา)",
     "ชุดบังคับเลี้ยวอัตโนมัติสำหรับเครื่องจักรกลการเกษตรด้วย RTK ของเป่ยโต่ว-3 ติดตั้งเพิ่มบนรถแทรกเตอร์และ"
     "เครื่องดำนาทั่วไปได้ภายใน 4 ชั่วโมง ความแม่นยำแนวตรง ±2.5 ซม. เหมาะกับการยกร่อง หว่าน และดำนา"
     "ในนาข้าว ไร่อ้อย และไร่มันสำปะหลังในเอเชียตะวันออกเฉียงใต้"),
    ("OF-0001", "en", "broker",
     "BeiDou auto-steering kit for farm machinery (retrofit for tractors and rice transplanters)",
     "An auto-steering kit using BeiDou-3 RTK that fits common Chinese and Japanese tractors and rice "
     "transplanters in 4 hours, with ±2.5 cm straight-line accuracy; for ridging, sowing and "
     "transplanting in South-East Asian paddies, sugarcane and cassava fields."),
)  # fmt: skip


def load_translations() -> int:
    """The demo's profile translations (unchanged when they already exist)."""
    from lintas.catalogue.models import ProfileTranslation
    from lintas.catalogue.models.translation import source_digest

    count = 0
    for ref, language, username, title, summary in DEMO_TRANSLATIONS:
        profile = Profile.objects.filter(ref=ref).first()
        if profile is None:
            continue
        ProfileTranslation.objects.update_or_create(
            profile=profile,
            language=language,
            defaults={
                "title": title[:200],
                "summary": summary[:600],
                "written_by": User.objects.filter(username=username).first(),
                "source_version": profile.version,
                "source_digest": source_digest(
                    title=profile.title, summary=profile.summary, description=profile.description
                ),
            },
        )
        count += 1
    return count


# The other apps' demo data, after the catalogue and the search index, in this order: deals and
# agreements need profiles; events need profiles and users; programmes and the network need
# organisations; talents mark programme trainees as alumni, so they follow programmes; the
# campaign takes the published offers (and the engine's matches) to their target countries; the
# competition draws judges and teams from the talents; the insights summary counts everything,
# so it comes last.
LOADERS = (
    brokerage.load,
    events.load_events,
    programmes.load_programmes,
    talents.load,
    campaigns.load,
    competitions.load,
    network.load,
    insights.load,
)


@transaction.atomic
def load_all(log=print, *, between=None) -> dict:
    """Load everything. ``between`` runs after the catalogue and before the other apps' loaders
    (``loaddemo`` builds the search index there, so demo deals, events and the insights summary
    see the engine's matches)."""
    figures = {
        "sectors": load_sectors(),
        "organisations": load_organisations(),
        "users": load_users(),
        "memberships": load_memberships(),
        "profiles": load_profiles(),
        "revisions": load_revisions(),
        "translations": load_translations(),
    }
    if between is not None:
        between()
    for loader in LOADERS:
        figures.update(loader(log) or {})
    return figures


__all__ = ["DATA", "DEMO_PASSWORD", "LOADERS", "load_all", "read"]
