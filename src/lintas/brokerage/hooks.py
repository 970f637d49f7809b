"""What the brokerage adds to other apps' pages (registered in BrokerageConfig.ready)."""

from lintas.brokerage.enums import ACTIVE_STAGES
from lintas.brokerage.models import Deal


def interest_extra(request, profile):
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
