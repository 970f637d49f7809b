from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """The site's name and public address, for every template (the menu: lintas.pages)."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


def sector_names(request):
    """``SECTOR_NAMES``: sector slug → name in the reader's language, read once per page and only
    if a template asks (a match's explanation stores slugs, the page words them:
    ``{{ slugs|sector_slugs:SECTOR_NAMES }}``)."""
    from lintas.core.models import Sector

    return {
        "SECTOR_NAMES": SimpleLazyObject(lambda: {s.slug: s.name for s in Sector.objects.all()})
    }
