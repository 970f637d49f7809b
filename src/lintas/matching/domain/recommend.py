"""Recommendations: for each published need its best offers and for each offer its best needs.

The similarity of two profiles is the cosine of their language-centred vectors plus the
weighted evidence of the technical codes both write (UASB, RTK, PCR: ``lintas.matching.codes``;
language-neutral, so it cannot favour a profile's own language). Hubness reduction follows
(CSLS, Lample et al. 2018): a generic profile that is close to everything has a high
neighbourhood mean, which is subtracted, so it no longer tops every list. Bonuses for shared
sectors, TRL fit and country fit follow, each visible in the explanation. The weights were
chosen on the labelled offer–need set (``benchmarks/bench_matches.py``, docs/matching.md).
Broker-pinned or dismissed matches are never overwritten.
"""

from __future__ import annotations

import numpy as np
from django.db import transaction

from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.core.domain.refresh import schedule_refresh
from lintas.matching.domain import explain as explain_mod
from lintas.matching.domain.space import get_space
from lintas.matching.models import Match, ProfileVector

TOP_N = 10
CANDIDATES = 50
KNN = 10
CODE_WEIGHT = 0.30
SECTOR_BONUS = 0.12
TRL_BONUS = 0.02
COUNTRY_BONUS = 0.12


def _top_mean(sims: np.ndarray, k: int = KNN) -> np.ndarray:
    """Mean of the k largest values of each row (the CSLS neighbourhood term)."""
    k = max(1, min(k, sims.shape[-1]))
    return np.partition(sims, -k, axis=-1)[..., -k:].mean(axis=-1)


def candidates_for(profile, *, limit: int = TOP_N) -> list[tuple[Profile, float, dict]]:
    """[(counterpart, score, explanation)] best first, for a published profile with a vector.

    Exact search over the counterpart kind: sim = cosine of language-centred vectors (see
    domain/space.py) + CODE_WEIGHT × shared-code evidence; then CSLS: 2·sim − r(own) −
    r(candidate), where r is the mean sim to the 10 nearest profiles of the other side, which
    demotes hubs that are close to everything.
    """
    space = get_space()
    if space is None or profile.pk not in space.row_of:
        return []
    other_kind = ProfileKind.NEED if profile.kind == ProfileKind.OFFER else ProfileKind.OFFER
    other_rows, same_rows = space.rows(other_kind), space.rows(profile.kind)
    if not len(other_rows):
        return []
    # Best pair of texts per counterpart: the original or a translation on either side (a Thai
    # translation of a Chinese offer meets a Thai need in Thai), each profile counted once.
    row = space.row_of[profile.pk]
    dense = space.best_similarities(row, other_rows)
    sims = dense + CODE_WEIGHT * space.code_evidence(row, other_rows)[0]
    r_own = float(_top_mean(sims))
    top = np.argsort(-sims, kind="stable")[:CANDIDATES]
    cand_rows = other_rows[top]
    r_other = _top_mean(
        space.centred[cand_rows] @ space.centred[same_rows].T
        + CODE_WEIGHT * space.code_evidence(cand_rows, same_rows)
    )
    csls = 2 * sims[top] - r_own - r_other
    ids = [int(space.ids[r]) for r in cand_rows]
    counterpart = (
        Profile.objects.select_related("organisation")
        .prefetch_related("sectors", "translations")
        .in_bulk(ids)
    )
    vectors = ProfileVector.objects.in_bulk(ids, field_name="profile_id")
    own_vec = ProfileVector.objects.get(profile=profile)
    results = []
    for pid, sim, score in zip(ids, dense[top].tolist(), csls.tolist(), strict=True):
        other = counterpart[pid]
        offer, need = (profile, other) if profile.kind == ProfileKind.OFFER else (other, profile)
        offer_vec, need_vec = (
            (own_vec, vectors[pid])
            if profile.kind == ProfileKind.OFFER
            else (vectors[pid], own_vec)
        )
        why = explain_mod.explain(
            offer=offer, need=need, offer_vec=offer_vec, need_vec=need_vec, dense=sim, space=space
        )
        why["csls"] = round(float(score), 4)
        why["codes"] = [code.upper() for code in space.shared_codes(row, space.row_of[pid])]
        total = (
            score
            + SECTOR_BONUS * bool(why["sectors"])
            + TRL_BONUS * bool(why["trl"]["ok"])
            + COUNTRY_BONUS * bool(why["country"]["ok"])
        )
        results.append((other, float(total), why))
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
    schedule_refresh("matches")
    return len(found)


def drop_matches_for(*, profile) -> int:
    """An archived or expired profile leaves its engine matches; broker decisions stay on record."""
    field = "offer" if profile.kind == ProfileKind.OFFER else "need"
    deleted, _ = Match.objects.filter(
        **{field: profile}, source=Match.Source.ENGINE, pinned=False, dismissed=False
    ).delete()
    if deleted:
        schedule_refresh("matches")
    return deleted


def visible_matches(*, profile, include_dismissed: bool = False):
    field, other = ("offer", "need") if profile.kind == ProfileKind.OFFER else ("need", "offer")
    qs = Match.objects.filter(**{field: profile}, **{f"{other}__status": ProfileStatus.PUBLISHED})
    if not include_dismissed:
        qs = qs.filter(dismissed=False)
    return (
        qs.select_related(f"{other}__organisation")
        .prefetch_related(f"{other}__sectors", f"{other}__translations")
        .order_by("-pinned", "-score")
    )
