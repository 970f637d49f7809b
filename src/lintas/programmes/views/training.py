"""Training: participants by country and organisation, sessions, attendance, certificates."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.core.pages import domain_call
from lintas.programmes.domain import certificates, training
from lintas.programmes.models import Certificate, Participant, Programme, TrainingSession
from lintas.programmes.views.officer import officer_required


@officer_required
def training_overview(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    participants = programme.participants.select_related("organisation").annotate(
        n_attended=Count("attended")
    )
    by_country = [
        {"name": countries.name(row["country"]) or row["country"], "n": row["n"]}
        for row in programme.participants.values("country")
        .annotate(n=Count("id"))
        .order_by("country")
    ]
    return render(
        request,
        "programmes/training.html",
        {
            "programme": programme,
            "participants": participants,
            "by_country": by_country,
            "sessions": programme.sessions.annotate(n=Count("attendees")),
        },
    )


@officer_required
def attendance(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("programme"), pk=pk)
    if request.method == "POST":
        saved = domain_call(
            request,
            training.set_attendance,
            user=request.user,
            session=session,
            participant_ids=request.POST.getlist("present"),
        )
        if saved:
            messages.success(request, _("Attendance saved: %d present.") % saved.value)
            return redirect("programmes:training", slug=session.programme.slug)
    present = set(session.attendees.values_list("pk", flat=True))
    return render(
        request,
        "programmes/attendance.html",
        {
            "session": session,
            "participants": session.programme.participants.select_related("organisation"),
            "present": present,
        },
    )


def certificate(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related("programme", "organisation"), pk=pk
    )
    if not request.user.has_perm("programmes.view_certificate", participant):
        raise Http404
    issued = Certificate.objects.filter(participant=participant).first()
    return render(
        request,
        "programmes/certificate.html",
        {
            "participant": participant,
            "result": training.certificate(participant),
            "issued": issued,
            "qr": mark_safe(certificates.qr_svg(issued)) if issued else "",  # noqa: S308
            "url": certificates.verification_url(issued) if issued else "",
            "is_officer": request.user.has_perm("programmes.manage_programmes"),
        },
    )
