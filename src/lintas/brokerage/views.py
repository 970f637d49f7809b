from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.brokerage.domain import agreements, conversations, deals, queries
from lintas.brokerage.domain.contacts import deal_contacts
from lintas.brokerage.enums import Consent, Stage
from lintas.brokerage.forms import (
    AgreementForm,
    BoardFilter,
    DealForm,
    DeclineForm,
    InterestForm,
    MessageForm,
)
from lintas.brokerage.models import Agreement, Deal, Message
from lintas.brokerage.signals import interest_sent_from_page
from lintas.catalogue.models import Profile
from lintas.core.files import serve_protected_file
from lintas.core.pages import domain_call

PAGE_SIZE = 30


def _get_deal(request, pk) -> Deal:
    deal = get_object_or_404(
        queries.deals().select_related("requester", "counterpart_profile__organisation", "event"),
        pk=pk,
    )
    if not request.user.has_perm("brokerage.view_deal", deal):
        raise PermissionDenied
    return deal


@login_required
def interest_create(request, ref):
    profile = get_object_or_404(Profile.objects.select_related("organisation"), ref=ref)
    if not request.user.has_perm("catalogue.view_profile", profile):
        raise Http404
    if not request.user.has_perm("brokerage.express_interest"):
        raise PermissionDenied
    form = InterestForm(request.POST or None, user=request.user, profile=profile)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            sent = domain_call(
                request,
                deals.express_interest,
                form=form,
                success=_("Your interest was sent. We will tell you when the owner answers."),
                user=request.user,
                profile=profile,
                message=form.cleaned_data["message"],
                counterpart=form.cleaned_data["counterpart"],
                source=request.GET.get("source", "search")
                if request.GET.get("source") in ("search", "match", "event")
                else "search",
            )
            if sent:
                interest_sent_from_page.send(Deal, request=request, deal=sent.value)
                return redirect(sent.value)
        status = 400
    return render(
        request, "brokerage/interest_form.html", {"form": form, "profile": profile}, status=status
    )


@login_required
def deal_list(request):
    """My deals (brokers: every deal), with the deal board's filters by name."""
    form = BoardFilter(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    qs = queries.deals_for(request.user)
    qs = queries.filter_deals(qs, **form.filters()) if valid else qs.none()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "brokerage/deal_list.html",
        {"page": page, "form": form, "params": params.urlencode()},
        status=200 if valid else 400,
    )


@login_required
def deal_detail(request, pk):
    deal = _get_deal(request, pk)
    user = request.user
    conversations.mark_read(user=user, deal=deal)
    contacts = deal_contacts(user=user, deal=deal)
    broker_fields = user.has_perm("brokerage.change_deal_details", deal)
    form = DealForm(
        initial={
            "version": deal.version,
            "stage": deal.stage,
            "broker": deal.broker_id,
            "event": deal.event.title if deal.event_id else "",
        },
        broker_fields=broker_fields,
        stages=(stages := deals.stage_choices(user=user, deal=deal)),
    )
    return render(
        request,
        "brokerage/deal_detail.html",
        {
            "deal": deal,
            "contacts": contacts.profiles,
            "requester_contact": contacts.requester,
            "thread": deal.messages.select_related("author"),
            "history": deal.stage_changes.select_related("actor"),
            "notes": deal.notes.select_related("author") if broker_fields else [],
            "agreements": deal.agreements.all(),
            "message_form": MessageForm(),
            "deal_form": form,
            "can_move": broker_fields or len(stages) > 1,
            "broker_fields": broker_fields,
            "can_respond": user.has_perm("brokerage.respond_deal", deal)
            and deal.stage in (Stage.INTEREST, Stage.STALLED)
            and not deal.is_introduced
            and (
                (
                    user.organisation_id == deal.owner_org_id
                    and deal.owner_consent == Consent.PENDING
                )
                or (
                    user.organisation_id == deal.requester_org_id
                    and deal.requester_consent == Consent.PENDING
                )
            ),
            "decline_form": DeclineForm(),
            "can_approve": user.has_perm("brokerage.approve_deal", deal)
            and deal.broker_consent == Consent.PENDING
            and deal.stage in (Stage.INTEREST, Stage.STALLED),
            "can_post": deal.is_introduced
            and deal.stage != Stage.DECLINED
            and user.has_perm("brokerage.post_message", deal),
            "can_record": user.has_perm("brokerage.record_agreement")
            and deal.is_introduced
            and deal.stage != Stage.DECLINED,
        },
    )


@login_required
@require_POST
def deal_respond(request, pk, answer):
    deal = _get_deal(request, pk)
    if answer not in ("accept", "decline", "approve", "reject"):
        raise Http404
    if answer in ("accept", "decline"):
        domain_call(
            request,
            deals.respond,
            success=_("Saved."),
            user=request.user,
            deal=deal,
            accept=answer == "accept",
            reason=request.POST.get("reason", ""),
            reason_text=request.POST.get("reason_text", ""),
        )
    else:
        domain_call(
            request,
            deals.broker_decide,
            success=_("Saved."),
            user=request.user,
            deal=deal,
            approve=answer == "approve",
            reason=request.POST.get("reason", ""),
            reason_text=request.POST.get("reason_text", ""),
        )
    return redirect(deal)


@login_required
@require_POST
def deal_update(request, pk):
    deal = _get_deal(request, pk)
    broker_fields = request.user.has_perm("brokerage.change_deal_details", deal)
    form = DealForm(request.POST, broker_fields=broker_fields)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(deal)
    data = form.cleaned_data
    extra = {}
    if broker_fields:
        extra = {
            "note": data["note"],
            "broker": data["broker"],
            "event_id": data["event"],
        }
    updated = domain_call(
        request,
        deals.update_deal,
        success=_("Saved."),
        user=request.user,
        deal=deal,
        version=data["version"],
        stage=data["stage"],
        **extra,
    )
    if not updated:
        return redirect(deal)
    deal = updated.value
    if deal.stage == Stage.AGREEMENT and request.user.has_perm("brokerage.record_agreement"):
        return redirect(f"{reverse('brokerage:agreement_create')}?deal={deal.pk}")
    return redirect(deal)


@login_required
@require_POST
def message_post(request, pk):
    deal = _get_deal(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(deal)
    domain_call(
        request,
        conversations.post_message,
        success=_("Message sent."),
        user=request.user,
        deal=deal,
        body=form.cleaned_data["body"],
        upload=form.cleaned_data["attachment"],
    )
    return redirect(f"{deal.get_absolute_url()}#conversation")


@login_required
def message_file(request, pk):
    message = get_object_or_404(Message.objects.select_related("deal", "conversation"), pk=pk)
    if not conversations.may_read(request.user, message) or not message.attachment:
        raise Http404
    return serve_protected_file(request, message.attachment, message.attachment_name)


@login_required
def board(request):
    if not request.user.has_perm("brokerage.view_board"):
        raise PermissionDenied
    form = BoardFilter(request.GET or None)
    # An unknown name shows its error and an empty board, never an unfiltered one.
    valid = form.is_valid() if form.is_bound else True
    qs = queries.board(**form.filters()) if valid else Deal.objects.none()
    columns = {stage: [] for stage in Stage.values}
    for deal in qs:
        columns[deal.stage].append(deal)
    return render(
        request,
        "brokerage/board.html",
        {"form": form, "columns": [(Stage(s), items) for s, items in columns.items()]},
        status=200 if valid else 400,
    )


@login_required
def agreement_list(request):
    qs = queries.agreements_for(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "brokerage/agreement_list.html",
        {"page": page, "can_record": request.user.has_perm("brokerage.record_agreement")},
    )


@login_required
def agreement_detail(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not request.user.has_perm("brokerage.view_agreement", agreement):
        raise PermissionDenied
    return render(request, "brokerage/agreement_detail.html", {"agreement": agreement})


@login_required
def agreement_document(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not request.user.has_perm("brokerage.view_agreement", agreement) or not agreement.document:
        raise Http404
    return serve_protected_file(request, agreement.document, agreement.document_name)


@login_required
def agreement_create(request):
    if not request.user.has_perm("brokerage.record_agreement"):
        raise PermissionDenied
    deal = None
    deal_id = request.GET.get("deal") or request.POST.get("deal")
    if deal_id and str(deal_id).isdigit():
        deal = get_object_or_404(queries.deals(), pk=deal_id)
    form = AgreementForm(request.POST or None, request.FILES or None, deal=deal)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: form.cleaned_data.get(k) for k in agreements.FIELDS}
            recorded = domain_call(
                request,
                agreements.record_agreement,
                form=form,
                success=_("Agreement recorded."),
                user=request.user,
                data=data,
                parties=form.cleaned_data["parties"],
                profiles=form.cleaned_data["profiles"],
                deal=deal,
                document=form.cleaned_data.get("document") or None,
            )
            if recorded:
                return redirect(recorded.value)
        status = 400
    return render(
        request, "brokerage/agreement_form.html", {"form": form, "deal": deal}, status=status
    )
