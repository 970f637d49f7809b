from django.contrib import admin

from lintas.catalogue.models import Attachment, Profile


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
