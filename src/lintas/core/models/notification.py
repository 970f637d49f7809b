from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def about(self, obj):
        """Notifications that point at ``obj`` (a deal, a profile, an event...)."""
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            target_id=obj.pk,
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An entry in a person's in-app list (the e-mail, if any, is sent alongside).

    It lives in core so every app can notify anyone (an author whose profile was returned, a
    broker with a new interest) without importing the app above it. ``target`` is the object
    it is about; ``url`` where it leads, fixed when it was written so the list needs no joins.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        """Opening a notification marks it read and leads to its object."""
        return reverse("core:notification_open", kwargs={"pk": self.pk})

    @property
    def read(self) -> bool:
        return self.read_at is not None
