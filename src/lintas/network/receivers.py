"""What the network adds to lower apps through their signals (connected when NetworkConfig is
ready): joint labs keep their partner organisations from deletion."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from lintas.core.signals import organisation_delete_guards


@receiver(organisation_delete_guards, dispatch_uid="network.joint_lab_partners")
def joint_lab_partners(sender, organisation, **kwargs) -> list[str]:
    """A joint lab lists its partners; deleting one would silently drop it from the lab's
    record, so the organisation stays until someone removes it from the lab (or keeps it)."""
    return [
        _("joint lab “%(name)s”") % {"name": name}
        for name in organisation.joint_labs.order_by("name").values_list("name", flat=True)
    ]
