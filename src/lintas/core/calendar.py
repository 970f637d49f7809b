"""iCalendar files: the one writer behind every ``.ics`` Lintas serves (a participant's agenda,
a forum programme, a competition final's pitch schedule).

Each caller only says what its items are; the file is built the same way everywhere. Times are
always written in UTC (``DTSTART:20300520T030000Z``): an instant needs no ``VTIMEZONE``
component, and calendar apps show it in their reader's own zone. UIDs are the caller's and must
stay stable when an item moves, so calendar apps move it instead of adding another; they end
with :func:`site_host`, so two Lintas sites never share one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent


def site_host() -> str:
    """The host of ``SITE_URL`` (``lintas.example`` for ``https://lintas.example/``), the
    right-hand side of every UID; ``lintas`` when the setting has no host."""
    return settings.SITE_URL.split("//")[-1].split("/")[0] or "lintas"


def _utc(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        # A naive time is a bug of the caller: in which zone would it be?
        raise ValueError(f"calendar items need aware datetimes, got {value!r}")
    return value.astimezone(dt.UTC)


def ics(*, name: str, prodid: str, items: Iterable[Mapping]) -> bytes:
    """An iCalendar file named ``name`` (``X-WR-CALNAME``) with one VEVENT per item.

    An item is a mapping with ``uid``, ``starts_at`` and ``ends_at`` (aware datetimes, in any
    zone), ``summary``, and optionally ``location``, ``description`` and ``url``; optional
    fields that are missing or empty are left out, other keys ignored (the events'
    ``event_calendar_items`` also carry a ``title`` for pages)."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC)
    for item in items:
        event = IcsEvent()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(item["starts_at"]))
        event.add("dtend", _utc(item["ends_at"]))
        event.add("summary", item["summary"])
        for key in ("location", "description", "url"):
            if item.get(key):
                event.add(key, item[key])
        cal.add_component(event)
    return cal.to_ical()
