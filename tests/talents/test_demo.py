"""The demo talents: enough of them, in several languages, with publications, and loadable
twice without duplicates."""

import collections
import json
from pathlib import Path

import pytest

from lintas.core.langid import detect_language

DATA = Path(__file__).resolve().parents[2] / "src" / "lintas" / "demo" / "data"
ROWS = json.loads((DATA / "talents.json").read_text(encoding="utf-8"))


def test_at_least_sixty_talents_in_six_languages_with_publications():
    assert len(ROWS) >= 60
    languages = collections.Counter(r["bio_language"] for r in ROWS)
    assert len(languages) >= 6
    assert sum(len(r["publications"]) for r in ROWS) >= 60
    assert len({r["slug"] for r in ROWS}) == len(ROWS)


def test_each_biography_is_in_its_declared_language():
    wrong = [
        (r["slug"], r["bio_language"], detect_language(r["bio"]))
        for r in ROWS
        if detect_language(r["bio"]) != r["bio_language"]
    ]
    assert wrong == []


def test_nine_asean_countries_of_the_training_are_present():
    asean = {r["country"] for r in ROWS} - {"CN"}
    assert len(asean) >= 9
    assert sum(1 for r in ROWS if r.get("trained_in")) >= 9


def test_references_exist():
    orgs = {
        o["slug"]
        for name in (
            "organisations_providers.json",
            "organisations_providers_b.json",
            "organisations_seekers.json",
        )  # fmt: skip
        for o in json.loads((DATA / name).read_text(encoding="utf-8"))
    }
    sectors = {s["slug"] for s in json.loads((DATA / "sectors.json").read_text(encoding="utf-8"))}
    assert [
        r["slug"] for r in ROWS if r.get("organisation") and r["organisation"] not in orgs
    ] == []
    assert [r["slug"] for r in ROWS if not set(r["fields"]) <= sectors] == []


@pytest.mark.django_db
def test_loader_is_idempotent_and_marks_trainees_alumni():
    from lintas.demo import loader
    from lintas.demo import programmes as programmes_demo
    from lintas.demo import talents as demo
    from lintas.talents.domain import queries
    from lintas.talents.models import Publication, Talent

    loader.load_sectors()
    loader.load_organisations()
    programmes_demo.load_programmes(lambda *_: None)
    first = demo.load(lambda *_: None)
    second = demo.load(lambda *_: None)
    assert first == second
    assert Talent.objects.count() == len(ROWS)
    assert Publication.objects.count() == sum(len(r["publications"]) for r in ROWS)
    alumni = set(queries.directory(alumni=True).values_list("slug", flat=True))
    assert alumni == {r["slug"] for r in ROWS if r.get("trained_in")}
    assert first["talent_consultations"] == 0  # the demo seekers were not loaded here
    loader.load_users()
    assert demo.load(lambda *_: None)["talent_consultations"] == 2
    assert demo.load(lambda *_: None)["talent_consultations"] == 2
    from lintas.talents.models import Consultation

    accepted = Consultation.objects.get(status="accepted")
    assert (accepted.requester.username, accepted.talent.slug) == ("seeker", "chen-xiaoming")
    assert Consultation.objects.count() == 2
    chen = Talent.objects.get(slug="chen-xiaoming")
    assert chen.organisation.slug == "p-gxaas" and chen.user.check_password(loader.DEMO_PASSWORD)


@pytest.mark.django_db
def test_demo_consultation_has_its_conversation_and_the_forum_its_programme(client):
    import datetime as dt

    from lintas.demo import loader
    from lintas.demo import programmes as programmes_demo
    from lintas.demo import talents as demo
    from lintas.talents.domain.abstracts import programme
    from lintas.talents.models import AbstractCall, Consultation
    from tests.factories import EventFactory

    loader.load_sectors()
    loader.load_organisations()
    loader.load_users()
    programmes_demo.load_programmes(lambda *_: None)
    event = EventFactory(slug=demo.FORUM_EVENT, title="3rd ASEAN Plus Three Young Scientists Forum",
                         kind="forum", starts_on=dt.date(2021, 9, 10))  # fmt: skip
    first = demo.load(lambda *_: None)
    assert demo.load(lambda *_: None) == first  # twice: nothing more
    accepted = Consultation.objects.get(status="accepted")
    messages = list(accepted.conversation.messages.values_list("body", flat=True))
    assert messages == list(demo.CONVERSATION)
    assert set(accepted.conversation.people.all()) == {accepted.requester, accepted.talent.user}
    assert first["forum_abstracts"] == len(demo.FORUM_ABSTRACTS)
    call = AbstractCall.objects.get(event=event)
    sessions = programme(call)
    assert [s["topic"] for s in sessions] == [t.strip() for t in demo.FORUM_TOPICS.split(",")]
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="forum-programme"' in page and "Speaker: Dewi Lestari" in page
