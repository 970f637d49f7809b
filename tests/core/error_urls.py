"""A URL configuration for the error page tests: the site's URLs plus two views that fail."""

from django.urls import path


def boom(request):
    raise RuntimeError("a bug")


def boom_and_broken_menu(request):
    from lintas.pages import navigation

    navigation.MENU = None  # the menu cannot be drawn either: the plain page is used
    raise RuntimeError("a bug")


from lintas.urls import urlpatterns as site  # noqa: E402

urlpatterns = [path("boom/", boom), path("boom-twice/", boom_and_broken_menu), *site]
handler403 = "lintas.core.errors.permission_denied"
handler404 = "lintas.core.errors.page_not_found"
handler500 = "lintas.core.errors.server_error"
