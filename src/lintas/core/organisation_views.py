"""Editing an organisation's details (its admins and brokers) and deleting an organisation
(administrators), refused with the reason when an agreement or another record names it
(lintas.core.domain.organisations)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.domain import organisations
from lintas.core.forms import OrganisationForm
from lintas.core.models import Organisation
from lintas.core.pages import domain_call


@login_required
def organisation_edit(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.change_organisation", org):
        raise PermissionDenied
    membership = request.user.has_perm("core.change_organisation_membership", org)
    # The form works on a copy: a refused change must not show on the page as if saved.
    form = OrganisationForm(
        request.POST or None, instance=Organisation.objects.get(pk=org.pk), membership=membership
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        if domain_call(
            request,
            organisations.update_organisation,
            form=form,
            success=_("The organisation's details are saved."),
            user=request.user,
            organisation=org,
            changes=changes,
        ):
            return redirect(org)
    return render(request, "core/organisation_edit.html", {"org": org, "form": form})


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
