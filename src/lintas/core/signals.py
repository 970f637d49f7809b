"""Signals core sends, for apps above it that keep records core does not know about, and
the signals of apps side by side on one floor, which may not import each other (events sends
``event_panels`` and ``event_calendar_items``, talents answers): both import core.

Each signal below is documented in docs/architecture.md ("Extension points"). Receivers are
connected with ``@receiver(signal, dispatch_uid=...)`` in the receiving app's ``receivers.py``,
imported by its ``AppConfig.ready()``.
"""

from django.dispatch import Signal

organisation_delete_guards = Signal()
"""Asked before an organisation is deleted (page, admin and domain alike), to list the records
that name it and must outlive it.

Arguments: ``sender`` is the ``Organisation`` class, ``organisation`` the one to delete. A
receiver returns a list of short translated descriptions ("agreement “…”", "joint lab “…”");
an empty list means nothing of that app protects it. Any description blocks the deletion and
is shown to the person who asked. Foreign keys with ``on_delete=PROTECT`` need no receiver:
the domain reports them the same way.

Connected by: brokerage (agreements naming it as a party), network (joint labs naming it as a
partner).
"""

data_changed = Signal()
"""Sent after a transaction that changed records a derived summary is built from commits
(``core.domain.refresh.schedule_refresh``; never for a rolled-back write). Receivers must only
queue work, quickly, and must not raise.

Arguments: ``sender`` is None, ``topics`` a tuple of names from
``core.domain.refresh.TOPICS`` ("deals", "agreements", ...), ``ids`` None or the primary keys of
the records written (then ``topics`` holds one name). Receivers return nothing.

Connected by: insights (records the topics and queues one debounced refresh of the figures
they feed, docs/insights.md).
"""

event_panels = Signal()
"""Sent by events while an event's page is rendered, to collect the panels shown below its
sessions. It lives here because the apps that answer sit beside events on the same floor
(talents), and apps side by side do not import each other.

Arguments: ``sender`` is the ``Event`` class, ``request`` the current request, ``event`` the
event shown. A receiver returns ``None`` (nothing to show to this person) or a dict
``{"template": "<app>/<file>.html", ...}``; the template is included with that dict as
``extra``. A receiver decides itself who sees its panel and must not change anything.

Connected by: talents (the forum's open calls for abstracts and, once published, its
programme: sessions per topic with their speakers, ``talents.domain.abstracts.programme``).
"""

event_calendar_items = Signal()
"""Sent by events while a validated participant's personal agenda (the page, its print, the
ICS file, the API's ``agenda/sessions/`` and the reminder e-mail) is built, to collect the
forum's own sessions that apps beside events keep. It lives here for the same
reason as ``event_panels``.

Arguments: ``sender`` is the ``Event`` class, ``event`` the event, ``participant`` the
participant whose agenda it is. A receiver returns a list (empty: nothing to add) of dicts, one
per calendar item: ``uid`` (stable when the item moves, so calendar apps move it instead of
adding another), ``starts_at`` and ``ends_at`` (aware datetimes), ``title`` (the item's own
name, for the page), ``summary`` (the calendar entry's name), ``location`` and ``description``
(strings, may be empty). A receiver must not change anything.

Connected by: talents (the timed sessions of the event's published forum programmes, with the
UIDs of the programme's own calendar file, ``talents.domain.abstracts.programme_items``).
"""
