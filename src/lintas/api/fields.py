"""Serializer fields shared by the API's serializers.

Datetimes are written in UTC (``2026-11-30T05:00:00Z``), whatever ``LINTAS_TIME_ZONE`` is: an
instant is the same instant everywhere, and a zone's historical offsets are not valid RFC 3339
(Asia/Shanghai before 1901 is +08:05:43, and OpenAPI's ``date-time`` allows hours and minutes
only). Input without an offset is still read in ``LINTAS_TIME_ZONE``, as on the pages.
"""

import datetime as dt

from django.utils import timezone
from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """DRF's field, answering in UTC."""

    def to_representation(self, value):
        with timezone.override(dt.UTC):
            return super().to_representation(value)


def use_utc_datetimes() -> None:
    """Model serializers map model datetimes to the field above (called by ApiConfig.ready)."""
    from django.db import models

    serializers.ModelSerializer.serializer_field_mapping[models.DateTimeField] = DateTimeField
