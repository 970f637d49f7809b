"""Pages to manage a profile's translations (the author's organisation and brokers)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from lintas.catalogue.domain import translations
from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.models import Profile
from lintas.catalogue.translation_forms import TranslationForm
from lintas.core.machine_translation import TranslatorUnavailable
from lintas.core.pages import domain_call
from lintas.core.translator import get_translator, message_for

logger = logging.getLogger(__name__)

PAGE_SIZE = 50


def _profile_to_translate(request, ref) -> Profile:
    profile = get_object_or_404(Profile.objects.select_related("organisation"), ref=ref)
    if not request.user.has_perm("catalogue.translate_profile", profile):
        raise PermissionDenied
    return profile


def _machine_draft(request, profile, language) -> dict | None:
    """The machine's draft for the form, or None with a message saying why there is none."""
    try:
        draft = translations.machine_draft(user=request.user, profile=profile, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    except TranslatorUnavailable as error:
        logger.warning("machine translation of %s failed: %s", profile.ref, error)
        messages.error(request, message_for(error))
        return None
    messages.info(request, _("Machine translation: check and correct it before saving."))
    return draft


@login_required
def translation_list(request, ref):
    """The profile's translations and a form to add one."""
    profile = _profile_to_translate(request, ref)
    rows = list(profile.translations.select_related("written_by"))
    # The broker's list of missing translations links here with ?language=th; ?suggest=1
    # pre-fills the form with a machine translation the person checks before saving.
    initial = {"language": request.GET.get("language")}
    if request.method != "POST" and request.GET.get("suggest"):
        initial = _machine_draft(request, profile, request.GET.get("language", "")) or initial
    form = TranslationForm(request.POST or None, initial=initial, profile=profile, adding=True)
    status = 200
    if request.method == "POST":
        if form.is_valid() and domain_call(
            request,
            translations.add_translation,
            form=form,
            success=_("Translation saved."),
            user=request.user,
            profile=profile,
            **form.cleaned_data,
        ):
            return redirect("catalogue:translations", ref=profile.ref)
        status = 400
    return render(
        request,
        "catalogue/translations.html",
        {
            "profile": profile,
            "rows": rows,
            "form": form,
            "machine_on": get_translator().is_configured(),
            "original_label": translations.language_label(profile.content_language),
        },
        status=status,
    )


@login_required
def translation_edit(request, ref, language):
    profile = _profile_to_translate(request, ref)
    translation = get_object_or_404(profile.translations, language=language)
    initial = {
        "title": translation.title,
        "summary": translation.summary,
        "description": translation.description,
        "machine": translation.machine,
    }
    if request.method != "POST" and request.GET.get("suggest"):
        initial = _machine_draft(request, profile, language) or initial
    form = TranslationForm(request.POST or None, initial=initial, profile=profile, adding=False)
    status = 200
    if request.method == "POST":
        if form.is_valid() and domain_call(
            request,
            translations.edit_translation,
            form=form,
            success=_("Translation saved."),
            user=request.user,
            translation=translation,
            **form.cleaned_data,
        ):
            return redirect("catalogue:translations", ref=profile.ref)
        status = 400
    return render(
        request,
        "catalogue/translation_edit.html",
        {
            "profile": profile,
            "translation": translation,
            "form": form,
            "machine_on": get_translator().is_configured(),
            "original_label": translations.language_label(profile.content_language),
        },
        status=status,
    )


@login_required
@require_POST
def translation_delete(request, ref, language):
    profile = _profile_to_translate(request, ref)
    translation = get_object_or_404(profile.translations, language=language)
    translations.delete_translation(user=request.user, translation=translation)
    messages.success(request, _("Translation deleted."))
    return redirect("catalogue:translations", ref=profile.ref)


@login_required
def missing_translations(request):
    """Brokers: published profiles that readers in a target country cannot read yet."""
    if not request.user.has_perm("catalogue.list_missing_translations"):
        raise PermissionDenied
    language = request.GET.get("language") or None
    if language not in ContentLanguage.values:
        language = None
    rows = translations.lacking_translations(language=language)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {
            "profile": profile,
            "countries": [countries.name(code) or code for code in profile.target_countries],
            "missing": [(code, translations.language_label(code)) for code in missing],
        }
        for profile, missing in page
    ]
    return render(
        request,
        "catalogue/translations_missing.html",
        {
            "page": page,
            "items": items,
            "language": language,
            "languages": ContentLanguage.choices,
            "params": f"language={language}" if language else "",
        },
    )
