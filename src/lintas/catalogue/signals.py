"""Signals the catalogue sends, for apps above it (matching, brokerage, ...) that take part in
a profile's page or its access rules without the catalogue importing them.

Each signal below is documented in docs/architecture.md ("Extension points"). Receivers are
connected with ``@receiver(signal, dispatch_uid=...)`` in the receiving app's ``receivers.py``,
imported by its ``AppConfig.ready()``; they run in the order the apps are installed.
"""

from django.dispatch import Signal

profile_panels = Signal()
"""Sent while a profile's page is rendered, to collect the panels shown below the profile.

Arguments: ``sender`` is the ``Profile`` class, ``request`` the current request, ``profile``
the profile shown. A receiver returns ``None`` (nothing to show to this person) or a dict
``{"template": "<app>/<file>.html", ...}``; the template is included with that dict as
``extra``. A receiver decides itself who sees its panel and must not change anything.

Connected by: matching (the matches panel), brokerage (the interest button or the open deal),
talents (experts for this offer or need).
"""

confidential_access = Signal()
"""Asked whether a signed-in person who neither belongs to the profile's organisation nor is a
broker may see the profile's confidential fields, contact details and confidential files.

Arguments: ``sender`` is the ``Profile`` class, ``user`` and ``profile``. A receiver returns
``True`` to grant access; any ``True`` grants it. It is asked by the page, the API, exports and
attachment downloads alike (``catalogue.domain.access.can_see_confidential``), so it must be
cheap; it may record that access was granted (brokerage writes an audit entry).

Connected by: brokerage (parties of an introduction both sides consented to).
"""

words_search = Signal()
"""Asked by the offer and need lists' "Words" box (and the API's ``q``) to rank profiles by a
free-text query in any language.

Arguments: ``sender`` is the ``Profile`` class, ``query`` the text, ``ids`` the ids of the
profiles the other filters left. A receiver returns the ids among ``ids`` that match the query,
best first (only those above its relevance floor), or ``None`` when it cannot answer. The first
answer is used (``catalogue.hooks.words_search``); without one the catalogue matches title and
summary literally.

Connected by: matching (the hybrid retrieval engine, ``matching.domain.search.ranked_ids``).
"""

public_profile_changed = Signal()
"""Sent after the transaction commits when what the public sees of a profile changed: it was
published, a published profile or its translation was edited, or it was withdrawn, archived or
expired.

Arguments: ``sender`` is the ``Profile`` class, ``profile_id`` the profile's id (read it again:
the receiver runs after the commit, possibly in another process later). Receivers return
nothing; they must not fail the request (queue work, as matching does).

Connected by: matching (re-encodes and re-indexes the profile, ``lintas.matching.index_profile``,
which also drops a profile that is no longer published).
"""

profile_published = Signal()
"""Sent after the transaction commits when a broker published a profile (its first publication
or again after a return to draft); not for edits of a published profile (see
``public_profile_changed``).

Arguments: ``sender`` is the ``Profile`` class, ``profile_id`` the profile's id (read it again:
the receiver runs after the commit). Receivers return nothing and must not fail the request.

Connected by: integrations (the ``profile.published`` webhook event).
"""
