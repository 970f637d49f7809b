import numpy as np
from django.db import models


class ProfileVector(models.Model):
    """The encoded public text of a profile: the source of truth for the in-process index.

    ``text_hash`` lets re-indexing skip profiles whose text did not change, so a restart or
    ``lintas reindex`` never re-encodes what is stored.
    """

    profile = models.OneToOneField(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="vector"
    )
    model = models.CharField(max_length=60)
    dim = models.PositiveSmallIntegerField()
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    tokens = models.TextField(
        blank=True, help_text="language-aware tokens, space separated (lexical search)"
    )
    terms = models.JSONField(
        default=list, help_text="key terms in the profile's own words, for explanations"
    )
    term_vectors = models.BinaryField(
        null=True, help_text="float32 (len(terms), dim), encoded once"
    )
    codes = models.JSONField(
        default=list,
        help_text="acronyms and codes the text writes (case-folded): language-neutral evidence",
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"vector of {self.profile_id}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float32)

    def term_matrix(self) -> np.ndarray:
        if not self.term_vectors or not self.terms:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.frombuffer(bytes(self.term_vectors), dtype=np.float32).reshape(
            len(self.terms), self.dim
        )


class TranslationVector(models.Model):
    """The encoded text of a profile's translation (``catalogue.ProfileTranslation``).

    Why: a query matches a translation as well as the original. The retrieval engine holds
    these rows beside the profiles' own, grouped by profile, and returns each profile once with
    the best of its texts (``lintas.matching.retrieval``). Kept apart from ProfileVector so the
    original's vector, key terms and full-text tokens stay what matching and explanations use.
    """

    translation = models.OneToOneField(
        "catalogue.ProfileTranslation", on_delete=models.CASCADE, related_name="vector"
    )
    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="translation_vectors"
    )
    language = models.CharField(max_length=3)
    model = models.CharField(max_length=60)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"vector of translation {self.translation_id}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float32)
