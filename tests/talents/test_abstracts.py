"""Forum calls for abstracts (issue 15 §4): an event opens a call, people submit abstracts,
talents of the directory review them (assigned by the programmes' review machinery, with
conflicts), organisers decide (e-mails in the author's language), and the accepted abstracts
become the forum's programme on the event page."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lintas.talents.domain import abstracts
from lintas.talents.models import Abstract, AbstractReview
from tests.conftest import login
from tests.factories import EventFactory, PublicationFactory, TalentFactory, UserFactory

pytestmark = pytest.mark.django_db

TOPICS = "Agriculture, Energy"


@pytest.fixture(autouse=True)
def lexical_affinity(settings):
    settings.PROGRAMMES_AFFINITY = "lexical"  # the encoder is tested in matching


@pytest.fixture
def event():
    return EventFactory(slug="yss-2030", title="ASEAN+3 Young Scientists Forum 2030", kind="forum")


@pytest.fixture
def call(event, broker):
    return abstracts.open_call(
        user=broker,
        event=event,
        data={"title": "Call for abstracts", "topics": TOPICS,
              "deadline": timezone.now() + dt.timedelta(days=10), "reviews_per_abstract": 1},
    )  # fmt: skip


def submit(user, call, title="Salt-tolerant rice lines for coastal deltas", topic="Agriculture",
           authors=None, text="We bred rice lines that tolerate saline water in coastal fields."):  # fmt: skip
    return abstracts.submit_abstract(
        user=user, call=call, title=title, text=text,
        authors=authors or (user.get_full_name() or user.username), topic=topic, language="en",
    )  # fmt: skip


@pytest.fixture
def rice_expert(sector):
    talent = TalentFactory(name="Chen Rice", keywords=["rice breeding", "salinity"])
    PublicationFactory(talent=talent, title="Rice tolerance to saline water in deltas",
                       abstract="Breeding rice lines for saline coastal fields.")  # fmt: skip
    return talent


@pytest.fixture
def solar_expert():
    talent = TalentFactory(name="Nguyen Solar", keywords=["photovoltaics"])
    PublicationFactory(talent=talent, title="Perovskite solar cells",
                       abstract="Efficient photovoltaic modules for hot climates.")  # fmt: skip
    return talent


def test_only_organisers_open_calls(event, seeker):
    with pytest.raises(PermissionDenied):
        abstracts.open_call(user=seeker, event=event, data={"title": "x", "topics": "a",
                                                            "deadline": timezone.now()})  # fmt: skip


def test_submission_rules(call, seeker):
    with pytest.raises(ValidationError):
        submit(seeker, call, topic="Astrology")
    submit(seeker, call)
    with pytest.raises(ValidationError):
        submit(seeker, call)  # the same title twice
    call.deadline = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    with pytest.raises(ValidationError):
        submit(seeker, call, title="Late")
    assert Abstract.objects.count() == 1


def test_assignment_follows_expertise_and_avoids_conflicts(
    call, broker, seeker, provider, rice_expert, solar_expert
):
    rice = submit(seeker, call)
    solar = submit(provider, call, title="Solar pumps for irrigation", topic="Energy",
                   text="Photovoltaic modules power irrigation pumps in hot climates.")  # fmt: skip
    for talent in (rice_expert, solar_expert):
        abstracts.add_reviewer(user=broker, call=call, talent=talent, max_load=1)
    reviews = abstracts.assign_reviewers(user=broker, call=call)
    assert {(r.abstract, r.reviewer) for r in reviews} == {
        (rice, rice_expert), (solar, solar_expert),
    }  # fmt: skip
    chosen = AbstractReview.objects.get(abstract=rice)
    assert "saline" in chosen.explanation["reviewer_text"].lower()
    # The rice expert declares a conflict: the next run swaps the two reviewers.
    abstracts.declare_conflict(user=rice_expert.user, abstract=rice, reason="My former student")
    assert not AbstractReview.objects.filter(abstract=rice).exists()
    reviews = abstracts.assign_reviewers(user=broker, call=call)
    assert {(r.abstract, r.reviewer) for r in reviews} == {
        (rice, solar_expert), (solar, rice_expert),
    }  # fmt: skip
    # Nobody left without a conflict: no assignment, the reason in words, nothing changed.
    abstracts.declare_conflict(user=solar_expert.user, abstract=rice, reason="Competitor")
    with pytest.raises(ValidationError) as failure:
        abstracts.assign_reviewers(user=broker, call=call)
    assert "No reviewer assignment is possible" in str(failure.value)
    assert "Salt-tolerant rice" in str(failure.value)
    assert list(AbstractReview.objects.values_list("abstract", "reviewer")) == [
        (solar.pk, rice_expert.pk)
    ]


def test_computed_conflicts(call, seeker, rice_expert):
    colleague = TalentFactory(name="Colleague", user=UserFactory(organisation=seeker.organisation))
    coauthor = TalentFactory(name="Dewi Lestari")
    item = submit(seeker, call, authors="Seeker Person, Dewi Lestari")
    assert abstracts.conflict_reasons(talent=colleague, abstract=item) == ["same organisation"]
    assert abstracts.conflict_reasons(talent=coauthor, abstract=item) == [
        "the reviewer is one of the authors"
    ]
    PublicationFactory(talent=rice_expert, title=item.title)
    assert "the reviewer published this work" in abstracts.conflict_reasons(
        talent=rice_expert, abstract=item
    )


def test_review_decide_email_in_authors_language_and_programme_on_event_page(
    call, broker, seeker, rice_expert, client
):
    seeker.language = "id"
    seeker.save()
    item = submit(seeker, call, authors="Ibu Seeker, Dewi Lestari")
    abstracts.add_reviewer(user=broker, call=call, talent=rice_expert)
    abstracts.assign_reviewers(user=broker, call=call)
    review = AbstractReview.objects.get()
    with pytest.raises(PermissionDenied):
        abstracts.submit_review(user=seeker, review=review, scores={}, comment="")
    with pytest.raises(ValidationError):
        abstracts.submit_review(user=rice_expert.user, review=review, scores={"relevance": 9})
    abstracts.submit_review(user=rice_expert.user, review=review,
                            scores={"relevance": 5, "originality": 4, "clarity": 5})  # fmt: skip
    assert abstracts.ranking(call)[0]["mean"] == 4.67
    mail.outbox.clear()
    abstracts.decide(user=broker, abstract=item, accept=True)
    item.refresh_from_db()
    assert item.status == "accepted"
    # Sent after commit (the test transaction's callbacks are run by hand).
    event_page = client.get(call.event.get_absolute_url()).content.decode()
    assert 'id="forum-programme"' not in event_page  # not published yet
    abstracts.publish_programme(user=broker, call=call)
    event_page = client.get(call.event.get_absolute_url()).content.decode()
    assert 'id="forum-programme"' in event_page
    assert "Salt-tolerant rice lines for coastal deltas" in event_page
    assert "Speaker: Ibu Seeker" in event_page
    assert "<h3>Agriculture</h3>" in event_page


def test_decision_email_is_in_the_authors_language(
    call, broker, seeker, django_capture_on_commit_callbacks
):
    seeker.language = "id"
    seeker.save()
    item = submit(seeker, call)
    with django_capture_on_commit_callbacks(execute=True):
        abstracts.decide(user=broker, abstract=item, accept=False)
    assert [m.to for m in mail.outbox] == [[seeker.email]]
    assert "tidak diterima" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        abstracts.decide(user=broker, abstract=item, accept=True)
    assert "diterima" in mail.outbox[-1].subject and "tidak" not in mail.outbox[-1].subject


def test_pages_flow(call, broker, seeker, rice_expert):
    author = login(seeker)
    page = author.get(call.get_absolute_url()).content.decode()
    assert 'id="abstract-form"' in page and 'id="organise"' not in page
    response = author.post(call.get_absolute_url(), {
        "title": "Mangrove carbon", "text": "Blue carbon in mangroves.", "authors": "Seeker",
        "topic": "Agriculture", "language": "en",
    })  # fmt: skip
    assert response.status_code == 302
    item = Abstract.objects.get()
    organiser = login(broker)
    response = organiser.post(
        reverse("talents:abstract_call_action", args=[call.pk, "add-reviewer"]),
        {"talent": f"{rice_expert.name} ({rice_expert.slug})", "max_load": 3},
    )
    assert call.pool.filter(talent=rice_expert).exists()
    organiser.post(reverse("talents:abstract_call_action", args=[call.pk, "assign"]))
    review = AbstractReview.objects.get()
    reviewer = login(rice_expert.user)
    assert 'id="review-form"' in reviewer.get(item.get_absolute_url()).content.decode()
    reviewer.post(reverse("talents:abstract_action", args=[item.pk, "review"]),
                  {"score_relevance": "4", "score_originality": "4", "score_clarity": "3",
                   "comment": "Good"})  # fmt: skip
    review.refresh_from_db()
    assert review.scores == {"relevance": 4, "originality": 4, "clarity": 3}
    assert login(UserFactory()).get(item.get_absolute_url()).status_code == 403
    organiser.post(reverse("talents:abstract_action", args=[item.pk, "accept"]))
    organiser.post(reverse("talents:abstract_call_action", args=[call.pk, "publish"]))
    call.refresh_from_db()
    assert call.published_at is not None
    refused = login(seeker).post(reverse("talents:abstract_call_action", args=[call.pk, "assign"]))
    assert refused.status_code == 403
    listing = login(seeker).get(reverse("talents:abstract_calls")).content.decode()
    assert call.title in listing


def test_api_flow(call, broker, seeker, rice_expert, client):
    url = f"/api/v1/abstract-calls/{call.pk}/"
    assert client.get(url).json()["topics"] == ["Agriculture", "Energy"]
    created = login(seeker).post(url + "abstracts/", {
        "title": "Rice API", "text": "Saline rice.", "authors": "Seeker", "topic": "Agriculture",
        "language": "en"}, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    abstract_id = created.json()["id"]
    assert login(seeker).post(url + "assign/").status_code == 403
    organiser = login(broker)
    assert organiser.post(url + "reviewers/", {"talent": rice_expert.slug},
                          content_type="application/json").status_code == 201  # fmt: skip
    assigned = organiser.post(url + "assign/")
    assert assigned.status_code == 200 and len(assigned.json()) == 1
    reviewed = login(rice_expert.user).post(
        f"/api/v1/abstracts/{abstract_id}/review/",
        {"scores": {"relevance": 5, "originality": 5, "clarity": 4}},
        content_type="application/json",
    )
    assert reviewed.status_code == 200, reviewed.content
    assert login(seeker).post(f"/api/v1/abstracts/{abstract_id}/decide/", {"decision": "accept"},
                              content_type="application/json").status_code == 403  # fmt: skip
    decided = organiser.post(f"/api/v1/abstracts/{abstract_id}/decide/", {"decision": "accept"},
                             content_type="application/json")  # fmt: skip
    assert decided.json()["status"] == "accepted"
    assert client.get(url + "programme/").json() == []
    assert organiser.post(url + "publish/").status_code == 200
    programme = client.get(url + "programme/").json()
    assert programme == [{"topic": "Agriculture", "starts_at": None, "ends_at": None, "room": "",
                          "talks": [{"id": abstract_id, "title": "Rice API", "speaker": "Seeker",
                                     "authors": "Seeker", "language": "en"}]}]  # fmt: skip
    timed = organiser.post(url + "sessions/", {
        "topic": "Agriculture", "starts_at": "2030-05-20T09:00:00+08:00",
        "ends_at": "2030-05-20T10:30:00+08:00", "room": "Hall B"}, content_type="application/json")  # fmt: skip
    assert timed.status_code == 200, timed.content
    assert login(seeker).post(url + "sessions/", {
        "topic": "Agriculture", "starts_at": "2030-05-20T09:00:00+08:00",
        "ends_at": "2030-05-20T10:30:00+08:00"}, content_type="application/json").status_code == 403  # fmt: skip
    session = client.get(url + "programme/").json()[0]
    # The API answers datetimes in UTC (docs/api.md): 09:00 in UTC+8 is 01:00Z.
    assert (session["starts_at"], session["ends_at"], session["room"]) == (
        "2030-05-20T01:00:00Z", "2030-05-20T02:30:00Z", "Hall B")  # fmt: skip
    ranked = organiser.get(url + "abstracts/").json()
    assert ranked[0]["mean"] == 4.67
    assert client.get(f"/api/v1/abstracts/{abstract_id}/").status_code in (401, 403)


def _accepted(user, call, broker, title, topic):
    item = submit(user, call, title=title, topic=topic)
    abstracts.decide(user=broker, abstract=item, accept=True)
    return item


def test_sessions_get_times_and_rooms_on_the_event_page_and_in_the_ics(
    call, broker, seeker, client
):
    from icalendar import Calendar

    _accepted(seeker, call, broker, "Salt-tolerant rice", "Agriculture")
    _accepted(seeker, call, broker, "Solar dryers", "Energy")
    at = lambda hour, minute=0: timezone.make_aware(dt.datetime(2030, 5, 20, hour, minute))  # noqa: E731
    # Only organisers, only the call's topics, ends after it starts, within the event's days.
    with pytest.raises(PermissionDenied):
        abstracts.schedule_session(user=seeker, call=call, topic="Energy", starts_at=at(9),
                                   ends_at=at(10))  # fmt: skip
    for topic, start, end in (("Fishing", at(9), at(10)), ("Energy", at(10), at(9)),
                              ("Energy", at(9) + dt.timedelta(days=1), at(10) + dt.timedelta(days=1))):  # fmt: skip
        with pytest.raises(ValidationError):
            abstracts.schedule_session(user=broker, call=call, topic=topic, starts_at=start,
                                       ends_at=end)  # fmt: skip
    # The organiser's page sets them (Energy first in the day, Agriculture later).
    organiser = login(broker)
    action = reverse("talents:abstract_call_action", args=[call.pk, "schedule"])
    organiser.post(action, {"topic": "Energy", "starts_at": "2030-05-20T09:00",
                            "ends_at": "2030-05-20T10:30", "room": "Hall B"})  # fmt: skip
    organiser.post(action, {"topic": "Agriculture", "starts_at": "2030-05-20T11:00",
                            "ends_at": "2030-05-20T12:00", "room": "Room 2"})  # fmt: skip
    assert [(r["topic"], r["room"]) for r in abstracts.programme(call)] == [
        ("Energy", "Hall B"), ("Agriculture", "Room 2")]  # fmt: skip
    ics_url = reverse("talents:abstract_programme_ics", args=[call.pk])
    assert client.get(ics_url).status_code == 404  # not published yet
    abstracts.publish_programme(user=broker, call=call)
    page = client.get(call.event.get_absolute_url()).content.decode()
    assert page.index("<h3>Energy</h3>") < page.index("<h3>Agriculture</h3>")
    assert "Hall B" in page and "Room 2" in page and 'id="programme-ics"' in page
    assert "20 May 2030" in page or "May 20, 2030" in page
    response = client.get(ics_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    assert [(str(e["summary"]), str(e["location"])) for e in events] == [
        ("ASEAN+3 Young Scientists Forum 2030: Energy", "Hall B, Nanning"),
        ("ASEAN+3 Young Scientists Forum 2030: Agriculture", "Room 2, Nanning"),
    ]
    assert events[0].decoded("dtstart") == at(9)
    assert "Solar dryers" in str(events[0]["description"])
    # Moving a session keeps its calendar identity.
    uid = str(events[0]["uid"])
    organiser.post(action, {"topic": "Energy", "starts_at": "2030-05-20T14:00",
                            "ends_at": "2030-05-20T15:00", "room": "Hall C"})  # fmt: skip
    moved = Calendar.from_ical(client.get(ics_url).content).walk("VEVENT")
    assert [str(e["uid"]) for e in moved if "Energy" in str(e["summary"])] == [uid]
