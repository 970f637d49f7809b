from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.catalogue.enums import ContentLanguage
from lintas.core.files import ProtectedFileField
from lintas.talents.enums import Availability, TalentRole

NAME_MAX = 120
BIO_MAX = 3_000
KEYWORDS_MAX = 15


class Talent(models.Model):
    """A person's entry in the talent directory; it exists only because they opted in.

    Name, country, languages, fields, keywords and roles are public (the directory filters on
    them). Whatever the person lists in ``members_only`` is shown to signed-in members only,
    and the contact details only to people the person agreed to talk to (a consultation they
    accepted), to themselves and to brokers: :mod:`lintas.talents.domain.access`.
    Writes go through :mod:`lintas.talents.domain.profiles`.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent"
    )
    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talents",
    )
    organisation_name = models.CharField(
        _("organisation (if not on Lintas)"), max_length=200, blank=True
    )
    country = CountryField(_("country"))
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    sectors = models.ManyToManyField(
        "core.Sector", verbose_name=_("fields"), related_name="talents", blank=True
    )
    keywords = models.JSONField(_("expertise keywords"), default=list, blank=True)
    bio = models.TextField(_("short biography"), max_length=BIO_MAX, blank=True)
    bio_language = models.CharField(
        _("language of the biography"),
        max_length=3,
        choices=ContentLanguage.choices,
        default=ContentLanguage.EN,
    )
    roles = models.JSONField(_("roles offered"), default=list, blank=True)
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability.choices, default="available"
    )
    availability_note = models.CharField(_("availability note"), max_length=200, blank=True)
    members_only = models.JSONField(_("shown to members only"), default=list, blank=True)
    photo = ProtectedFileField(_("photo"), folder="talents", blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    listed = models.BooleanField(_("listed in the directory"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("talent")
        verbose_name_plural = _("talents")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("talents:detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("talents:photo", kwargs={"slug": self.slug})

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def language_labels(self) -> list[str]:
        names = dict(ContentLanguage.choices)
        return [names.get(code, code) for code in self.languages or []]

    @property
    def role_labels(self) -> list[str]:
        names = dict(TalentRole.choices)
        return [str(names.get(code, code)) for code in self.roles or []]

    def is_members_only(self, field: str) -> bool:
        return field in (self.members_only or [])

    def texts(self) -> list[str]:
        """Everything the expertise search compares with a query: bio and publications."""
        texts = [self.bio] if self.bio else []
        texts += [p.text() for p in self.publications.all()]
        return [t for t in texts if t.strip()]
