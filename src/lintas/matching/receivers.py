"""What matching adds to the catalogue through its signals (connected when MatchingConfig is
ready): the matches panel on a profile page, the engine behind the lists' words box, and
re-indexing a profile whose public text changed."""

from django.dispatch import receiver

from lintas.catalogue.signals import profile_panels, public_profile_changed, words_search
from lintas.matching.domain.search import ranked_ids
from lintas.matching.tasks import index_profile
from lintas.matching.views import matches_extra


@receiver(profile_panels, dispatch_uid="matching.matches_panel")
def matches_panel(sender, request, profile, **kwargs):
    """The owner's organisation and brokers see the profile's matches below it."""
    return matches_extra(request, profile)


@receiver(words_search, dispatch_uid="matching.words_search")
def rank_by_words(sender, query, ids, **kwargs):
    """The lists' words box uses the cross-lingual search engine."""
    return ranked_ids(query, ids)


@receiver(public_profile_changed, dispatch_uid="matching.index_profile")
def reindex(sender, profile_id, **kwargs):
    """Encode and index the profile again (a Celery task; eager without a broker)."""
    index_profile.delay(profile_id)
