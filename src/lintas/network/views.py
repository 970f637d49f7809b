"""Public pages of the network registry: everything here is public information."""

from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.core.enums import FOCUS_COUNTRIES
from lintas.network import forms
from lintas.network.domain import cartogram, queries
from lintas.network.models import JointLab


def _filtered(request, form_class, template, query, extra=None):
    """Render a filtered list; a bad filter value gets a 400 with the form's message."""
    form = form_class(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "items": [], "invalid": True, **(extra or {})}
        return render(request, template, context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    kwargs = {
        key: (value.slug if hasattr(value, "slug") else value or "") for key, value in data.items()
    }
    items = list(query(**kwargs))
    return render(request, template, {"form": form, "items": items, **(extra or {})})


def index(request):
    form = forms.LayerForm(request.GET or None)
    layer = (
        form.cleaned_data["layer"] if form.is_valid() and form.cleaned_data["layer"] else "members"
    )
    names = {code: countries.name(code) for code in FOCUS_COUNTRIES}
    labels = dict(form.fields["layer"].choices)
    counts = queries.counts_by_country(layer)
    title = _("%(layer)s by country") % {"layer": labels[layer]}
    rows = [(code, names[code], counts.get(code, 0)) for code in FOCUS_COUNTRIES]
    others = sum(v for k, v in counts.items() if k not in FOCUS_COUNTRIES)
    return render(
        request,
        "network/index.html",
        {
            "totals": queries.totals(),
            "layer": layer,
            "layers": form.fields["layer"].choices,
            "map_svg": mark_safe(cartogram.svg(counts, names=names, title=title)),  # noqa: S308
            "map_title": title,
            "rows": rows,
            "others": others,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def members(request):
    return _filtered(request, forms.MemberFilter, "network/members.html", queries.members)


def labs(request):
    return _filtered(request, forms.LabFilter, "network/labs.html", queries.joint_labs)


def lab(request, pk):
    lab = get_object_or_404(
        JointLab.objects.select_related("sector").prefetch_related("partners"), pk=pk
    )
    return render(request, "network/lab_detail.html", {"lab": lab})


def parks(request):
    return _filtered(request, forms.ParkFilter, "network/parks.html", queries.science_parks)


def mechanisms(request):
    return _filtered(request, forms.CountryFilter, "network/mechanisms.html", queries.mechanisms)


def platforms(request):
    return _filtered(request, forms.PlatformFilter, "network/platforms.html", queries.platforms)
