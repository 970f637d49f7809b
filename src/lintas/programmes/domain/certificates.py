"""Certificates with a number, an issue date, an issuer and a public verification page.

Numbers look like ``LTS-2026-0007-K4``: the year, a sequence per year and two check
characters derived from the rest (a typo in a number read off paper shows as "no such
certificate" rather than someone else's). The verification page shows only what the paper
shows (holder, what it certifies, programme, date, issuer) and whether it was revoked.
"""

from __future__ import annotations

import hashlib
import io

import rules
import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.domain import training
from lintas.programmes.enums import ApplicationStatus, CertificateKind, PlacementStatus
from lintas.programmes.models import Certificate

PREFIX = "LTS"
_CHECK = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _check(body: str) -> str:
    digest = hashlib.sha256(body.encode()).digest()
    return _CHECK[digest[0] % len(_CHECK)] + _CHECK[digest[1] % len(_CHECK)]


def next_number(year: int) -> str:
    start = f"{PREFIX}-{year}-"
    taken = Certificate.objects.filter(number__startswith=start).count()
    body = f"{start}{taken + 1:04d}"
    return f"{body}-{_check(body)}"


def well_formed(number: str) -> bool:
    body, _sep, check = number.rpartition("-")
    return bool(body) and _check(body) == check


def _issuer(programme) -> str:
    return programme.issuer or str(settings.SITE_NAME)


def _officer(user):
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can issue certificates."))


def _create(*, user, kind, programme, holder, statement, issued_on, **target) -> Certificate:
    issued_on = issued_on or timezone.localdate()
    certificate = Certificate.objects.create(
        number=next_number(issued_on.year),
        kind=kind,
        programme=programme,
        holder=holder,
        statement=statement[:400],
        issued_on=issued_on,
        issuer=_issuer(programme),
        issued_by=user,
        **target,
    )
    audit.record(
        actor=user,
        target=certificate,
        action=AuditAction.CREATE,
        summary=f"certificate {certificate.number} for {holder}",
    )
    return certificate


@transaction.atomic
def issue_for_application(*, user, application, issued_on=None) -> Certificate:
    """A completed placement's certificate, or (accepted, no completed placement yet) the
    certificate of selection in the call."""
    _officer(user)
    if Certificate.objects.filter(application=application).exists():
        raise ValidationError(_("This applicant already has a certificate."))
    call = application.call
    placement = getattr(application, "placement", None)
    if placement is not None and placement.status == PlacementStatus.COMPLETED:
        kind = CertificateKind.PLACEMENT
        statement = _(
            "completed a research placement at %(host)s, %(org)s, from %(start)s to %(end)s, "
            "in %(call)s"
        ) % {
            "host": placement.host.name,
            "org": placement.host.organisation.name,
            "start": placement.start.isoformat(),
            "end": placement.end.isoformat(),
            "call": call.title,
        }
    elif application.status == ApplicationStatus.ACCEPTED:
        kind = CertificateKind.AWARD
        statement = _("was selected in %(call)s") % {"call": call.title}
    else:
        raise ValidationError(
            _("Only accepted applicants and completed placements receive certificates.")
        )
    return _create(
        user=user,
        kind=kind,
        programme=call.programme,
        holder=application.full_name,
        statement=statement,
        issued_on=issued_on,
        application=application,
    )


@transaction.atomic
def issue_for_trainee(*, user, participant, issued_on=None) -> Certificate:
    """A training certificate, once the trainee attended enough sessions."""
    _officer(user)
    if Certificate.objects.filter(participant=participant).exists():
        raise ValidationError(_("This trainee already has a certificate."))
    result = training.certificate(participant)
    if not result["earned"]:
        raise ValidationError(
            _("No certificate yet: %(attended)d of %(total)d sessions attended.") % result
        )
    statement = _("took part in %(programme)s, attending %(attended)d of %(total)d sessions.") % {
        "programme": participant.programme.name,
        **result,
    }
    return _create(
        user=user,
        kind=CertificateKind.TRAINING,
        programme=participant.programme,
        holder=participant.name,
        statement=statement,
        issued_on=issued_on,
        participant=participant,
    )


@transaction.atomic
def revoke(*, user, certificate: Certificate, reason: str) -> Certificate:
    _officer(user)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the certificate is revoked.")]})
    if certificate.revoked_at:
        raise ValidationError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()[:300]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(actor=user, target=certificate, action=AuditAction.STATUS, summary="revoked")
    return certificate


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + certificate.get_absolute_url()


def qr_svg(certificate: Certificate) -> str:
    """The verification address as an inline SVG QR code (segno, made offline)."""
    code = segno.make(verification_url(certificate), error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
              title=_("Verification QR code"), dark="#000", light="#fff")  # fmt: skip
    return out.getvalue().decode()


def lookup(number: str) -> Certificate | None:
    """The certificate a public visitor asks about, or None (unknown or mistyped)."""
    number = number.strip().upper()
    if not well_formed(number):
        return None
    return Certificate.objects.select_related("programme").filter(number=number).first()
