from celery import shared_task

from lintas.talents.models import Talent


@shared_task(name="lintas.talents.index_talent")
def index_talent(talent_id: int) -> None:
    """Encode a talent's biography and publications for the expertise search."""
    from lintas.talents.domain.indexing import index_talents

    if Talent.objects.filter(pk=talent_id).exists():
        index_talents([talent_id])
