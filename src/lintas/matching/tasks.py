"""Celery tasks of the matching engine: they take ids, log and return if the object is gone."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="lintas.matching.index_profile")
def index_profile(profile_id: int) -> None:
    from lintas.catalogue.models import Profile
    from lintas.matching.domain import indexing

    profile = Profile.objects.filter(pk=profile_id).first()
    if profile is None:
        logger.info("index_profile: profile %s is gone", profile_id)
        return
    indexing.index_profile(profile=profile)


@shared_task(name="lintas.matching.send_digests")
def send_digests() -> int:
    from lintas.matching.domain import digest

    return digest.send_digests()
