"""Demo loader for src/lintas/demo/data/programmes.json (see its "_schema" key).

Idempotent: programmes, calls, hosts and applications are keyed by slug/ref, users by
user name. Applicants get accounts named after their application ref; each host lab's
supervisor becomes a reviewer whose expertise is the lab's research area.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lintas.core.models import Organisation, User
from lintas.demo.files import DATA as DATA_DIR
from lintas.demo.files import DEMO_PASSWORD

DATA = DATA_DIR / "programmes.json"
KINDS = {"fellowship": "talent", "training": "training"}
STATUSES = {"under_review": "submitted"}


def _birth_date(age: int, on: dt.date) -> dt.date:
    """A birth date that makes the applicant exactly ``age`` on ``on``."""
    day = on - dt.timedelta(days=1) if (on.month, on.day) == (2, 29) else on
    return day.replace(year=day.year - age - 1) + dt.timedelta(days=1)


def _user(username: str, *, email: str, name: str, organisation=None, role="seeker") -> User:
    first, _sep, last = name.partition(" ")
    user, created = User.objects.update_or_create(
        username=username,
        defaults={"email": email, "first_name": first[:150], "last_name": last[:150],
                  "organisation": organisation, "role": role, "email_verified": True},
    )  # fmt: skip
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


ISSUER = "China–ASEAN Technology Transfer Center"


def _certificates() -> int:
    """Accepted applicants hold a certificate of selection, so the demo's verification page
    (/certificates/<number>/) has something to show."""
    from lintas.programmes.domain.certificates import next_number
    from lintas.programmes.models import Application, Certificate

    today = timezone.localdate()
    for application in Application.objects.filter(status="accepted", certificate__isnull=True):
        call = application.call
        Certificate.objects.create(
            number=next_number(today.year),
            kind="award",
            programme=call.programme,
            application=application,
            holder=application.full_name,
            statement=f"was selected in {call.title}",
            issued_on=today,
            issuer=call.programme.issuer or ISSUER,
        )
    return Certificate.objects.count()


@transaction.atomic
def load_programmes(log=print) -> dict:
    from lintas.programmes.models import (
        Application,
        Call,
        Host,
        Participant,
        Programme,
        Reviewer,
        TrainingSession,
    )  # fmt: skip

    if not DATA.exists():
        return {}
    data = json.loads(DATA.read_text(encoding="utf-8"))
    orgs = {o.slug: o for o in Organisation.objects.all()}
    counts = {"programmes": 0, "calls": 0, "hosts": 0, "applications": 0, "participants": 0}
    tz = timezone.get_current_timezone()
    for row in data.get("programmes", []):
        programme, _c = Programme.objects.update_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "kind": KINDS.get(row["kind"], row["kind"]),
                      "description": row.get("description", ""), "issuer": ISSUER},
        )  # fmt: skip
        counts["programmes"] += 1
        rules = row.get("eligibility") or {}
        months = row.get("placement_months") or {}
        stipend = row.get("stipend") or {}
        for c in row.get("calls", []):
            closes = dt.date.fromisoformat(c["closes"])
            call, _c = Call.objects.update_or_create(
                slug=c["slug"],
                defaults={
                    "programme": programme,
                    "title": c["title"][:200],
                    "description": rules.get("text", ""),
                    "status": c.get("status", "open"),
                    "opens_on": dt.date.fromisoformat(c["opens"]),
                    "deadline": dt.datetime.combine(closes, dt.time(23, 59), tzinfo=tz),
                    "review_round": c.get("review_round", ""),
                    "eligibility": {
                        k: rules[k] for k in ("max_age", "nationalities", "degrees") if k in rules
                    }
                    | {"age_on": closes.isoformat()},
                    "required_documents": ["cv"],
                    "stipend_monthly": stipend.get("monthly_phd", 0),
                    "currency": stipend.get("currency", "CNY"),
                    "duration_min_months": months.get("min", 6),
                    "duration_max_months": months.get("max", 12),
                },
            )
            counts["calls"] += 1
            hosts = {}
            for h in c.get("host_labs", []):
                org = orgs.get(h["organisation"])
                if org is None:
                    log(f"programmes: host {h['slug']} skipped, unknown organisation")
                    continue
                hosts[h["slug"]], _c = Host.objects.update_or_create(
                    slug=h["slug"],
                    defaults={"programme": programme, "organisation": org, "name": h["name"],
                              "research_areas": [h["research_area"]],
                              "capacity": h.get("capacity", 1),
                              "supervisor": h.get("supervisor", "")},
                )  # fmt: skip
                counts["hosts"] += 1
                reviewer = _user(
                    f"reviewer-{h['slug']}"[:150],
                    email=f"reviewer-{h['slug']}@reviewers.demo.lintas.example",
                    name=h.get("supervisor", h["name"]).removeprefix("Prof. ").removeprefix("Dr "),
                    organisation=org,
                    role="provider",
                )
                Reviewer.objects.update_or_create(
                    call=call,
                    user=reviewer,
                    defaults={"max_load": 3,
                              "publications": [{"title": h["name"], "abstract": h["research_area"]}]},
                )  # fmt: skip
            for a in c.get("applications", []):
                person = a["applicant"]
                user = _user(
                    slugify(a["ref"]),
                    email=person["email"],
                    name=person["name"],
                )
                application, _c = Application.objects.update_or_create(
                    call=call,
                    applicant=user,
                    defaults={
                        "status": STATUSES.get(a.get("status"), a.get("status", "submitted")),
                        "full_name": person["name"],
                        "birth_date": _birth_date(person["age"], closes),
                        "nationality": person["nationality"],
                        "degree": person["degree"],
                        "proposal": a["proposal"],
                        "publications": [
                            {"title": p["title"], "abstract": p.get("abstract", "")}
                            for p in a.get("publications", [])
                        ],
                        "preferred_fields": person.get("field", "")[:300],
                        "months": a.get("months", 12),
                        "submitted_at": timezone.now(),
                    },
                )
                application.preferred_hosts.set(
                    [hosts[s] for s in a.get("preferred_labs", []) if s in hosts]
                )
                counts["applications"] += 1
        for s in row.get("sessions", []):
            start = dt.date.fromisoformat(s["starts"])
            topics = s.get("topics") or [s["name"]]
            sessions = []
            for i, topic in enumerate(topics):
                session, _c = TrainingSession.objects.update_or_create(
                    programme=programme,
                    title=f"{s['name']}: {topic}"[:200],
                    defaults={"date": start + dt.timedelta(days=i), "location": s.get("city", "")},
                )
                sessions.append(session)
            for p in s.get("participants", []):
                Participant.objects.update_or_create(
                    programme=programme,
                    name=p["name"],
                    defaults={"email": p.get("email", ""), "country": p["country"],
                              "organisation": orgs.get(p.get("organisation") or "")},
                )  # fmt: skip
                counts["participants"] += 1
    counts["certificates"] = _certificates()
    log(f"programmes: {counts}")
    return {f"programme_{k}": v for k, v in counts.items()}
