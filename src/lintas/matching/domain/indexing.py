"""Indexing: encode a profile's public text, store the vector, refresh the in-process index,
and recompute its matches. Called by the ``index_profile`` task after publish, edit, archive."""

from __future__ import annotations

import hashlib

import numpy as np

from lintas.catalogue.enums import ProfileStatus
from lintas.matching.models import ProfileVector


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def store_vector(*, profile, encoder=None) -> ProfileVector:
    """Encode and store unless the stored vector already belongs to this exact text."""
    from lintas.matching.encoder import get_encoder
    from lintas.matching.text import segment_for_fts

    encoder = encoder or get_encoder()
    text = profile.text_for_matching()
    digest = text_hash(text, encoder.name)
    existing = ProfileVector.objects.filter(profile=profile).first()
    if existing and existing.text_hash == digest:
        return existing
    vector = np.asarray(encoder.encode_passages([text])[0], dtype=np.float32)
    values = {
        "model": encoder.name,
        "dim": int(vector.shape[0]),
        "text_hash": digest,
        "vector": vector.tobytes(),
        "tokens": segment_for_fts(text, profile.content_language),
    }
    obj, _ = ProfileVector.objects.update_or_create(profile=profile, defaults=values)
    return obj


def index_profile(*, profile) -> None:
    from lintas.matching.domain import recommend, search_index

    if profile.status == ProfileStatus.PUBLISHED:
        store_vector(profile=profile)
        search_index.refresh(profile_ids=[profile.pk])
        recommend.update_matches_for(profile=profile)
    else:
        search_index.refresh(profile_ids=[profile.pk])
        recommend.drop_matches_for(profile=profile)
