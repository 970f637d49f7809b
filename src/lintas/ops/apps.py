from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "lintas.ops"
    label = "ops"
    verbose_name = "Operations"
