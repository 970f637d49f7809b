from django.conf import settings
from django.urls import reverse

# Other apps append (url name, label, predicate(user) -> bool) in their AppConfig.ready(),
# so the main navigation grows with the installed apps.
NAV_EXTRAS: list = []


def site(request):
    user = getattr(request, "user", None)
    nav = [
        {"url": reverse(name), "label": label}
        for name, label, allowed in NAV_EXTRAS
        if user is None or allowed(user)
    ]
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "NAV_EXTRAS": nav}
