"""Cross-lingual expertise search: rank talents by how well their own words cover a query or a
whole document (an offer, a need, a call), with the text of theirs that matched best.

The affinity engine of the platform does the scoring (``lintas.matching.affinity``: vectors
centred per language, then half the cosine to the centroid of the talent's texts and half the
best single text); only the texts the viewer may read take part
(:func:`lintas.talents.domain.access.view_for`), so a members-only publication neither moves a
visitor's ranking nor shows up in an explanation.

A short query (up to ``QUERY_WORDS`` words) is encoded as a query, a longer text as a passage
(document against document, as the reviewer assignment does): on the demo talents the query
form put the Chinese rice breeder second instead of third for "pemulia padi toleran garam".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from lintas.talents.domain import access
from lintas.talents.enums import MemberField
from lintas.talents.models import TalentText

QUERY_WORDS = 30
# Scores of the demo queries: relevant talents 0.2-0.47, unrelated ones below 0.15.
FLOOR = 0.15


@dataclass
class Hit:
    talent: object
    score: float
    text: str  # the talent's text that matched best, in their words
    kind: str  # "bio" or "publication"
    language: str
    publication: object = None


@functools.lru_cache(maxsize=256)
def _encode_query(text: str):
    """Query vector and language; cached, since panels and pages repeat the same texts."""
    from lintas.core import langid
    from lintas.matching.encoder import get_encoder

    encoder = get_encoder()
    short = len(text.split()) <= QUERY_WORDS and len(text) <= 400
    vector = (encoder.encode_queries if short else encoder.encode_passages)([text])
    return np.asarray(vector, dtype=np.float32), langid.detect_language(text) or ""


def rank(
    *, user, text: str, talents, limit: int = 20, floor: float = FLOOR, vector=None,
    language: str = "",
) -> list[Hit]:  # fmt: skip
    """``talents`` (a queryset, already filtered) ranked by expertise for ``text``; those
    below ``floor`` are left out. ``vector`` (with ``language``) is a passage vector already
    stored for ``text`` (a published profile's), which saves encoding it again."""
    from lintas.matching.affinity import dense_affinity
    from lintas.matching.retrieval import LanguageMeans

    text = (text or "").strip()
    talents = {t.pk: t for t in talents}
    if not text or not talents:
        return []
    member = access.is_member(user)
    units = list(
        TalentText.objects.filter(talent_id__in=list(talents))
        .select_related("publication")
        .only(
            "talent_id",
            "kind",
            "text",
            "language",
            "vector",
            "publication__title",
            "publication__year",
            "publication__kind",
        )  # fmt: skip
    )

    def visible(unit) -> bool:
        talent = talents[unit.talent_id]
        if member or access.is_own(user, talent):
            return True
        hidden = talent.members_only or []
        field = MemberField.BIO if unit.kind == TalentText.BIO else MemberField.PUBLICATIONS
        return field not in hidden

    units = [u for u in units if visible(u)]
    if not units:
        return []
    if vector is not None:
        query, query_language = np.asarray(vector, dtype=np.float32).reshape(1, -1), language
    else:
        query, query_language = _encode_query(text)
    vectors = np.vstack([np.frombuffer(bytes(u.vector), dtype=np.float32) for u in units])
    languages = [u.language for u in units]
    means = LanguageMeans.fit(np.vstack([vectors, query]), [*languages, query_language])
    centred = means.centre(vectors, languages)
    q = means.centre(query, [query_language])
    cosines = centred @ q[0]
    owners = np.asarray([u.talent_id for u in units])
    hits = []
    for talent_id in np.unique(owners):
        rows = np.flatnonzero(owners == talent_id)
        score = float(dense_affinity(centred[rows], q)[0])
        if score < floor:
            continue
        best = units[rows[int(np.argmax(cosines[rows]))]]
        hits.append(
            Hit(
                talent=talents[int(talent_id)],
                score=round(score, 4),
                text=best.publication.title if best.publication_id else best.text,
                kind=best.kind,
                language=best.language,
                publication=best.publication,
            )
        )
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]
