"""Extension points for apps downstream of the catalogue (matching, brokerage).

DETAIL_EXTRAS: callables (request, profile) -> {"template": str, ...context} rendered on the
profile page, so the catalogue shows matches and interest buttons without importing them.
"""

DETAIL_EXTRAS: list = []
