from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lintas.api"
    label = "lintas_api"
    verbose_name = "API"
