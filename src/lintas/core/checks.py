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
