"""API extension points: apps register routes here from their AppConfig.ready()."""

EXTRA_ROUTES: list = []  # (prefix, viewset, basename)
EXTRA_URLS: list = []  # django.urls.path objects under /api/
