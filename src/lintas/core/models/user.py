from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.core.enums import Role


class User(AbstractUser):
    """A person acting in one role, for at most one organisation.

    ``organisation`` is the *verified* membership: sign-up never sets it, only an approved
    membership request (or an administrator) does, so every check that compares
    ``user.organisation_id`` with an object's organisation refuses people still waiting.
    ``is_organisation_admin`` lets a member decide who else may act for that organisation.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    is_organisation_admin = models.BooleanField(
        _("organisation admin"),
        default=False,
        db_default=False,  # rows written by code that predates the column stay valid
        help_text=_("Approves or refuses who may act for the organisation."),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SEEKER)
    language = models.CharField(_("preferred language"), max_length=10, default="en")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    notify_matches = models.BooleanField(_("e-mail me new matches"), default=True)
    notify_messages = models.BooleanField(_("e-mail me new messages"), default=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_broker(self) -> bool:
        return self.role in (Role.BROKER, Role.ADMIN)

    @property
    def is_officer(self) -> bool:
        return self.role in (Role.OFFICER, Role.ADMIN)

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser
