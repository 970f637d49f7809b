"""Deployment checks of our own, run by `lintas check --deploy` (and so by CI)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

NOT_DELIVERED = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


@register(Tags.security, deploy=True)
def mail_is_delivered(app_configs, **kwargs):
    """Verification links, password resets and introductions are e-mails: in production they
    must leave the machine. The console backend is for development and the demo."""
    if settings.EMAIL_BACKEND in NOT_DELIVERED:
        return [
            Warning(
                f"E-mail is not delivered: EMAIL_BACKEND is {settings.EMAIL_BACKEND}.",
                hint="Set LINTAS_EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend "
                "(the default with LINTAS_PRODUCTION=1) and LINTAS_EMAIL_HOST etc. "
                "(docs/configuration.md).",
                id="lintas.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    """Links in e-mails come from LINTAS_SITE_URL; behind HTTPS they must say https."""
    if getattr(settings, "PRODUCTION", False) and not settings.SITE_URL.startswith("https://"):
        return [
            Warning(
                f"LINTAS_SITE_URL is {settings.SITE_URL}: links in e-mails would not use HTTPS.",
                hint="Set LINTAS_SITE_URL to the public https:// address of the site.",
                id="lintas.W002",
            )
        ]
    return []


LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def cache_is_shared_with_workers(app_configs, **kwargs):
    """With a broker, Celery workers are other processes: what a task leaves in the cache (a
    campaign's printable PDF) must be in a cache every process reads, or the web process waits
    for a PDF it never sees; so must the API's throttle counts and the anonymous page cache."""
    broker = settings.CELERY_BROKER_URL or ""
    backend = settings.CACHES["default"]["BACKEND"]
    if broker and not broker.startswith("memory://") and backend in LOCAL_CACHES:
        return [
            Warning(
                "A Celery broker is set but the cache is local to each process "
                f"({backend.rsplit('.', 1)[-1]}): workers and web processes would not share it.",
                hint="Set LINTAS_CACHE_URL to a Redis URL (docs/deployment.md), e.g. "
                "redis://127.0.0.1:6379/1.",
                id="lintas.W003",
            )
        ]
    return []
