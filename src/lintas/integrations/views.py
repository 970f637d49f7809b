"""Pages: API tokens and webhooks of the signed-in person (linked from the account page)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.integrations.domain import tokens, webhooks
from lintas.integrations.forms import TokenForm, WebhookForm
from lintas.integrations.models import ApiToken, Delivery, Webhook


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        outcome = domain_call(
            request,
            tokens.create_token,
            form=form,
            user=request.user,
            name=form.cleaned_data["name"],
        )
        if outcome:
            created = outcome.value[1]  # shown on this answer only, never again
            form = TokenForm()
    return render(
        request,
        "integrations/tokens.html",
        {"form": form, "created": created, "tokens": tokens.tokens_of(request.user)},
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    domain_call(
        request,
        tokens.revoke_token,
        success=_("The token “%(name)s” is revoked.") % {"name": token.name},
        user=request.user,
        token=token,
    )
    return redirect("integrations:tokens")


@login_required
def webhook_list(request):
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = domain_call(
            request,
            webhooks.register,
            form=form,
            success=_("The webhook is registered."),
            user=request.user,
            name=data["name"],
            url=data["url"],
            events=data["events"],
        )
        if outcome:
            return redirect(outcome.value)
    return render(
        request,
        "integrations/webhooks.html",
        {"form": form, "webhooks": webhooks.webhooks_of(request.user)},
    )


@login_required
def webhook_detail(request, pk):
    """The webhook's settings, its secret, and the delivery log (newest first)."""
    hook = get_object_or_404(Webhook, pk=pk, owner=request.user)
    initial = {"name": hook.name, "url": hook.url, "events": hook.events, "active": hook.active}
    form = WebhookForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and domain_call(
            request,
            webhooks.update,
            form=form,
            success=_("Saved."),
            user=request.user,
            webhook=hook,
            **form.cleaned_data,
        )
    ):
        return redirect(hook)
    page = Paginator(webhooks.deliveries_of(hook), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "integrations/webhook_detail.html",
        {
            "webhook": hook,
            "form": form,
            "page": page,
        },
    )


@login_required
@require_POST
def webhook_action(request, pk, action):
    hook = get_object_or_404(Webhook, pk=pk, owner=request.user)
    if action == "delete":
        domain_call(
            request,
            webhooks.delete,
            success=_("The webhook is deleted."),
            user=request.user,
            webhook=hook,
        )
        return redirect("integrations:webhooks")
    if action == "secret":
        domain_call(
            request,
            webhooks.update,
            success=_("A new secret is made; give it to the receiving system."),
            user=request.user,
            webhook=hook,
            new_secret=True,
        )
    return redirect(hook)


@login_required
@require_POST
def delivery_resend(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk, webhook__owner=request.user)
    domain_call(
        request,
        webhooks.redeliver,
        success=_("The delivery is sent again."),
        user=request.user,
        delivery=delivery,
    )
    return redirect(delivery.webhook)
