from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.network.enums import PARTIAL_DATE_RE


def partial_date(verbose_name):
    """A date known to the year, month or day ("2022", "2017-05", "2021-09-09"): the sources
    often give only a year, and inventing a day would be a false precision."""
    return models.CharField(
        verbose_name,
        max_length=10,
        blank=True,
        validators=[RegexValidator(PARTIAL_DATE_RE, _("Use YYYY, YYYY-MM or YYYY-MM-DD."))],
    )


def country_list(verbose_name):
    """ISO 3166-1 alpha-2 codes, e.g. ["CN", "ID"]."""
    return models.JSONField(verbose_name, default=list, blank=True)
