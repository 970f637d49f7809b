"""Whole-page cache of the public pages for anonymous visitors.

Why: most visits to the home page, the offer and need lists, a profile and the search page come
from people who are not signed in, and they all see the same page for the same address and
language. Rendering one costs tens of milliseconds of CPU (queries, twenty cards, the filters
with their counts, a search's encoding and ranking); answering from the cache costs about one.

What keeps it correct:

- only GET and HEAD from an anonymous visitor with no pending messages are answered from, or
  stored in, the cache; a signed-in person always gets a freshly rendered page;
- the key holds the view's *version* (given by the view: e.g. ``catalogue.queries.lists_version``,
  which every change to a public profile moves on, so a publication or an edit shows at once),
  the reader's language, the full path with its query, the host, and the HTMX headers (an HTMX
  request gets a fragment);
- a page is stored only if it is a plain 200 that sets no cookie and used no CSRF token (a page
  with a form that posts carries a per-visitor token and must never be served to someone else),
  and was not marked private or no-store;
- entries also expire after ``PAGE_CACHE_SECONDS`` (for what no version follows, e.g. an
  organisation's name); ``0`` switches the cache off.

The cache is Django's default cache: Redis when ``LINTAS_CACHE_URL`` is set (shared by every web
process, so a version moved by one process is seen by all), per-process memory otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

PREFIX = "page:"
# Response headers a cached page keeps (the middleware around the view adds the others again).
KEPT_HEADERS = ("Content-Type", "Content-Language", "HX-Push-Url", "HX-Trigger")


def _seconds(override: int | None) -> int:
    base = int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)
    if base <= 0:
        return 0
    return min(base, override) if override else base


def _anonymous_reader(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # A message waiting for this visitor (e.g. "you signed out") is shown by the next page.
    return not len(get_messages(request))


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if getattr(getattr(request, "session", None), "modified", False):
        return False
    control = {
        part.strip().lower().split("=")[0]
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not control & {"private", "no-store", "no-cache"}


def page_key(request, version: str) -> str:
    parts = "\n".join(
        [
            str(version),
            getattr(request, "LANGUAGE_CODE", "") or "",
            request.get_host(),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            request.headers.get("HX-Boosted", ""),
        ]
    )
    return PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def anonymous_page(version: Callable[..., str], *, seconds: int | None = None):
    """Decorate a public page's view: anonymous visitors get the page from the cache when the
    same page (``version(request, *args, **kwargs)``, language, address) was rendered before;
    a version of ``None`` renders afresh.
    ``seconds`` shortens ``PAGE_CACHE_SECONDS`` for a page whose figures follow no version."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            ttl = _seconds(seconds)
            if not ttl or not _anonymous_reader(request):
                return view(request, *args, **kwargs)
            current = version(request, *args, **kwargs)
            if current is None:  # this page, with these parameters, is not cached
                return view(request, *args, **kwargs)
            key = page_key(request, current)
            stored = cache.get(key)
            if stored is not None:
                response = HttpResponse(stored["content"])
                for header, value in stored["headers"]:
                    response[header] = value
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                cache.set(
                    key,
                    {
                        "content": response.content,
                        "headers": [(h, response[h]) for h in KEPT_HEADERS if h in response],
                    },
                    ttl,
                )
            return response

        return wrapped

    return decorator
