from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.core.enums import EnterpriseSize, MemberType, OrganisationType


class Organisation(models.Model):
    """A university, institute, enterprise, government body or intermediary.

    ``member_type`` and ``member_since`` record membership of the network (alliance).
    """

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    name_local = models.CharField(_("name in its own language"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    size = models.CharField(
        _("enterprise size"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    country = CountryField(_("country"))
    province = models.CharField(_("province"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    member_type = models.CharField(
        _("network membership"), max_length=10, choices=MemberType.choices, blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:organisation", kwargs={"slug": self.slug})

    @property
    def is_member(self) -> bool:
        return bool(self.member_type)
