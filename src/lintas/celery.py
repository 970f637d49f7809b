"""Celery app. Eager (in process) unless LINTAS_CELERY_BROKER_URL names a broker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")

app = Celery("lintas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
