from django.db import models


class TalentText(models.Model):
    """One unit of a talent's own words, encoded for the expertise search: a sentence of the
    biography or a publication (title and abstract). Rebuilt by
    :func:`lintas.talents.domain.indexing.index_talents` after every change; unchanged texts
    keep their vector (looked up by ``text_hash``), so only new words are encoded."""

    BIO = "bio"
    PUBLICATION = "publication"

    talent = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(max_length=12, choices=[(BIO, BIO), (PUBLICATION, PUBLICATION)])
    publication = models.ForeignKey(
        "talents.Publication", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    text_hash = models.CharField(max_length=64, db_index=True)
    vector = models.BinaryField()

    class Meta:
        ordering = ["talent_id", "id"]
