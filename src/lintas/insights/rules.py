"""Who may see the network's figures beyond the public ones (django-rules): the dashboard and
its downloads are for brokers, programme officers and administrators; rebuilding the summary
is for brokers and administrators. Pages and the API (``KpiView``) ask the same permissions.
"""

from __future__ import annotations

import rules

from lintas.core.rules import is_broker


@rules.predicate
def is_officer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_officer)


# The dashboard page, its CSV/XLSX downloads and /api/v1/insights/kpis/.
rules.add_perm("insights.view_dashboard", is_broker | is_officer)
# Rebuild the dashboard's summary now.
rules.add_perm("insights.refresh_figures", is_broker)
