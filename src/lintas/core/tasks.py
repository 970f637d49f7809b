"""Core Celery tasks."""

from celery import shared_task


@shared_task(name="lintas.core.ping")
def ping(value: str) -> str:
    """Round trip through the broker and a worker; used by health checks and the worker test."""
    return f"pong {value}"
