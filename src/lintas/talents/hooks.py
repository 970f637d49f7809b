"""Panels other pages show: "Experts for this" on a published offer or need.

Answers the catalogue's ``profile_panels`` signal (``lintas.talents.receivers``): the catalogue
sits below talents and must not import it."""

from __future__ import annotations

PANEL_SIZE = 3


def profile_vector(profile):
    """The passage vector the matching engine stored for a published profile, if it was
    encoded by the encoder in use (it then need not be encoded again)."""
    import numpy as np

    from lintas.matching.encoder import get_encoder
    from lintas.matching.models import ProfileVector

    row = ProfileVector.objects.filter(profile=profile).only("model", "vector").first()
    if row is None or row.model != get_encoder().name:
        return None
    return np.frombuffer(bytes(row.vector), dtype=np.float32)


def experts_extra(request, profile):
    """Talents whose own words cover a published offer (who could help transfer it) or need
    (who could solve it), for signed-in people; the owner's own people are left out."""
    from lintas.talents.domain import expertise, queries

    if not profile.is_published or not request.user.is_authenticated:
        return None
    talents = queries.listed().exclude(user__organisation_id=profile.organisation_id)
    hits = expertise.rank(
        user=request.user,
        text=profile.text_for_matching(),
        talents=talents,
        limit=PANEL_SIZE,
        vector=profile_vector(profile),
        language=profile.content_language,
    )
    if not hits:
        return None
    return {"template": "talents/_experts_panel.html", "hits": hits, "profile": profile}
