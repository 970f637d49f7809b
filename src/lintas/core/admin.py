from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lintas.core.domain import accounts, organisations
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.models import (
    AuditEntry,
    MembershipRequest,
    Notification,
    Organisation,
    Sector,
    User,
)


@admin.register(User)
class LintasUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "Lintas",
            {
                "fields": (
                    "organisation",
                    "is_organisation_admin",
                    "role",
                    "language",
                    "phone",
                    "email_verified",
                )
            },
        ),
    )
    list_display = ("username", "email", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")
    actions = ["deactivate"]
    # Says why a user with meeting requests, applications or event participations cannot be
    # deleted (those foreign keys PROTECT) and offers deactivation instead.
    delete_confirmation_template = "admin/core/user/delete_confirmation.html"

    @admin.action(description=_("Deactivate selected users (keeps their records)"))
    def deactivate(self, request, queryset):
        count = 0
        for person in queryset:
            if accounts.deactivate(actor=request.user, user=person):
                count += 1
        self.message_user(
            request,
            ngettext("%(n)d user deactivated.", "%(n)d users deactivated.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "country", "province", "member_type")
    list_filter = ("type", "country", "member_type")
    search_fields = ("name", "name_local")
    prepopulated_fields = {"slug": ("name",)}

    def get_deleted_objects(self, objs, request):
        """Agreements name their parties in a many-to-many table, which Django would empty
        without a word: list them as protected, so the admin refuses like for PROTECT."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for org in objs:
            protected.extend(f"{org}: {item}" for item in organisations.protectors(org))
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # Its country places deals, agreements and meetings in the figures' breakdowns.
            schedule_refresh("organisations", ids=[obj.pk])

    def delete_model(self, request, obj):
        try:
            organisations.delete_organisation(user=request.user, organisation=obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for org in queryset:
            self.delete_model(request, org)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("slug", "position")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("timestamp", "actor", "action", "content_type", "object_id", "summary")
    list_filter = ("action", "content_type")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    """Read-only: decisions go through "My organisation" or the broker queue, which audit them
    and e-mail the person."""

    list_display = ("user", "organisation", "proposed_name", "status", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("user__username", "user__email", "organisation__name", "proposed_name")
    readonly_fields = [f.name for f in MembershipRequest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("text", "recipient", "created_at", "read_at")
    list_filter = ("read_at",)
    raw_id_fields = ("recipient",)
    readonly_fields = ("target_type", "target_id", "created_at")
