"""What the brokerage adds to lower apps through their signals (connected when BrokerageConfig
is ready): the interest button and the decline advice on a profile page, the consent grant to confidential fields,
and agreements keeping their party organisations from deletion."""

from django.dispatch import receiver

from lintas.brokerage.domain import access, agreements
from lintas.brokerage.enums import ACTIVE_STAGES
from lintas.brokerage.models import Deal
from lintas.catalogue.signals import confidential_access, profile_panels
from lintas.core.signals import organisation_delete_guards


@receiver(profile_panels, dispatch_uid="brokerage.interest_panel")
def interest_extra(sender, request, profile, **kwargs):
    """The interest button on a profile page: for signed-in providers and seekers who do not
    own the profile; shows the open deal instead when there is one."""
    user = request.user
    if not user.is_authenticated:
        # Visitors are invited to sign in; the sign-in page brings them back to this profile.
        if not profile.is_published:
            return None
        return {"template": "brokerage/_interest_signin.html", "profile": profile}
    if profile.organisation_id == user.organisation_id:
        return None
    if not profile.is_published or not user.has_perm("brokerage.express_interest"):
        return None
    open_deal = (
        Deal.objects.filter(
            profile=profile, requester_org_id=user.organisation_id, stage__in=ACTIVE_STAGES
        )
        .only("id", "stage")
        .first()
    )
    return {"template": "brokerage/_interest_button.html", "profile": profile, "deal": open_deal}


@receiver(profile_panels, dispatch_uid="brokerage.decline_advice_panel")
def decline_advice_extra(sender, request, profile, **kwargs):
    """For the profile's own organisation (and brokers): why others turned it down, as
    advice (coded decline reasons, lintas.brokerage.domain.declines)."""
    from lintas.brokerage.domain.declines import advice

    user = request.user
    if not user.is_authenticated:
        return None
    if profile.organisation_id != user.organisation_id and not user.is_broker:
        return None
    lines = advice(profile)
    if not lines:
        return None
    return {"template": "brokerage/_decline_advice.html", "lines": lines}


@receiver(confidential_access, dispatch_uid="brokerage.introduction_grant")
def introduction_grant(sender, user, profile, **kwargs) -> bool:
    """Parties of an introduction both sides consented to see each other's confidential
    fields (brokerage.domain.access.introduction_grant, which also records the access)."""
    return access.introduction_grant(user, profile)


@receiver(organisation_delete_guards, dispatch_uid="brokerage.agreement_parties")
def agreement_parties(sender, organisation, **kwargs) -> list[str]:
    """Agreements name their parties: an organisation that is one is not deleted."""
    return agreements.party_to(organisation)
