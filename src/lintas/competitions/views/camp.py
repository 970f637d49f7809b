"""The camp page (officers): cohort, mentors, sessions; attendance and certificates are the
programmes' training pages."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.competitions.domain import camps
from lintas.competitions.enums import EntryStatus
from lintas.competitions.forms import SessionForm
from lintas.competitions.models import Camp
from lintas.competitions.views.common import officer_required
from lintas.core.pages import domain_call
from lintas.talents.models import Talent


@officer_required
def camp(request, pk):
    camp = get_object_or_404(Camp.objects.select_related("competition", "programme"), pk=pk)
    form = SessionForm(request.POST if request.POST.get("action") == "session" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cohort":
            entry = camp.competition.entries.filter(pk=request.POST.get("entry") or 0).first()
            if entry:
                domain_call(request, camps.add_to_cohort, success=_("Entry added to the camp."),
                            user=request.user, camp=camp, entry=entry)  # fmt: skip
        elif action == "mentor":
            talent = Talent.objects.filter(slug=request.POST.get("talent", "")).first()
            if talent:
                domain_call(request, camps.add_mentor, success=_("Mentor added."),
                            user=request.user, camp=camp, talent=talent)  # fmt: skip
        elif action == "session" and form.is_valid():
            domain_call(request, camps.add_session, success=_("Session added."),
                        user=request.user, camp=camp, **form.cleaned_data)  # fmt: skip
        return redirect(camp)
    cohort = camp.cohort.select_related("group", "field__sector")
    return render(
        request,
        "competitions/camp.html",
        {
            "camp": camp,
            "cohort": cohort,
            "candidates": camp.competition.entries.filter(status=EntryStatus.ELIGIBLE).exclude(
                pk__in=cohort.values("pk")
            ),
            "mentors": camp.mentors.all(),
            "talents": Talent.objects.filter(listed=True).exclude(pk__in=camp.mentors.values("pk")),
            "sessions": camp.programme.sessions.all(),
            "participants": camp.programme.participants.all(),
            "form": form,
        },
    )
