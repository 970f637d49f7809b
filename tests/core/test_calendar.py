"""The one iCalendar writer (lintas.core.calendar): a real parse of what it writes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from lintas.core import calendar

BANGKOK = ZoneInfo("Asia/Bangkok")


def parse(raw: bytes):
    cal = Calendar.from_ical(raw)
    return cal, cal.walk("VEVENT")


def test_ics_writes_every_item_in_utc_whatever_zone_it_came_in():
    items = [
        {
            "uid": "session-1@lintas.example",
            "starts_at": dt.datetime(2030, 5, 20, 10, 0, tzinfo=BANGKOK),  # 03:00 UTC
            "ends_at": dt.datetime(2030, 5, 20, 11, 30, tzinfo=BANGKOK),
            "summary": "Forum 2030: Energy",
            "location": "Hall B, Nanning",
            "description": "Solar dryers — Siti Rahma\nSalt-tolerant rice — Chen Wei",
            "url": "https://meet.example.org/lintas-forum",
            "title": "Energy",  # a page's key: ignored
        },
        {
            "uid": "session-2@lintas.example",
            "starts_at": dt.datetime(2030, 5, 20, 6, 0, tzinfo=dt.UTC),
            "ends_at": dt.datetime(2030, 5, 20, 7, 0, tzinfo=dt.UTC),
            "summary": "Forum 2030: Agriculture",
        },
    ]
    raw = calendar.ics(name="Forum 2030", prodid="-//Lintas//test//EN", items=items)
    cal, (energy, agriculture) = parse(raw)
    assert str(cal["prodid"]) == "-//Lintas//test//EN"
    assert str(cal["version"]) == "2.0"
    assert str(cal["x-wr-calname"]) == "Forum 2030"
    assert str(energy["uid"]) == "session-1@lintas.example"
    assert energy.decoded("dtstart") == dt.datetime(2030, 5, 20, 3, 0, tzinfo=dt.UTC)
    assert energy.decoded("dtend") == dt.datetime(2030, 5, 20, 4, 30, tzinfo=dt.UTC)
    assert energy.decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert b"DTSTART:20300520T030000Z" in raw and b"DTEND:20300520T043000Z" in raw
    assert b"TZID" not in raw and b"VTIMEZONE" not in raw
    assert energy.decoded("dtstamp").utcoffset() == dt.timedelta(0)
    assert str(energy["summary"]) == "Forum 2030: Energy"
    assert str(energy["location"]) == "Hall B, Nanning"
    assert str(energy["description"]).splitlines() == [
        "Solar dryers — Siti Rahma",
        "Salt-tolerant rice — Chen Wei",
    ]
    assert str(energy["url"]) == "https://meet.example.org/lintas-forum"
    assert "title" not in energy
    # Missing optional fields are left out rather than written empty.
    assert str(agriculture["uid"]) == "session-2@lintas.example"
    assert b"DTSTART:20300520T060000Z" in raw
    assert [key for key in ("location", "description", "url") if key in agriculture] == []


def test_ics_leaves_out_empty_optional_fields():
    item = {
        "uid": "meeting-7@lintas.example",
        "starts_at": dt.datetime(2030, 5, 20, 9, 0, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2030, 5, 20, 9, 20, tzinfo=dt.UTC),
        "summary": "Matchmaking 2030: Siti Rahma",
        "location": "",
        "description": "",
        "url": "",
    }
    raw = calendar.ics(name="Matchmaking 2030", prodid="-//Lintas//test//EN", items=[item])
    _cal, (event,) = parse(raw)
    assert [key for key in ("location", "description", "url") if key in event] == []
    assert b"LOCATION" not in raw and b"DESCRIPTION" not in raw and b"URL" not in raw


def test_ics_without_items_is_an_empty_calendar():
    cal, events = parse(calendar.ics(name="Nothing yet", prodid="-//Lintas//test//EN", items=[]))
    assert events == [] and str(cal["x-wr-calname"]) == "Nothing yet"


def test_ics_refuses_a_naive_datetime():
    naive = dt.datetime(2030, 5, 20, 9, 0)
    item = {"uid": "x@lintas", "starts_at": naive, "ends_at": naive, "summary": "x"}
    with pytest.raises(ValueError, match="aware"):
        calendar.ics(name="x", prodid="-//Lintas//test//EN", items=[item])


@pytest.mark.parametrize(
    ("site_url", "host"),
    [
        ("https://lintas.example", "lintas.example"),
        ("https://lintas.example:8443/forum", "lintas.example:8443"),
        ("http://127.0.0.1:8000", "127.0.0.1:8000"),
        ("", "lintas"),
    ],
)
def test_site_host_is_the_host_of_site_url(settings, site_url, host):
    settings.SITE_URL = site_url
    assert calendar.site_host() == host
