"""Indexing: encode a profile's public text, store the vector (the source of truth), refresh
the in-process index and full-text rows, and recompute its matches. Called by the
``index_profile`` task after publish, edit and archive, and by ``lintas reindex``."""

from __future__ import annotations

import hashlib

import numpy as np

from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Profile, ProfileTranslation
from lintas.matching.domain import fulltext
from lintas.matching.models import ProfileVector, TranslationVector


def text_hash(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def store_vectors(*, profiles, encoder=None, force: bool = False) -> int:
    """Encode (in batches) the profiles whose public text changed; returns how many were encoded.

    Unchanged texts are skipped by hash, so a restart or a second reindex encodes nothing.
    Confidential fields never reach the encoder: only ``text_for_matching()`` does.
    """
    from lintas.matching.codes import codes_in
    from lintas.matching.domain.explain import key_terms_for
    from lintas.matching.encoder import get_encoder
    from lintas.matching.text import segment_for_fts

    encoder = encoder or get_encoder()
    profiles = list(profiles)
    existing = {
        v.profile_id: v.text_hash
        for v in ProfileVector.objects.filter(profile__in=profiles).only("profile_id", "text_hash")
    }
    todo = []
    for profile in profiles:
        text = profile.text_for_matching()
        digest = text_hash(text, encoder.name)
        if force or existing.get(profile.pk) != digest:
            todo.append((profile, text, digest))
    if not todo:
        return 0
    vectors = encoder.encode_passages([text for _, text, _ in todo])
    term_lists = [key_terms_for(profile) for profile, _, _ in todo]
    flat_terms = [t for terms in term_lists for t in terms]
    term_vecs = (
        encoder.encode_queries(flat_terms)
        if flat_terms
        else np.zeros((0, vectors.shape[1]), np.float32)
    )
    start = 0
    for (profile, text, digest), vector, terms in zip(todo, vectors, term_lists, strict=True):
        block = np.ascontiguousarray(term_vecs[start : start + len(terms)], dtype=np.float32)
        start += len(terms)
        tokens = fulltext_tokens(profile, segment_for_fts(text, profile.content_language))
        ProfileVector.objects.update_or_create(
            profile=profile,
            defaults={
                "model": encoder.name,
                "dim": int(vector.shape[0]),
                "text_hash": digest,
                "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                "tokens": tokens,
                "terms": terms,
                "term_vectors": block.tobytes(),
                "codes": sorted(codes_in(text)),
            },
        )
        fulltext.upsert(profile_id=profile.pk, tokens=tokens)
    return len(todo)


def fulltext_tokens(profile, original: str) -> str:
    """The profile's full-text tokens: its original's, then each translation's, segmented in
    the translation's language. One row per profile in the full-text index, so a query that
    matches the original and a translation still finds the profile once."""
    from lintas.matching.text import segment_for_fts

    parts = [original]
    for translation in profile.translations.all():
        parts.append(segment_for_fts(translation_text(translation), translation.language))
    return " ".join(p for p in parts if p)


def refresh_fulltext(*, profiles) -> int:
    """Re-segment the full text of these profiles (original and translations) where it
    changed, e.g. after a translation was added, edited or deleted while the original stayed
    the same (store_vectors skips those by hash). Returns how many rows changed."""
    from lintas.matching.text import segment_for_fts

    profiles = list(profiles)
    stored = dict(
        ProfileVector.objects.filter(profile__in=profiles).values_list("profile_id", "tokens")
    )
    changed = 0
    for profile in profiles:
        if profile.pk not in stored:
            continue
        tokens = fulltext_tokens(
            profile, segment_for_fts(profile.text_for_matching(), profile.content_language)
        )
        if tokens != stored[profile.pk]:
            ProfileVector.objects.filter(profile=profile).update(tokens=tokens)
            fulltext.upsert(profile_id=profile.pk, tokens=tokens)
            changed += 1
    return changed


def translation_text(translation) -> str:
    """The public text of a translation the engine encodes (no confidential field exists)."""
    parts = [translation.title, translation.summary, translation.description]
    return "\n".join(p for p in parts if p)


def store_translation_vectors(*, profiles, encoder=None, force: bool = False) -> int:
    """Encode the translations of these profiles whose text changed (skipped by hash, like
    profiles); vectors of deleted translations go with them (cascade). Returns how many."""
    from lintas.matching.encoder import get_encoder

    encoder = encoder or get_encoder()
    rows = list(ProfileTranslation.objects.filter(profile__in=list(profiles)))
    existing = dict(
        TranslationVector.objects.filter(translation__in=rows).values_list(
            "translation_id", "text_hash"
        )
    )
    todo = []
    for translation in rows:
        text = translation_text(translation)
        digest = text_hash(text, encoder.name)
        if force or existing.get(translation.pk) != digest:
            todo.append((translation, digest, text))
    if not todo:
        return 0
    vectors = encoder.encode_passages([text for _, _, text in todo])
    for (translation, digest, _text), vector in zip(todo, vectors, strict=True):
        TranslationVector.objects.update_or_create(
            translation=translation,
            defaults={
                "profile_id": translation.profile_id,
                "language": translation.language,
                "model": encoder.name,
                "text_hash": digest,
                "vector": np.asarray(vector, dtype=np.float32).tobytes(),
            },
        )
    return len(todo)


def index_profile(*, profile) -> None:
    from lintas.matching.domain import recommend, search_index

    if profile.status == ProfileStatus.PUBLISHED:
        store_vectors(profiles=[profile])
        store_translation_vectors(profiles=[profile])
        refresh_fulltext(profiles=[profile])
        search_index.refresh()
        recommend.update_matches_for(profile=profile)
    else:
        recommend.drop_matches_for(profile=profile)


def reindex(*, force: bool = False, log=lambda msg: None) -> dict:
    """Rebuild everything derived: vectors for changed texts, full text, and all matches."""
    from lintas.matching.domain import recommend, search_index

    published = Profile.objects.filter(status=ProfileStatus.PUBLISHED).order_by("id")
    encoded = 0
    batch = list(published.prefetch_related("translations"))
    translated = set(
        ProfileTranslation.objects.filter(profile__in=published).values_list(
            "profile_id", flat=True
        )
    )
    for start in range(0, len(batch), 64):
        encoded += store_vectors(profiles=batch[start : start + 64], force=force)
        encoded += store_translation_vectors(profiles=batch[start : start + 64], force=force)
        refresh_fulltext(profiles=[p for p in batch[start : start + 64] if p.pk in translated])
        log(f"encoded {encoded} (checked {min(start + 64, len(batch))}/{len(batch)})")
    fulltext.rebuild(ProfileVector.objects.values_list("profile_id", "tokens"))
    search_index.reset()
    search_index.get_engine()
    matches = 0
    for profile in published.select_related("organisation").prefetch_related("sectors"):
        matches += recommend.update_matches_for(profile=profile)
    return {"published": len(batch), "encoded": encoded, "matches": matches}
