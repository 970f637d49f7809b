from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokerageConfig(AppConfig):
    name = "lintas.brokerage"
    label = "brokerage"
    verbose_name = _("Brokerage")

    def ready(self):
        from lintas.brokerage import hooks
        from lintas.brokerage.domain import access, agreements
        from lintas.catalogue.domain.access import CONFIDENTIAL_GRANTS
        from lintas.catalogue.hooks import DETAIL_EXTRAS
        from lintas.core.domain.organisations import DELETE_GUARDS as ORGANISATION_DELETE_GUARDS

        if access.introduction_grant not in CONFIDENTIAL_GRANTS:
            CONFIDENTIAL_GRANTS.append(access.introduction_grant)
        if hooks.interest_extra not in DETAIL_EXTRAS:
            DETAIL_EXTRAS.append(hooks.interest_extra)
        if agreements.party_to not in ORGANISATION_DELETE_GUARDS:
            ORGANISATION_DELETE_GUARDS.append(agreements.party_to)
