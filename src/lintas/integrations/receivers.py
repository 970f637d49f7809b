"""Webhook events from the lower apps' documented signals (connected when IntegrationsConfig is
ready). Each receiver reads the row again (the signal comes after the commit), builds the
payload — public fields, references and links, never confidential fields or contacts — and
leaves the sending to the deliver task."""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from lintas.brokerage.models import Agreement, Deal
from lintas.brokerage.signals import agreement_recorded, interest_expressed, introduction_made
from lintas.catalogue.models import Profile
from lintas.catalogue.signals import profile_published
from lintas.integrations.domain.webhooks import enqueue
from lintas.integrations.enums import WebhookEvent


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _profile(profile) -> dict | None:
    if profile is None:
        return None
    return {
        "ref": profile.ref,
        "kind": profile.kind,
        "title": profile.title,
        "url": _link(profile.get_absolute_url()),
        "api_url": _link(reverse("profile-detail", kwargs={"ref": profile.ref})),
    }


def _deal(deal) -> dict:
    return {
        "deal": deal.pk,
        "stage": deal.stage,
        "profile": _profile(deal.profile),
        "counterpart_profile": _profile(deal.counterpart_profile),
        "requester_organisation": deal.requester_org.name,
        "owner_organisation": deal.owner_org.name,
        "url": _link(deal.get_absolute_url()),
        "api_url": _link(reverse("deal-detail", kwargs={"pk": deal.pk})),
    }


def _deal_row(deal_id):
    return (
        Deal.objects.select_related("profile", "counterpart_profile", "requester_org", "owner_org")
        .filter(pk=deal_id)
        .first()
    )


@receiver(profile_published, dispatch_uid="integrations.profile_published")
def on_profile_published(sender, profile_id, **kwargs):
    profile = Profile.objects.select_related("organisation").filter(pk=profile_id).first()
    if profile is None:
        return
    data = {
        **_profile(profile),
        "organisation": profile.organisation.name,
        "country": str(profile.organisation.country),
        "content_language": profile.content_language,
        "published_at": profile.published_at,
    }
    enqueue(
        event=WebhookEvent.PROFILE_PUBLISHED,
        permission="catalogue.view_profile",
        obj=profile,
        data=data,
    )


@receiver(interest_expressed, dispatch_uid="integrations.interest_expressed")
def on_interest_expressed(sender, deal_id, **kwargs):
    deal = _deal_row(deal_id)
    if deal is not None:
        enqueue(
            event=WebhookEvent.INTEREST_EXPRESSED,
            permission="brokerage.view_deal",
            obj=deal,
            data=_deal(deal),
        )


@receiver(introduction_made, dispatch_uid="integrations.introduction_made")
def on_introduction_made(sender, deal_id, **kwargs):
    deal = _deal_row(deal_id)
    if deal is not None:
        enqueue(
            event=WebhookEvent.INTRODUCTION_MADE,
            permission="brokerage.view_deal",
            obj=deal,
            data={**_deal(deal), "introduced_at": deal.introduced_at},
        )


@receiver(agreement_recorded, dispatch_uid="integrations.agreement_recorded")
def on_agreement_recorded(sender, agreement_id, **kwargs):
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None:
        return
    data = {
        "agreement": agreement.pk,
        "title": agreement.title,
        "type": agreement.type,
        "signed_on": agreement.signed_on,
        "parties": sorted(agreement.parties.values_list("name", flat=True)),
        "profiles": sorted(agreement.profiles.values_list("ref", flat=True)),
        "deal": agreement.deal_id,
        "url": _link(agreement.get_absolute_url()),
        "api_url": _link(reverse("agreement-detail", kwargs={"pk": agreement.pk})),
    }
    enqueue(
        event=WebhookEvent.AGREEMENT_RECORDED,
        permission="brokerage.view_agreement",
        obj=agreement,
        data=data,
    )
