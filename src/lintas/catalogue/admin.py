from django.contrib import admin

from lintas.catalogue.models import Attachment, Profile, ProfileTranslation, Revision


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = (
        "ref",
        "kind",
        "title",
        "organisation",
        "status",
        "content_language",
        "quality_score",
    )
    list_filter = ("kind", "status", "content_language")
    search_fields = ("ref", "title")
    inlines = [AttachmentInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Read-only: revisions are decided in the review queue, through the domain."""

    list_display = ("id", "profile", "author", "status", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("profile__ref", "author__username")
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProfileTranslation)
class ProfileTranslationAdmin(admin.ModelAdmin):
    """Read-only: translations are written on the profile's translation page, through the
    domain (permissions, audit log, re-indexing)."""

    list_display = ("profile", "language", "title", "written_by", "machine", "updated_at")
    list_filter = ("language", "machine")
    search_fields = ("profile__ref", "title")
    readonly_fields = [f.name for f in ProfileTranslation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
