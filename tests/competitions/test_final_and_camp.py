"""The final's pitch schedule and ICS; the camp through the programmes' training machinery."""

import datetime as dt

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lintas.competitions.domain import camps, final
from lintas.programmes.domain import training
from tests.competitions.conftest import make_entry
from tests.factories import TalentFactory


@pytest.fixture
def finalists(competition):
    stage = competition.stages.get(is_final=True)
    made = [make_entry(competition, name=f"E{i}", stage=stage) for i in range(5)]
    made += [make_entry(competition, name=f"T{i}", group="team", stage=stage) for i in range(3)]
    return stage, made


def test_schedule_seven_plus_five_with_breaks_one_room_per_group(officer, finalists):
    stage, _made = finalists
    start = timezone.make_aware(dt.datetime(2027, 5, 20, 9, 0))
    slots = final.build_schedule(user=officer, stage=stage, starts_at=start,
                                 rooms=["Hall A", "Hall B"], block=4, break_minutes=15)  # fmt: skip
    hall_a = [s for s in slots if s.room == "Hall A"]
    assert [s.kind for s in hall_a] == ["pitch"] * 4 + ["break"] + ["pitch"]
    assert all(s.entry.group.kind == "enterprise" for s in hall_a if s.entry)
    first = hall_a[0]
    assert (first.pitch_ends_at - first.starts_at) == dt.timedelta(minutes=7)
    assert (first.ends_at - first.starts_at) == dt.timedelta(minutes=12)
    assert hall_a[4].starts_at == start + dt.timedelta(minutes=48)
    assert hall_a[5].starts_at == start + dt.timedelta(minutes=63)
    hall_b = [s for s in slots if s.room == "Hall B"]
    assert [s.entry.project_name for s in hall_b] == ["T0", "T1", "T2"]
    assert hall_b[0].starts_at == start


def test_schedule_in_one_room_runs_groups_one_after_the_other(officer, finalists):
    stage, _made = finalists
    start = timezone.make_aware(dt.datetime(2027, 5, 20, 9, 0))
    slots = final.build_schedule(user=officer, stage=stage, starts_at=start, rooms=["Hall"],
                                 block=10)  # fmt: skip
    assert len(slots) == 8 and slots[-1].ends_at == start + dt.timedelta(minutes=96)
    ends = [s.ends_at for s in slots]
    assert all(a.starts_at == b for a, b in zip(slots[1:], ends, strict=False))


def test_ics_has_one_event_per_slot_with_stable_uids(officer, finalists):
    stage, _made = finalists
    start = timezone.make_aware(dt.datetime(2027, 5, 20, 9, 0))
    final.build_schedule(user=officer, stage=stage, starts_at=start, rooms=["Hall A", "Hall B"])
    cal = icalendar.Calendar.from_ical(final.ics(stage))
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 9  # 8 pitches and one break
    assert str(events[0]["location"]) in ("Hall A", "Hall B")
    again = icalendar.Calendar.from_ical(final.ics(stage))
    assert {str(e["uid"]) for e in events} == {str(e["uid"]) for e in again.walk("VEVENT")}


def test_ics_uids_keep_their_form_and_times_are_utc(officer, finalists, settings):
    """Calendar apps recognise an event by its UID: pitch-<stage>-<room>-<start in UTC>@<host>,
    as the final's file has always written it."""
    settings.SITE_URL = "https://lintas.example"
    stage, _made = finalists
    start = timezone.make_aware(dt.datetime(2027, 5, 20, 9, 0))  # 01:00 UTC
    final.build_schedule(user=officer, stage=stage, starts_at=start, rooms=["Hall A"])
    raw = final.ics(stage)
    first, *_rest = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(first["uid"]) == f"pitch-{stage.pk}-Hall A-202705200100@lintas.example"
    assert b"DTSTART:20270520T010000Z" in raw and b"TZID" not in raw
    assert str(first["description"]) == "7 min pitch, then questions"
    breaks = [e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
              if str(e["summary"]) == "Break"]  # fmt: skip
    assert breaks and all("description" not in e for e in breaks)


def test_schedule_refused_to_non_officers(seeker, finalists):
    stage, _made = finalists
    with pytest.raises(PermissionDenied):
        final.build_schedule(user=seeker, stage=stage, starts_at=timezone.now(), rooms=["A"])


def test_camp_uses_training_sessions_attendance_and_certificates(officer, competition):
    mentor = TalentFactory(name="Mentor")
    member = TalentFactory(name="Member")
    entry = make_entry(
        competition, name="Rice robot", group="team",
        members=[{"name": "Member", "nationality": "LA", "talent": member},
                 {"name": "Other", "nationality": "TH"}],
    )  # fmt: skip
    camp = camps.create_camp(user=officer, competition=competition, name="Camp 2027",
                             location="Nanning")  # fmt: skip
    assert camps.add_to_cohort(user=officer, camp=camp, entry=entry) == 2
    camps.add_mentor(user=officer, camp=camp, talent=mentor)
    s1 = camps.add_session(user=officer, camp=camp, title="Pitching", date=dt.date(2027, 6, 1))
    camps.add_session(user=officer, camp=camp, title="Term sheets", date=dt.date(2027, 6, 2))
    people = list(camp.programme.participants.order_by("name"))
    assert [(p.name, p.country.code) for p in people] == [("Member", "LA"), ("Other", "TH")]
    assert people[0].user == member.user
    training.set_attendance(user=officer, session=s1, participant_ids=[people[0].pk])
    for session in camp.programme.sessions.all():
        training.set_attendance(user=officer, session=session, participant_ids=[people[0].pk])
    assert training.certificate(people[0])["earned"] is True
    assert training.certificate(people[1])["earned"] is False
    assert member.user.has_perm("programmes.view_certificate", people[0])


def test_a_finalist_who_withdraws_leaves_a_free_slot_until_the_schedule_is_built_again(
    client, officer, seeker, competition
):
    from django.urls import reverse
    from rest_framework.test import APIClient

    from lintas.core.models import AuditEntry
    from tests.factories import UserFactory

    stage = competition.stages.get(is_final=True)
    other = UserFactory(username="team-lead", role="seeker")
    for i in range(3):
        make_entry(competition, name=f"E{i}", stage=stage, submitted_by=seeker if i == 1 else None)
    for i in range(2):
        make_entry(competition, name=f"T{i}", group="team", stage=stage,
                   submitted_by=other if i == 0 else None)  # fmt: skip
    start = timezone.make_aware(dt.datetime(2027, 5, 20, 9, 0))
    built = final.build_schedule(user=officer, stage=stage, starts_at=start,
                                 rooms=["Hall A", "Hall B"], block=10)  # fmt: skip
    times = {s.entry.project_name: (s.room, s.starts_at) for s in built}
    uids = {str(e["summary"]).split(" ")[0]: str(e["uid"])
            for e in icalendar.Calendar.from_ical(final.ics(stage)).walk("VEVENT")}  # fmt: skip
    e1 = competition.entries.get(project_name="E1")

    # E1 withdraws on its page.
    client.force_login(seeker)
    response = client.post(reverse("competitions:entry_withdraw", args=[e1.pk]),
                           {"reason": "We were bought by a larger company."})  # fmt: skip
    assert response.status_code == 302
    assert (
        "1 pitch slot(s) freed"
        in AuditEntry.objects.get(summary__startswith="entry withdrawn").summary
    )
    client.logout()

    # The public agenda keeps the time free without naming the team; the others keep theirs.
    page = client.get(reverse("competitions:agenda", args=[stage.pk])).content.decode()
    assert "E1" not in page and "E0" in page and "E2" in page
    assert page.count('data-kind="withdrawn"') == 1
    assert "Free slot (the finalist withdrew)" in page
    rows = APIClient().get(f"/api/v1/competition-stages/{stage.pk}/agenda/").json()
    assert [r["project_name"] for r in rows if r["kind"] == "pitch"] == ["E0", "T0", "T1", "E2"]
    (freed,) = [r for r in rows if r["kind"] == "withdrawn"]
    assert (freed["entry"], freed["project_name"], freed["room"]) == (None, None, "Hall A")
    assert freed["starts_at"] == times["E1"][1].astimezone(dt.UTC).isoformat().replace(
        "+00:00", "Z"
    )
    for row in rows:
        if row["kind"] == "pitch":
            room, at = times[row["project_name"]]
            assert (row["room"], row["starts_at"]) == (room, at.isoformat().replace("+00:00", "Z"))
    ics = {str(e["uid"]): str(e["summary"])
           for e in icalendar.Calendar.from_ical(final.ics(stage)).walk("VEVENT")}  # fmt: skip
    assert ics[uids["E1"]] == "Free slot (the finalist withdrew)"  # calendars update the event
    assert not any(summary.startswith("E1") for summary in ics.values())
    # Nobody is "pitching now" in a free slot.
    assert final.now_pitching(stage, now=times["E1"][1] + dt.timedelta(minutes=1)) == [
        s for s in final.schedule(stage) if s.entry and s.entry.project_name == "T1"
    ]

    # T0 withdraws through the API; the officers' stage page names both free slots.
    api = APIClient()
    api.force_authenticate(other)
    t0 = competition.entries.get(project_name="T0")
    assert api.post(f"/api/v1/competition-entries/{t0.pk}/withdraw/", {"reason": "Visa refused."},
                    format="json").status_code == 200  # fmt: skip
    rows = APIClient().get(f"/api/v1/competition-stages/{stage.pk}/agenda/").json()
    assert [(r["kind"], r["room"]) for r in rows if r["entry"] is None] == [
        ("withdrawn", "Hall B"), ("withdrawn", "Hall A")]  # fmt: skip
    client.force_login(officer)
    notice = client.get(reverse("competitions:stage", args=[stage.pk])).content.decode()
    notice = notice.split('id="withdrawn-slots"')[1].split("</div>")[0]
    assert "E1: Hall A" in notice and "T0: Hall B" in notice

    # Building it again closes the gaps.
    api.force_authenticate(officer)
    response = api.post(f"/api/v1/competition-stages/{stage.pk}/schedule/",
                        {"starts_at": "2027-05-20T09:00:00", "rooms": ["Hall A", "Hall B"],
                         "block": 10}, format="json")  # fmt: skip
    assert response.status_code == 200
    assert [(r["kind"], r["project_name"], r["room"]) for r in response.json()] == [
        ("pitch", "E0", "Hall A"), ("pitch", "T1", "Hall B"), ("pitch", "E2", "Hall A")]  # fmt: skip
    assert (
        'id="withdrawn-slots"'
        not in client.get(reverse("competitions:stage", args=[stage.pk])).content.decode()
    )
