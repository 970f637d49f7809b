from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lintas.api"
    label = "lintas_api"
    verbose_name = "API"

    def ready(self):
        from lintas.api import schema  # noqa: F401 (the token scheme for drf-spectacular)
        from lintas.api.fields import use_utc_datetimes

        use_utc_datetimes()  # datetimes in UTC (lintas.api.fields)
