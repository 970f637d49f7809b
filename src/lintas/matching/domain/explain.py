"""Explanations a person can check: shared sectors, the key terms that matched in each side's
own words, TRL fit and country fit."""

from __future__ import annotations

import numpy as np

# Cosine of two language-centred key terms judged to mean the same. Raw cosines of single words
# from this model sit at 0.80–0.95 whatever the words mean; centred, unrelated pairs fall to
# 0.1–0.3 and translations (pompa/pump 0.70, garam/salt 0.78, irigasi/irrigation 0.47) stay high.
TERM_PAIR_THRESHOLD = 0.45


def key_terms_for(profile, k: int = 10) -> list[str]:
    """Author keywords first (already in the profile's words), then characteristic terms."""
    from lintas.matching.text import key_terms

    terms = [kw.strip() for kw in (profile.keywords or []) if kw.strip()]
    text = f"{profile.title}\n{profile.summary}\n{profile.description}"
    for term, _w in key_terms(text, profile.content_language, k=k * 2):
        if len(terms) >= k:
            break
        if term not in terms and len(term) > 1 and not term.isdigit():
            terms.append(term)
    return terms[:k]


def term_pairs(
    need_vec,
    offer_vec,
    *,
    need_lang: str,
    offer_lang: str,
    space=None,
    limit: int = 5,
    need_codes: frozenset | set = frozenset(),
    offer_codes: frozenset | set = frozenset(),
) -> list[dict]:
    """Pairs (need term, offer term) that are each other's best match and mean the same.

    An acronym or code (``*_codes``, ``ProfileVector.codes``) only pairs with itself: the small
    encoder finds ``pompa`` (pump) and ``POME`` (palm-oil mill effluent) alike because
    they share letters, but a code never translates into another word."""
    a, b = need_vec.term_matrix(), offer_vec.term_matrix()
    if not len(a) or not len(b):
        return []
    if space is not None:
        a, b = space.centre_terms(a, need_lang), space.centre_terms(b, offer_lang)
    sims = a @ b.T
    best_b, best_a = sims.argmax(axis=1), sims.argmax(axis=0)
    pairs, used_a, used_b = [], set(), set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), sims.shape[1])
        if sims[i, j] < TERM_PAIR_THRESHOLD or len(pairs) >= limit:
            break
        if i in used_a or j in used_b or best_b[i] != j or best_a[j] != i:
            continue
        a_term, b_term = need_vec.terms[i].casefold(), offer_vec.terms[j].casefold()
        if (a_term in need_codes or b_term in offer_codes) and a_term != b_term:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(
            {
                "need": need_vec.terms[i],
                "offer": offer_vec.terms[j],
                "similarity": round(float(sims[i, j]), 3),
            }
        )
    return pairs


def trl_fit(*, offer, need) -> dict:
    """Stored as data; the page words it in the reader's language."""
    ok = None if offer.trl is None or need.trl is None else offer.trl >= need.trl
    return {"ok": ok, "offer": offer.trl, "need": need.trl}


def country_fit(*, offer, need) -> dict:
    need_country = str(need.organisation.country)
    offer_country = str(offer.organisation.country)
    offer_targets = need_country in (offer.target_countries or [])
    need_targets = offer_country in (need.target_countries or [])
    return {
        "ok": offer_targets or need_targets,
        "offer_targets_need": offer_targets,
        "need_targets_offer": need_targets,
        "need_country": need_country,
        "offer_country": offer_country,
    }


def explain(*, offer, need, offer_vec, need_vec, dense: float, space=None) -> dict:
    need_sectors = {s.slug: s for s in need.sectors.all()}
    shared = [s.slug for s in offer.sectors.all() if s.slug in need_sectors]
    return {
        "dense": round(float(dense), 4),
        "sectors": shared,
        "terms": term_pairs(
            need_vec,
            offer_vec,
            need_lang=need.content_language,
            offer_lang=offer.content_language,
            space=space,
            # stored at indexing (ProfileVector.codes), from the same text the engine encodes
            need_codes=set(need_vec.codes),
            offer_codes=set(offer_vec.codes),
        ),
        "trl": trl_fit(offer=offer, need=need),
        "country": country_fit(offer=offer, need=need),
    }
