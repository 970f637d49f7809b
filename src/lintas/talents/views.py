"""Pages of the talent directory: the list with filters, one talent, and one's own entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.brokerage.domain import conversations
from lintas.brokerage.forms import MessageForm
from lintas.core.pages import domain_call
from lintas.talents import forms
from lintas.talents.domain import (
    access,
    consultations,
    expertise,
    imports,
    invitations,
    profiles,
    queries,
    reviewers,
)
from lintas.talents.models import Publication, Talent

PAGE_SIZE = 20
MAX_RANKED = 100


def directory(request):
    form = forms.DirectoryFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "talents/directory.html", {"form": form, "page": None}, status=400)
    kwargs = form.query_kwargs() if form.is_bound else {}
    talents = queries.directory(**kwargs)
    expertise_text = form.expertise_text() if form.is_bound else ""
    if expertise_text:
        hits = expertise.rank(
            user=request.user, text=expertise_text, talents=talents, limit=MAX_RANKED
        )
        page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
        pairs = [(hit.talent, hit) for hit in page.object_list]
    else:
        page = Paginator(talents, PAGE_SIZE).get_page(request.GET.get("page"))
        pairs = [(t, None) for t in page.object_list]
    member = access.is_member(request.user)
    rows = [(t, member or access.is_own(request.user, t), hit) for t, hit in pairs]
    params = request.GET.copy()
    params.pop("page", None)
    mine = (
        Talent.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    )
    return render(
        request,
        "talents/directory.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "params": params.urlencode(),
            "ranked": bool(expertise_text),
            "calls": _calls_for(request.user),
            "mine": mine,
            "invited": mine is None
            and request.user.is_authenticated
            and invitations.alumni_without_profile().filter(pk=request.user.pk).exists(),
        },
    )


def _calls_for(user):
    """Calls an officer may staff with reviewers from the directory (not closed ones)."""
    from lintas.programmes.enums import CallStatus
    from lintas.programmes.models import Call

    if not user.has_perm("talents.add_reviewer"):
        return []
    return list(Call.objects.exclude(status=CallStatus.CLOSED).only("slug", "title"))


def detail(request, slug):
    talent = get_object_or_404(
        queries.listed_or_all().select_related("organisation", "user"), slug=slug
    )
    if not request.user.has_perm("talents.view_talent", talent):
        raise Http404
    view = access.view_for(request.user, talent)
    bio, bio_language, bio_translation = profiles.bio_for(talent, get_language() or "en")
    return render(
        request,
        "talents/detail.html",
        {
            "talent": talent,
            "view": view,
            "bio": bio,
            "bio_language": bio_language,
            "bio_translation": bio_translation,
            "publications": list(talent.publications.all()),
            "can_edit": request.user.has_perm("talents.change_talent", talent),
            "can_ask": request.user.has_perm("talents.request_consultation", talent),
            "consult_form": forms.ConsultationForm(),
            "mine": list(
                queries.consultations_for(request.user).filter(
                    talent=talent, requester_id=request.user.pk
                )
            )
            if request.user.is_authenticated
            else [],
        },
    )


@login_required
def mine(request):
    """Create (opt in) or edit one's own entry."""
    talent = Talent.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = forms.TalentForm(request.POST, instance=talent)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "sectors"}
            try:
                if talent is None:
                    talent = profiles.create_talent(
                        user=request.user, data=data, sectors=form.cleaned_data["sectors"]
                    )
                    messages.success(request, _("Your talent profile is in the directory."))
                else:
                    profiles.update_talent(
                        user=request.user,
                        talent=talent,
                        data=data,
                        sectors=form.cleaned_data["sectors"],
                    )
                    messages.success(request, _("Saved."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(talent)
    elif talent is None:
        form = forms.TalentForm(initial=profiles.prefill_for(request.user))
    else:
        form = forms.TalentForm(instance=talent)
    return render(
        request,
        "talents/edit.html",
        {
            "form": form,
            "talent": talent,
            "publication_form": forms.PublicationForm(),
            "import_form": forms.ImportForm(),
            "bio_form": _bio_form(request, talent),
            "bio_translations": list(talent.bio_translations.all()) if talent else [],
            "translator_on": _translator_on(),
            "photo_form": forms.PhotoForm(),
            "publications": list(talent.publications.all()) if talent else [],
        },
    )


@login_required
@require_POST
def add_publication(request):
    talent = get_object_or_404(Talent, user=request.user)
    form = forms.PublicationForm(request.POST)
    if form.is_valid():
        try:
            profiles.add_publication(user=request.user, talent=talent, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Publication added."))
    else:
        errors = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()]
        messages.error(request, " ".join(errors))
    return redirect("talents:mine")


@login_required
@require_POST
def delete_publication(request, pk):
    publication = get_object_or_404(Publication.objects.select_related("talent"), pk=pk)
    if publication.talent.user_id != request.user.pk:
        raise PermissionDenied
    profiles.delete_publication(user=request.user, publication=publication)
    messages.success(request, _("Publication removed."))
    return redirect("talents:mine")


@login_required
@require_POST
def import_publications(request):
    """Upload a BibTeX, RIS or ORCID export; all or nothing, duplicates merged."""
    talent = get_object_or_404(Talent, user=request.user)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect("talents:mine")
    try:
        result = imports.import_publications(
            user=request.user, talent=talent, data=form.cleaned_data["file"].read()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(read)s publications read: %(added)s added, %(merged)s already in your list.")
            % {"read": result.read, "added": result.added, "merged": result.merged},
        )
    return redirect("talents:mine")


def call_experts(request, slug):
    """Potential reviewers of a call from the directory, for programme officers."""
    from lintas.programmes.models import Call

    call = get_object_or_404(Call, slug=slug)
    if not request.user.has_perm("talents.add_reviewer", call):
        raise PermissionDenied
    if request.method == "POST":
        talent = get_object_or_404(Talent, slug=request.POST.get("talent", ""))
        try:
            reviewers.add_to_pool(user=request.user, talent=talent, call=call)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is in the reviewer pool now.") % {"name": talent.name}
            )
        return redirect("talents:call_experts", slug=call.slug)
    return render(
        request,
        "talents/call_experts.html",
        {"call": call, "suggestions": reviewers.suggest(user=request.user, call=call)},
    )


def _flash_errors(request, form):
    errors = [" ".join(v) for v in form.errors.values()]
    messages.error(request, " ".join(errors))


@login_required
@require_POST
def consult(request, slug):
    """Ask a talent for a consultation (members only)."""
    talent = get_object_or_404(Talent, slug=slug)
    if not request.user.has_perm("talents.request_consultation", talent):
        raise PermissionDenied
    form = forms.ConsultationForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect(talent)
    try:
        consultation = consultations.request_consultation(
            user=request.user,
            talent=talent,
            topic=form.cleaned_data["topic"],
            message=form.cleaned_data["message"],
            profile=form.cleaned_data["profile"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(talent)
    messages.success(request, _("Your request was sent. You will be told when %(name)s answers.")
                     % {"name": talent.name})  # fmt: skip
    return redirect(consultation)


@login_required
def consultation_list(request):
    items = list(queries.consultations_for(request.user)[:200])
    return render(request, "talents/consultations.html", {"items": items})


@login_required
def consultation(request, pk):
    item = get_object_or_404(
        queries.consultations_for(request.user).select_related("conversation"), pk=pk
    )
    if not request.user.has_perm("talents.view_consultation", item):
        raise PermissionDenied
    # The conversation is the two people's: a broker who may see the consultation does not
    # read it (brokerage.view_conversation names its people).
    talk = item.conversation
    in_talk = talk is not None and request.user.has_perm("brokerage.view_conversation", talk)
    if in_talk:
        conversations.mark_read(user=request.user, conversation=talk)
    return render(
        request,
        "talents/consultation.html",
        {
            "item": item,
            "is_talent": access.is_own(request.user, item.talent),
            "is_requester": item.requester_id == request.user.pk,
            "contacts": consultations.other_side_contacts(user=request.user, consultation=item),
            "answer_form": forms.AnswerForm(),
            "rating_form": forms.RatingForm(initial={"rating": item.rating or 5}),
            "in_talk": in_talk,
            "thread": conversations.thread(talk) if in_talk else [],
            "can_post": in_talk and talk.closed_at is None,
            "message_form": MessageForm(),
        },
    )


@login_required
@require_POST
def consultation_message(request, pk):
    """Write in the consultation's conversation (the brokerage's machinery)."""
    item = get_object_or_404(
        queries.consultations_for(request.user).select_related("conversation"), pk=pk
    )
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        domain_call(
            request,
            consultations.post_message,
            success=_("Message sent."),
            user=request.user,
            consultation=item,
            body=form.cleaned_data["body"],
            upload=form.cleaned_data["attachment"],
        )
    return redirect(f"{item.get_absolute_url()}#conversation")


@login_required
@require_POST
def consultation_action(request, pk, action):
    item = get_object_or_404(queries.consultations_for(request.user), pk=pk)
    user = request.user
    try:
        if action in ("accept", "decline"):
            form = forms.AnswerForm(request.POST)
            form.is_valid()
            consultations.respond(
                user=user, consultation=item, accept=action == "accept",
                answer=form.cleaned_data.get("answer", ""),
            )  # fmt: skip
            done = (
                _("Accepted: you can now see each other's contact details.")
                if action == "accept"
                else _("Declined.")
            )  # noqa: E501
        elif action == "withdraw":
            consultations.withdraw(user=user, consultation=item)
            done = _("Withdrawn.")
        elif action == "rate":
            form = forms.RatingForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give a rating from 1 to 5."))
            consultations.rate(user=user, consultation=item, rating=form.cleaned_data["rating"],
                               comment=form.cleaned_data["comment"])  # fmt: skip
            done = _("Thank you for rating.")
        elif action == "deal":
            deal = consultations.convert_to_deal(user=user, consultation=item)
            messages.success(request, _("Your interest was sent; the deal is open."))
            return redirect(deal)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("talents:consultation", pk=item.pk)


def _bio_form(request, talent):
    """The form for a biography translation; ``?translate_to=xx`` pre-fills it by machine
    translation when the site has a translator (the person checks it before saving)."""
    from lintas.core.machine_translation import TranslatorUnavailable
    from lintas.core.translator import get_translator, message_for

    target = request.GET.get("translate_to", "")
    if talent is None or not talent.bio or not target:
        return forms.BioTranslationForm()
    try:
        [text] = get_translator().translate([talent.bio], source=talent.bio_language, target=target)
    except TranslatorUnavailable as error:
        messages.error(request, message_for(error))
        return forms.BioTranslationForm(initial={"language": target})
    return forms.BioTranslationForm(initial={"language": target, "text": text, "machine": True})


@login_required
@require_POST
def bio_translation(request):
    talent = get_object_or_404(Talent, user=request.user)
    form = forms.BioTranslationForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("talents:mine")
    try:
        profiles.set_bio_translation(
            user=request.user, talent=talent, language=form.cleaned_data["language"],
            text=form.cleaned_data["text"], machine=form.cleaned_data["machine"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("talents:mine")


@login_required
@require_POST
def delete_bio_translation(request, pk):
    from lintas.talents.models import BioTranslation

    translation = get_object_or_404(BioTranslation.objects.select_related("talent"), pk=pk)
    if translation.talent.user_id != request.user.pk:
        raise PermissionDenied
    profiles.delete_bio_translation(user=request.user, translation=translation)
    messages.success(request, _("Removed."))
    return redirect("talents:mine")


def _translator_on() -> bool:
    from lintas.core.translator import get_translator

    return get_translator().is_configured()


def photo(request, slug):
    """A talent's photo, for whoever may see the talent."""
    from lintas.core.files import serve_protected_file

    talent = get_object_or_404(Talent, slug=slug)
    if not talent.photo or not access.can_view(request.user, talent):
        raise Http404
    return serve_protected_file(request, talent.photo, talent.name)


@login_required
@require_POST
def set_photo(request):
    talent = get_object_or_404(Talent, user=request.user)
    if request.POST.get("remove"):
        profiles.remove_photo(user=request.user, talent=talent)
        messages.success(request, _("Removed."))
        return redirect("talents:mine")
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("talents:mine")
    try:
        profiles.set_photo(user=request.user, talent=talent, upload=form.cleaned_data["photo"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("talents:mine")
