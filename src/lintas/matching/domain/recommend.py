"""Recommendations: for each published need its best offers and for each offer its best needs.

Scores are cross-lingual cosines with hubness reduction (CSLS, Lample et al. 2018): a generic
profile that is close to everything has a high neighbourhood mean, which is subtracted, so it
no longer tops every list. Small bonuses for shared sectors, TRL fit and country fit follow,
each visible in the explanation. Broker-pinned or dismissed matches are never overwritten.
"""

from __future__ import annotations

import numpy as np
from django.db import transaction

from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.matching.domain import explain as explain_mod
from lintas.matching.domain import search_index
from lintas.matching.models import Match, ProfileVector

TOP_N = 10
CANDIDATES = 50
KNN = 10
SECTOR_BONUS = 0.04
TRL_BONUS = 0.02
COUNTRY_BONUS = 0.02


def _published_ids(kind: str) -> list[int]:
    return list(
        Profile.objects.filter(kind=kind, status=ProfileStatus.PUBLISHED).values_list(
            "id", flat=True
        )
    )


def _neighbourhood_mean(index, vec: np.ndarray, allowed: list[int], k: int = KNN) -> float:
    _, scores = index.search(vec, k=k, allowed=allowed)
    return float(np.mean(scores)) if len(scores) else 0.0


def candidates_for(profile, *, limit: int = TOP_N) -> list[tuple[Profile, float, dict]]:
    """[(counterpart, score, explanation)] best first, for a published profile with a vector."""
    index = search_index.get_index()
    own = ProfileVector.objects.filter(profile=profile).first()
    if index is None or own is None:
        return []
    other_kind = ProfileKind.NEED if profile.kind == ProfileKind.OFFER else ProfileKind.OFFER
    others = _published_ids(other_kind)
    same = _published_ids(profile.kind)
    if not others:
        return []
    vec = own.as_array()
    ids, sims = index.search(vec, k=min(CANDIDATES, len(others)), allowed=others)
    r_own = _neighbourhood_mean(index, vec, others)
    counterpart = (
        Profile.objects.select_related("organisation")
        .prefetch_related("sectors")
        .in_bulk([int(i) for i in ids])
    )
    vectors = ProfileVector.objects.in_bulk([int(i) for i in ids], field_name="profile_id")
    results = []
    for pid, sim in zip(ids.tolist(), sims.tolist(), strict=True):
        other = counterpart[pid]
        r_other = _neighbourhood_mean(index, index.vector(pid), same)
        csls = 2 * sim - r_own - r_other
        offer, need = (profile, other) if profile.kind == ProfileKind.OFFER else (other, profile)
        offer_vec, need_vec = (
            (own, vectors[pid]) if profile.kind == ProfileKind.OFFER else (vectors[pid], own)
        )
        why = explain_mod.explain(
            offer=offer, need=need, offer_vec=offer_vec, need_vec=need_vec, dense=sim
        )
        why["csls"] = round(float(csls), 4)
        score = (
            csls
            + SECTOR_BONUS * bool(why["sectors"])
            + TRL_BONUS * bool(why["trl"]["ok"])
            + COUNTRY_BONUS * bool(why["country"]["ok"])
        )
        results.append((other, float(score), why))
    results.sort(key=lambda item: -item[1])
    return results[:limit]


@transaction.atomic
def update_matches_for(*, profile) -> int:
    """Replace the engine's matches of one profile; keep pinned, dismissed and broker matches."""
    found = candidates_for(profile)
    field, other_field = (
        ("offer", "need") if profile.kind == ProfileKind.OFFER else ("need", "offer")
    )
    keep = Match.objects.filter(**{field: profile}).filter(
        pinned=False, dismissed=False, source=Match.Source.ENGINE
    )
    keep.exclude(**{f"{other_field}__in": [o for o, _, _ in found]}).delete()
    for other, score, why in found:
        match, created = Match.objects.get_or_create(
            **{field: profile, other_field: other}, defaults={"score": score, "explanation": why}
        )
        if not created and not match.dismissed:
            Match.objects.filter(pk=match.pk).update(score=score, explanation=why)
    return len(found)


def drop_matches_for(*, profile) -> int:
    """An archived or expired profile leaves its engine matches; broker decisions stay on record."""
    field = "offer" if profile.kind == ProfileKind.OFFER else "need"
    deleted, _ = Match.objects.filter(
        **{field: profile}, source=Match.Source.ENGINE, pinned=False, dismissed=False
    ).delete()
    return deleted


def visible_matches(*, profile, include_dismissed: bool = False):
    field, other = ("offer", "need") if profile.kind == ProfileKind.OFFER else ("need", "offer")
    qs = Match.objects.filter(**{field: profile}, **{f"{other}__status": ProfileStatus.PUBLISHED})
    if not include_dismissed:
        qs = qs.filter(dismissed=False)
    return (
        qs.select_related(f"{other}__organisation")
        .prefetch_related(f"{other}__sectors")
        .order_by("-pinned", "-score")
    )
