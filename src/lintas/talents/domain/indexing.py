"""Encode talents' own words for the expertise search.

Each talent becomes a handful of units: the sentences of their biography and each publication
(title and abstract). Units are encoded as passages with the platform's multilingual encoder
(``lintas.matching.encoder``) and stored in ``TalentText`` with their language, so a search
only encodes the query. Called after every write through the ``index_talent`` task, and by the
demo loader for all talents at once (one batch).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from lintas.talents.models import Talent, TalentText

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")


def sentences(text: str) -> list[str]:
    """A biography cut into sentences (Latin and CJK full stops); short scraps dropped."""
    return [p.strip() for p in _SENTENCE_END.split(text or "") if len(p.strip()) > 3]


def units(talent: Talent) -> list[tuple[str, int | None, str]]:
    """(kind, publication id, text) of everything the search compares with a query."""
    out = [(TalentText.BIO, None, s) for s in sentences(talent.bio)]
    for translation in talent.bio_translations.all():
        out += [(TalentText.BIO, None, s) for s in sentences(translation.text)]
    out += [(TalentText.PUBLICATION, p.pk, p.text()[:2000]) for p in talent.publications.all()]
    return out


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def index_talents(talent_ids, *, encoder=None) -> int:
    """Rebuild the units of these talents; returns how many texts were encoded."""
    from lintas.core import langid
    from lintas.matching.encoder import get_encoder

    encoder = encoder or get_encoder()
    talents = list(
        Talent.objects.filter(pk__in=list(talent_ids)).prefetch_related(
            "publications", "bio_translations"
        )
    )
    known = {
        t.text_hash: (bytes(t.vector), t.language)
        for t in TalentText.objects.filter(talent__in=talents).only(
            "text_hash", "vector", "language"
        )
    }
    plans = [(talent, units(talent)) for talent in talents]
    todo = {}
    for _talent, items in plans:
        for _kind, _pub, text in items:
            digest = text_hash(text, encoder.name)
            if digest not in known and digest not in todo:
                todo[digest] = text
    if todo:
        vectors = np.asarray(encoder.encode_passages(list(todo.values())), dtype=np.float32)
        for digest, text, vector in zip(todo, todo.values(), vectors, strict=True):
            known[digest] = (vector.tobytes(), langid.detect_language(text) or "")
    rows = []
    for talent, items in plans:
        for kind, pub, text in items:
            digest = text_hash(text, encoder.name)
            vector, language = known[digest]
            rows.append(
                TalentText(talent=talent, kind=kind, publication_id=pub, text=text,
                           language=language, text_hash=digest, vector=vector)
            )  # fmt: skip
    TalentText.objects.filter(talent__in=talents).delete()
    TalentText.objects.bulk_create(rows)
    return len(todo)


def schedule(talent_id: int) -> None:
    """Re-index a talent once the current transaction commits (a worker in production)."""
    from django.db import transaction

    from lintas.talents.tasks import index_talent

    transaction.on_commit(lambda: index_talent.delay(talent_id))
