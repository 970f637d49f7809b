"""Deleting an organisation from its page (administrators), refused with the reason when an
agreement or another record names it (lintas.core.domain.organisations)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.domain import organisations
from lintas.core.models import Organisation
from lintas.core.pages import domain_call


@login_required
def organisation_delete(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.remove_organisation"):
        raise PermissionDenied
    if request.method == "POST":
        if not domain_call(
            request,
            organisations.delete_organisation,
            success=_("%(org)s is deleted.") % {"org": org.name},
            user=request.user,
            organisation=org,
        ):
            return redirect(org)
        return redirect("core:organisations")
    found = organisations.protectors(org)
    return render(
        request,
        "core/organisation_delete.html",
        {"org": org, "refusal": organisations.refusal(org, found) if found else ""},
    )
