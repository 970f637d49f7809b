"""A write refreshes only the summary rows built from the records it touched, and the figures it
leaves are exactly those of a full rebuild and of the live definitions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from lintas.brokerage.domain import declines
from lintas.brokerage.models import Agreement, Deal
from lintas.catalogue.models import Profile
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.models import Organisation
from lintas.events.models import Meeting, Participant
from lintas.insights.domain import engine, figures, refresh, summary
from lintas.insights.models import FunnelDuration, KpiFact, PendingObject, ProfileFunnel
from lintas.matching.models import Match
from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def _key(row):
    return tuple((v is None, str(v)) for v in row)


def _state(run) -> dict:
    """Everything the readers use: the stored figures, every fact row, every funnel row."""
    fact_cols = [f.name for f in KpiFact._meta.fields if f.name != "id"]
    return {
        "totals": run.snapshot["totals"],
        "assigned": run.snapshot["assigned"],
        "breakdowns": {
            d: sorted(map(tuple, rows), key=_key) for d, rows in run.snapshot["breakdowns"].items()
        },
        # The per-filter funnel is left out after a per-profile refresh (pages read the rows,
        # test_summary compares both); the rest of the funnel must match.
        "funnel": {k: v for k, v in (run.snapshot["funnel"] or {}).items() if k != "by_filter"},
        "money": run.snapshot.get("money"),
        "facts": sorted(KpiFact.objects.values_list(*fact_cols), key=_key),
        "funnel rows": sorted(
            ProfileFunnel.objects.values_list(
                "profile_id", "furthest", "year", "country", "broker"
            ),
            key=_key,
        ),
        "durations": sorted(
            (
                (s, p, None if secs is None else round(secs, 3), y, c, b)
                for s, p, secs, y, c, b in FunnelDuration.objects.values_list(
                    "step", "profile_id", "secs", "year", "country", "broker"
                )
            ),
            key=_key,
        ),
    }


def _live() -> dict:
    """Totals and every breakdown counted live from the definitions (no summary)."""
    out: dict = {"totals": {}, "breakdowns": {d: set() for d in engine.DIMENSIONS}}
    for key, figure in figures.FIGURES.items():
        sources = figure.sources()
        out["totals"][key] = engine.count(sources)
        for dim in engine.DIMENSIONS:
            for k, n in engine.count(sources, engine.NO_FILTERS, dim).items():
                out["breakdowns"][dim].add((key, k, n))
    return out


def _publish(world):
    Profile.objects.filter(pk=world["o3"].pk).update(
        status="published", published_at=timezone.now() - dt.timedelta(days=1)
    )
    return "publications", [world["o3"].pk]


def _edit_sectors(world):
    world["n1"].sectors.set([SectorFactory(slug="agri-tech")])
    return "profiles", [world["n1"].pk]


def _withdraw(world):
    Profile.objects.filter(pk=world["o2"].pk).update(status="withdrawn", published_at=None)
    return "profiles", [world["o2"].pk]


def _introduce(world):
    Deal.objects.filter(pk=world["d2"].pk).update(
        introduced_at=timezone.now() - dt.timedelta(hours=1), stage="introduced"
    )
    return "deals", [world["d2"].pk]


def _agreement(world):
    a = Agreement.objects.create(
        title="A3", type="licence", signed_on=dt.date(2023, 5, 1), value=Decimal("7"),
        currency="USD", deal=world["d2"],
    )  # fmt: skip
    a.parties.set([world["vn_org"], world["th_org"]])
    a.profiles.set([world["o2"]])
    return "agreements", [a.pk]


def _agreement_parties(world):
    a = Agreement.objects.get(title="A2")
    a.parties.set([world["vn_org"]])  # the provider and the Thai organisation leave it
    return "agreements", [a.pk]


def _no_show(world):
    m = Meeting.objects.get(no_show=False)
    Meeting.objects.filter(pk=m.pk).update(no_show=True)
    return "meetings", [m.pk]


def _held(world):
    m = Meeting.objects.get(no_show=True)
    Meeting.objects.filter(pk=m.pk).update(no_show=False)
    return "meetings", [m.pk]


def _country(world):
    org = Organisation.objects.get(slug=world["th_org"].slug)
    Organisation.objects.filter(pk=org.pk).update(country="LA")
    return "organisations", [org.pk]


def _dismiss(world):
    m = Match.objects.filter(dismissed=False).order_by("pk").first()
    Match.objects.filter(pk=m.pk).update(dismissed=True)
    return "matches", [m.pk]


def _reject(world):
    p = Participant.objects.get(user__username="viet")  # showed the draft OF-3
    Participant.objects.filter(pk=p.pk).update(status="rejected")
    return "participants", [p.pk]


WRITES = {
    "profile published": _publish,
    "profile's sectors edited": _edit_sectors,
    "profile withdrawn and unpublished": _withdraw,
    "introduction": _introduce,
    "agreement recorded": _agreement,
    "agreement parties changed": _agreement_parties,
    "meeting marked no-show": _no_show,
    "meeting held after all": _held,
    "organisation country changed": _country,
    "match dismissed": _dismiss,
    "participant rejected": _reject,
}


@pytest.mark.parametrize("write", WRITES)
def test_record_refresh_equals_full_rebuild_and_live(world, write):
    summary.refresh_summary()
    before = _state(summary.latest())
    topic, ids = WRITES[write](world)
    assert refresh.request(topics=(topic,), ids=ids)  # eager Celery: refreshed at once
    run = summary.latest()
    assert run.snapshot["last_partial"]["figures"] == []  # nothing rebuilt whole
    assert run.snapshot["last_partial"]["records"]  # ...but the touched records' rows
    after = _state(run)
    live = _live()
    assert after["totals"] == live["totals"]
    for dim in engine.DIMENSIONS:
        assert set(after["breakdowns"][dim]) == live["breakdowns"][dim], dim
    assert after == _state(summary.refresh_summary())
    if write != "profile withdrawn and unpublished":
        assert after != before  # the write moved something, and the refresh followed


def test_decline_through_its_domain_function_refreshes_its_record(
    world, broker, django_capture_on_commit_callbacks
):
    summary.refresh_summary()
    with django_capture_on_commit_callbacks(execute=True):
        reason = declines.record_reason(user=broker, code="", profile=world["o2"], deal=world["d2"])
    run = summary.latest()
    assert run.snapshot["last_partial"]["records"] == {"declines": 1}
    assert run.snapshot["totals"]["declines"] == 1
    assert KpiFact.objects.filter(kpi="declines", root=reason.pk).exists()
    assert _state(run) == _state(summary.refresh_summary())


def test_a_burst_of_record_writes_is_one_refresh_of_their_rows(
    world, django_capture_on_commit_callbacks
):
    from celery import current_app

    summary.refresh_summary()
    current_app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for deal in (world["d1"], world["d2"], world["d2"]):
                schedule_refresh("deals", ids=[deal.pk])
    finally:
        current_app.conf.task_always_eager = True
    assert sorted(PendingObject.objects.values_list("obj", flat=True)) == sorted(
        [world["d1"].pk, world["d2"].pk]
    )
    Deal.objects.filter(pk=world["d2"].pk).update(introduced_at=timezone.now())
    run = refresh.run_due()
    assert not PendingObject.objects.exists()
    # Two deals, each on both sides; enterprises also the agreement A1 (its broker is D1's).
    assert run.snapshot["last_partial"]["records"] == {
        "interests": 4,
        "introductions": 4,
        "enterprises": 5,
    }
    assert run.snapshot["totals"]["introductions"] == 2
    assert _state(run) == _state(summary.refresh_summary())


def test_a_write_without_records_rebuilds_the_figure_whole(world):
    summary.refresh_summary()
    refresh.request(topics=("deals",), ids=[world["d1"].pk])
    refresh.request(topics=("deals",))
    run = summary.latest()
    assert run.snapshot["last_partial"]["figures"] == ["enterprises", "interests", "introductions"]


def test_past_the_limit_a_figure_is_rebuilt_whole(world, monkeypatch):
    summary.refresh_summary()
    monkeypatch.setattr(summary, "MAX_OBJECTS", 0)
    Deal.objects.filter(pk=world["d2"].pk).update(introduced_at=timezone.now())
    refresh.request(topics=("deals",), ids=[world["d2"].pk])
    run = summary.latest()
    assert run.snapshot["last_partial"]["figures"] == ["enterprises", "interests", "introductions"]
    assert run.snapshot["totals"]["introductions"] == 2
    assert _state(run) == _state(summary.refresh_summary())


def test_schedule_refresh_refuses_ids_for_two_topics():
    with pytest.raises(ValueError):
        schedule_refresh("deals", "matches", ids=[1])
