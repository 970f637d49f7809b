from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def officer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("competitions.manage_competitions"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
