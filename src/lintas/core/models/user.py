from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.core.enums import Role


class User(AbstractUser):
    """A person, bound to one organisation, acting in one role."""

    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
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
