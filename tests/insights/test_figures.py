"""One definition per figure: no future-dated "done", breakdowns that add up, every page and
export agreeing, and the summary following writes through a debounced refresh."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lintas.brokerage.domain import agreements as agreement_domain
from lintas.brokerage.models import Agreement
from lintas.core import readable
from lintas.events.models import Meeting, MeetingRequest, Session, Slot
from lintas.insights.domain import dashboard, engine, figures, funnel, refresh, summary
from lintas.insights.domain.engine import Filters
from lintas.insights.models import PendingRefresh
from tests.conftest import login
from tests.factories import EventFactory, ParticipantFactory, ProfileFactory
from tests.insights.test_pages import card

HAND = {"promoted": 5, "enterprises": 3, "matches": 2, "interests": 2, "introductions": 1,
        "meetings": 1, "agreements": 2, "consulted": 0, "declines": 0,
        "campaign_interests": 0, "competition_entries": 0}  # fmt: skip


def _future_records(world, provider_org, seeker_org, provider, seeker):
    """Records dated ahead of now: none of them may count as done."""
    now = timezone.now()
    future = Agreement.objects.create(
        title="A-future", type="mou", signed_on=timezone.localdate() + dt.timedelta(days=30)
    )
    future.parties.set([provider_org, seeker_org])
    event = EventFactory(slug="later", starts_on=now.date() + dt.timedelta(days=60))
    session = Session.objects.create(
        event=event, date=event.starts_on, start_time=dt.time(9), end_time=dt.time(10)
    )
    slot = Slot.objects.create(
        session=session,
        starts_at=now + dt.timedelta(days=60),
        ends_at=now + dt.timedelta(days=60, minutes=30),
    )
    shown = ProfileFactory(ref="OF-LATER", status="draft", organisation=provider_org)
    a = ParticipantFactory(event=event, user=seeker, profiles=[shown])
    b = ParticipantFactory(event=event, user=provider)
    req = MeetingRequest.objects.create(event=event, sender=a, receiver=b, status="accepted")
    Meeting.objects.create(request=req, slot=slot, table=1)
    ProfileFactory(ref="OF-AHEAD", status="published", published_at=now + dt.timedelta(days=3))


@pytest.mark.django_db
def test_future_dated_records_never_count_as_done(
    world, provider_org, seeker_org, provider, seeker
):
    before = funnel.counts(Filters())
    _future_records(world, provider_org, seeker_org, provider, seeker)
    assert dashboard.totals(Filters()) == HAND
    run = summary.refresh_summary()
    assert dashboard.totals(Filters(), run=run) == HAND
    this_year = timezone.now().year
    for key, fn in figures.KPIS.items():
        years = engine.count(fn(), Filters(), "year")
        assert all(y <= this_year for y in years), (key, years)
    # The funnel neither starts from OF-AHEAD (published in three days) nor counts the
    # agreement signed next month, live and from the summary alike.
    assert [s["reached"] for s in before] == [4, 3, 3, 2, 2, 2]
    assert funnel.counts(Filters()) == before
    assert funnel.counts_from_summary(Filters()) == before


@pytest.mark.django_db
def test_meeting_held_means_slot_ended_and_not_no_show(world):
    held = Meeting.objects.filter(no_show=False).get()
    assert engine.count(figures.meetings_held(), Filters()) == 1
    Slot.objects.filter(pk=held.slot_id).update(ends_at=timezone.now() + dt.timedelta(minutes=5))
    assert engine.count(figures.meetings_held(), Filters()) == 0  # still running: not yet held
    Slot.objects.filter(pk=held.slot_id).update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    Meeting.objects.filter(pk=held.pk).update(no_show=True)
    assert engine.count(figures.meetings_held(), Filters()) == 0


@pytest.mark.django_db
def test_year_breakdown_adds_up_to_the_headline(world):
    """A profile published in 2024 and shown at a 2025 event is one 2024 project."""
    run = summary.refresh_summary()
    for r in (None, run):
        table = dashboard.breakdown(Filters(), "year", run=r)
        assert table["unassigned"] is None
        for key in figures.FIGURES:
            assert sum(row["values"][key] for row in table["rows"]) == HAND[key], (key, r)
    promoted = dashboard.breakdown(Filters(), "year", ("promoted",), run=run)
    assert {row["key"]: row["values"]["promoted"] for row in promoted["rows"]} == {
        2024: 1,
        2025: 4,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("by", engine.DIMENSIONS)
def test_breakdowns_add_up_with_unassigned_row(world, by):
    run = summary.refresh_summary()
    for r in (None, run):
        table = dashboard.breakdown(Filters(), by, run=r)
        for key in figures.FIGURES:
            if key in table["not_applicable"]:
                assert all(row["values"][key] is None for row in table["rows"])
                continue
            rows = sum(row["values"][key] for row in table["rows"])
            unassigned = (table["unassigned"] or {"values": {}})["values"].get(key) or 0
            if key in table["several"]:
                assert rows + unassigned >= HAND[key], (by, key)
            else:
                assert rows + unassigned == HAND[key], (by, key)
            assert table["totals"][key] == HAND[key]


@pytest.mark.django_db
def test_unassigned_rows_hold_items_without_a_value(world):
    table = dashboard.breakdown(Filters(), "event", ("agreements", "interests"))
    # A2 was signed outside any event; neither deal names an event
    assert table["unassigned"]["values"] == {"agreements": 1, "interests": 2}
    assert table["unassigned"]["label"] == "Not at an event"
    by_sector = dashboard.breakdown(Filters(), "sector", ("agreements",))
    # A2 links no profile, so no sector; A1 (agriculture) counts under its sector
    assert by_sector["unassigned"]["values"] == {"agreements": 1}
    assert by_sector["several"] == ["agreements"]


@pytest.mark.django_db
def test_figure_without_the_filtered_dimension_is_not_applicable(broker, world):
    event = world["event"].pk
    assert dashboard.totals(Filters(event=event))["matches"] is None
    summary.refresh_summary()
    body = login(broker).get(reverse("insights:dashboard"), {"event": event}).content.decode()
    assert card(body, "matches") == "—"
    assert "Not applicable to these filters." in body
    assert card(body, "agreements") == "1"
    # Broken down by event (not filtered), matches keep their card; only their column is "—"
    body = login(broker).get(reverse("insights:dashboard"), {"by": "event"}).content.decode()
    assert card(body, "matches") == "2"


@pytest.mark.django_db
def test_pages_show_each_definition_and_count_labels(broker, client, world):
    summary.refresh_summary()
    body = login(broker).get(reverse("insights:dashboard")).content.decode()
    for figure in figures.FIGURES.values():
        assert f'title="{figure.definition}"'.replace("'", "&#x27;") in body
    assert body.count("What is counted") == len(figures.FIGURES)
    assert "Agreements signed" in body and "Profiles in an agreement" in body
    assert "The funnel counts profiles" in body
    impact = client.get(reverse("insights:impact")).content.decode()
    assert str(figures.DEFINITIONS["meetings"]) in impact
    assert "Matches suggested" not in impact  # not a public figure


def _everywhere(client_broker, client_anon) -> dict:
    """{place: {figure: value}} for every place that shows the figures."""
    dash = client_broker.get(reverse("insights:dashboard")).content.decode()
    impact = client_anon.get(reverse("insights:impact")).content.decode()
    api = client_broker.get("/api/v1/insights/kpis/").json()["totals"]
    stats = client_anon.get("/api/v1/open/statistics/").json()["totals"]
    rows = list(
        csv.reader(
            io.StringIO(
                client_broker.get(reverse("insights:download", args=["csv"])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    header, total = rows[0], rows[-1]
    by_label = {str(f.label): k for k, f in figures.FIGURES.items()}
    home = client_anon.get("/").content.decode()
    return {
        "home": {
            k: int(re.search(rf'id="figure-{k}"[^>]*><b>(\d+)</b>', home).group(1))
            for k in ("agreements", "meetings")
        },
        "dashboard": {k: int(card(dash, k)) for k in figures.FIGURES},
        "impact": {k: int(card(impact, k)) for k in figures.PUBLIC_KPIS},
        "api": api,
        "open statistics": stats,
        "csv": {by_label[h]: int(v) for h, v in zip(header[1:], total[1:], strict=True)},
    }


def _agree(places: dict, expected: dict) -> None:
    for place, found in places.items():
        assert found == {k: expected[k] for k in found}, place


@pytest.mark.django_db
def test_every_place_agrees_after_a_write_and_the_refresh(
    broker, client, world, provider_org, django_capture_on_commit_callbacks
):
    from celery import current_app

    from lintas.insights import tasks

    summary.refresh_summary()
    c = login(broker)
    _agree(_everywhere(c, client), HAND)
    current_app.conf.task_always_eager = False  # queue on the in-memory broker, like a worker
    try:
        with django_capture_on_commit_callbacks(execute=True):
            agreement_domain.record_agreement(
                user=broker,
                data={
                    "title": "A3",
                    "type": "licence",
                    "signed_on": dt.date(2025, 6, 1),
                    "value": Decimal("10"),
                    "currency": "USD",
                },  # fmt: skip
                parties=[provider_org, world["vn_org"]],
            )
    finally:
        current_app.conf.task_always_eager = True
    assert list(PendingRefresh.objects.values_list("topic", flat=True)) == ["agreements"]
    _agree(_everywhere(c, client), HAND)  # not refreshed yet: the summary still says 2
    assert tasks.refresh_due.apply().get() > 0
    assert not PendingRefresh.objects.exists()
    expected = {**HAND, "agreements": 3, "enterprises": 4}  # VN org now served
    assert dashboard.totals(Filters()) == expected  # the live count agrees
    _agree(_everywhere(c, client), expected)
    run = summary.latest()
    # Only the new agreement's rows were replaced, no figure rebuilt whole.
    assert run.snapshot["last_partial"]["figures"] == []
    assert set(run.snapshot["last_partial"]["records"]) == {"enterprises", "agreements"}
    when = f"Figures as of {readable.datetime(run.finished_at, language='en')}"
    for page in (reverse("insights:dashboard"), reverse("insights:impact"), "/"):
        assert when in c.get(page).content.decode(), page


@pytest.mark.django_db
def test_a_burst_of_writes_queues_one_refresh(world):
    from celery import current_app

    summary.refresh_summary()
    current_app.conf.task_always_eager = False
    try:
        queued = [refresh.request(topics=("deals",)) for _ in range(5)]
        queued += [refresh.request(topics=("deals", "matches"))]
    finally:
        current_app.conf.task_always_eager = True
    assert queued == [True, False, False, False, False, True]  # "matches" was new
    assert sorted(PendingRefresh.objects.values_list("topic", flat=True)) == ["deals", "matches"]
    run = refresh.run_due()
    assert set(run.snapshot["last_partial"]["figures"]) == {
        "enterprises", "matches", "interests", "introductions"
    }  # fmt: skip
    assert run.snapshot["last_partial"]["funnel"] is True
    assert refresh.run_due() is None  # nothing pending: the second queued task does nothing


@pytest.mark.django_db
def test_rolled_back_write_schedules_nothing(broker, world, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        agreement_domain.record_agreement(
            user=broker, data={"title": "x", "type": "mou"}, parties=[]
        )
    assert callbacks == []
    assert not PendingRefresh.objects.exists()


@pytest.mark.django_db
def test_partial_refresh_equals_full_rebuild(world, provider_org):
    summary.refresh_summary()
    Agreement.objects.filter(title="A2").update(signed_on=dt.date(2023, 1, 1))
    partial = summary.refresh_figures(["agreements", "enterprises"], funnel_rows=True)
    snap = {k: partial.snapshot[k] for k in ("totals", "assigned")}
    breakdowns = {d: sorted(map(tuple, rows)) for d, rows in partial.snapshot["breakdowns"].items()}
    full = summary.refresh_summary()
    assert snap == {k: full.snapshot[k] for k in ("totals", "assigned")}
    assert breakdowns == {
        d: sorted(map(tuple, rows)) for d, rows in full.snapshot["breakdowns"].items()
    }
    assert partial.snapshot["funnel"] == full.snapshot["funnel"]


@pytest.mark.django_db
def test_organisation_edit_moves_the_country_figures(
    world, provider_org, broker, django_capture_on_commit_callbacks
):
    """An organisation's country places its agreements in the country breakdown: editing it on
    its page refreshes the summary (eager Celery here: at once), and every reader agrees."""
    summary.refresh_summary()

    def agreements_by_country():
        table = dashboard.breakdown(Filters(), "country", ("agreements",), run=summary.latest())
        return {row["key"]: row["values"]["agreements"] for row in table["rows"]}

    before = agreements_by_country()
    assert before.get("CN") == 2 and "MY" not in before
    client = login(broker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:organisation_edit", args=[provider_org.slug]),
            {"name": provider_org.name, "type": provider_org.type, "country": "MY"},
        )
    assert response.status_code == 302
    after = agreements_by_country()
    assert after.get("MY") == 2 and "CN" not in after
    api = login(broker).get("/api/v1/insights/kpis/?country=MY")
    assert api.status_code == 200 and api.json()["totals"]["agreements"] == 2


@pytest.mark.django_db
def test_organisation_edit_in_the_admin_refreshes_too(
    world, provider_org, admin_user, django_capture_on_commit_callbacks
):
    summary.refresh_summary()
    client = login(admin_user)
    url = reverse("admin:core_organisation_change", args=[provider_org.pk])
    assert client.get(url).status_code == 200
    data = {
        "slug": provider_org.slug,
        "name": provider_org.name,
        "type": provider_org.type,
        "country": "LA",
        "province": "",
        "website": "",
        "description": "",
        "name_local": "",
        "size": "",
        "member_type": "",
        "member_since": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    table = dashboard.breakdown(Filters(), "country", ("agreements",), run=summary.latest())
    assert {row["key"]: row["values"]["agreements"] for row in table["rows"]}.get("LA") == 2
