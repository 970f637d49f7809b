from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and its loader (``lintas loaddemo``); top floor, so it may use every app."""

    name = "lintas.demo"
    label = "demo"
    verbose_name = "Demo data"
