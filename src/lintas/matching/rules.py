"""Who may do what with matches (django-rules): a profile's organisation and brokers see its
matches; brokers also see dismissed ones and pin or dismiss; the two parties and brokers rate
a match. Pages and the API ask these permissions; the domain
(:mod:`lintas.matching.domain.decisions`) checks them again with ``rules.has_perm``.
"""

from __future__ import annotations

import rules

from lintas.catalogue.domain.access import is_owner
from lintas.core.rules import is_broker


@rules.predicate
def owns_profile(user, profile) -> bool:
    return profile is not None and is_owner(user, profile)


@rules.predicate
def is_match_party(user, match) -> bool:
    return match is not None and (is_owner(user, match.offer) or is_owner(user, match.need))


# A profile's matches (panel on its page, /api/v1/profiles/<ref>/matches/). Object: Profile.
rules.add_perm("matching.view_matches", owns_profile | is_broker)
# Dismissed matches stay listed for brokers, who pin and dismiss. Object: Match (or none).
rules.add_perm("matching.view_dismissed_matches", is_broker)
rules.add_perm("matching.decide_match", is_broker)
# Relevant / not relevant: the two parties and brokers. Object: the Match.
rules.add_perm("matching.rate_match", is_match_party | is_broker)
