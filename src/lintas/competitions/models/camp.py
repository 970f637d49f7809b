from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Camp(models.Model):
    """The innovation and entrepreneurship camp of a competition: a cohort of selected entries
    with mentors from the talent directory. Sessions, attendance and certificates are the
    programmes app's training machinery: the camp runs a training programme, each team member
    of the cohort is one of its participants."""

    competition = models.ForeignKey(
        "competitions.Competition", on_delete=models.CASCADE, related_name="camps"
    )
    name = models.CharField(_("name"), max_length=200)
    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.PROTECT, related_name="camp"
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    cohort = models.ManyToManyField("competitions.Entry", blank=True, related_name="camps")
    mentors = models.ManyToManyField("talents.Talent", blank=True, related_name="mentoring")

    class Meta:
        ordering = ["competition", "name"]
        verbose_name = _("camp")
        verbose_name_plural = _("camps")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("competitions:camp", kwargs={"pk": self.pk})
