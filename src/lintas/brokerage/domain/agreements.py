"""Agreements registry: the signed documents a network reports (and the home page counts)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.brokerage.domain.deals import check_event, update_deal
from lintas.brokerage.enums import AgreementType, Stage
from lintas.brokerage.models import Agreement
from lintas.brokerage.signals import agreement_recorded
from lintas.catalogue.domain.attachments import check_upload
from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction
from lintas.core.files import display_name

FIELDS = ("title", "type", "signed_on", "value", "currency", "notes", "event_id")


@transaction.atomic
def record_agreement(
    *, user, data: dict, parties, profiles=(), deal=None, document=None
) -> Agreement:
    """Brokers record a signed agreement. A linked deal moves to the agreement stage with it
    (refused if the deal could not get there, e.g. before both sides consented)."""
    if not rules.has_perm("brokerage.record_agreement", user):
        raise PermissionDenied(_("Only brokers record agreements."))
    parties = list(parties)
    if len(parties) < 2:
        raise ValidationError(_("An agreement has at least two parties."))
    if data.get("type") not in AgreementType.values:
        raise ValidationError(_("Choose the type of agreement."))
    currency = (data.get("currency") or "").strip().upper()
    if data.get("value") is not None and not currency:
        raise ValidationError(_("Give the currency of the value (ISO 4217 code, e.g. CNY)."))
    data = {**data, "currency": currency}
    if deal is not None and deal.stage != Stage.AGREEMENT:
        # The deal reaches the agreement stage with its agreement, so the pipeline and the
        # registry tell the same story (the move follows the deal's own rules: consent first).
        deal = update_deal(user=user, deal=deal, version=None, stage=Stage.AGREEMENT)
    if document is not None:
        check_upload(document)
    agreement = Agreement(created_by=user, deal=deal)
    for name in FIELDS:
        if name in data:
            setattr(agreement, name, data[name])
    if deal is not None and agreement.event_id is None:
        agreement.event_id = deal.event_id
    check_event(agreement.event_id)
    if document is not None:
        agreement.document = document
        agreement.document_name = display_name(document.name)
    agreement.full_clean(exclude=["document"])
    agreement.save()
    agreement.parties.set(parties)
    linked = list(profiles)
    if deal is not None:
        linked += [p for p in (deal.profile, deal.counterpart_profile) if p is not None]
    agreement.profiles.set({p.pk: p for p in linked}.values())
    schedule_refresh(
        "agreements", ids=[agreement.pk]
    )  # agreements signed, enterprises served, the funnel
    transaction.on_commit(
        lambda pk=agreement.pk: agreement_recorded.send(sender=Agreement, agreement_id=pk)
    )
    audit.record(
        actor=user,
        target=agreement,
        action=AuditAction.CREATE,
        summary=agreement.title,
        changes={"parties": [None, [p.name for p in parties]]},
    )
    return agreement


def party_to(organisation) -> list[str]:
    """Agreements that name ``organisation`` as a party: they keep it, so it cannot be
    deleted (answered to ``core.signals.organisation_delete_guards`` by brokerage.receivers)."""
    return [
        _("agreement “%(title)s”") % {"title": title}
        for title in organisation.agreements.order_by("signed_on", "pk").values_list(
            "title", flat=True
        )
    ]
