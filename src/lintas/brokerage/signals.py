"""Signals the brokerage sends, for apps above it (events, talents) that add to the broker's
work, and for integrations' webhooks, without the brokerage importing them.

Each signal below is documented in docs/architecture.md ("Extension points"). Receivers are
connected with ``@receiver(signal, dispatch_uid=...)`` in the receiving app's ``receivers.py``,
imported by its ``AppConfig.ready()``; they run in the order the apps are installed.
"""

from django.dispatch import Signal

inbox_sections = Signal()
"""Asked while the broker's inbox is built (the page ``/deals/inbox/`` and ``/api/v1/inbox/``),
to collect the sections of work other apps keep for brokers.

Arguments: ``sender`` is None, ``filters`` a ``lintas.brokerage.domain.inbox.Filters`` (the
broker as ``filters.user``, ``scope`` "mine"/"countries"/"all", ``country``, ``sector`` slug,
``language``; a receiver applies each filter that has a meaning for its items and says in its
docstring which it cannot), ``lists`` whether the first items are wanted (the API asks only for
counts). A receiver returns a list of ``lintas.brokerage.domain.inbox.Section`` (key, title,
count, items and the ``template`` that shows one item as ``item``); the count is one query and
the list one more, whatever the number of items. It must not change anything.

Connected by: events (upcoming events with registrations to validate or schedules to run,
``events/inbox.py``), talents (consultations no talent has answered yet, ``talents/inbox.py``).
"""

interest_expressed = Signal()
"""Sent after commit when an interest opened a deal (a seeker or provider asked to be
introduced, a deal was opened after an event meeting, or a broker introduced a match).

Arguments: ``sender`` is the ``Deal`` class, ``deal_id`` the new deal's id. Receivers return
nothing.

Connected by: integrations (the ``interest.expressed`` webhook event).
"""

interest_sent_from_page = Signal()
"""Sent by the profile page's interest form (``/deals/interest/<ref>/``) right after the
interest opened a deal, inside that request, so an app above can attribute the interest to
what brought the visitor (the API's interests are not sent).

Arguments: ``sender`` is the ``Deal`` class, ``request`` the page's request, ``deal`` the new
deal. Receivers return nothing and must not refuse the interest.

Connected by: campaigns (an interest sent within the attribution window after the visitor
opened one of the campaign's offer pages is the campaign's, ``campaigns/receivers.py``).
"""

introduction_made = Signal()
"""Sent after commit when both sides of a deal consented and their contact details were
revealed to each other.

Arguments: ``sender`` is the ``Deal`` class, ``deal_id``. Receivers return nothing.

Connected by: integrations (the ``introduction.made`` webhook event).
"""

agreement_recorded = Signal()
"""Sent after commit when a broker recorded a signed agreement.

Arguments: ``sender`` is the ``Agreement`` class, ``agreement_id``. Receivers return nothing.

Connected by: integrations (the ``agreement.recorded`` webhook event).
"""
