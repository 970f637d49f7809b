"""Who may do what in the brokerage (django-rules); see :mod:`lintas.core.rules` for the shape.

Pages ask ``request.user.has_perm("brokerage.<perm>", obj)``, the API names the same
permission per action with :class:`lintas.api.permissions.RulePermission`, and the domain
functions check it again before they change anything.
"""

from __future__ import annotations

import rules

from lintas.core.rules import is_broker

# The broker's inbox: what waits for a broker across the network (brokers and administrators).
rules.add_perm("brokerage.view_inbox", is_broker)
