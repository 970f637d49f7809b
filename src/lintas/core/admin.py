from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lintas.core.models import AuditEntry, MembershipRequest, Organisation, Sector, User


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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "country", "province", "member_type")
    list_filter = ("type", "country", "member_type")
    search_fields = ("name", "name_local")
    prepopulated_fields = {"slug": ("name",)}


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
