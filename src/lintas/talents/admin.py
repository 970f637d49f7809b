from django.contrib import admin

from lintas.talents.models import Publication, Talent


class PublicationInline(admin.TabularInline):
    model = Publication
    extra = 0
    fields = ("title", "kind", "year", "doi", "source")


@admin.register(Talent)
class TalentAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "organisation", "listed", "updated_at")
    list_filter = ("listed", "country", "availability")
    search_fields = ("name", "keywords", "user__username", "user__email")
    raw_id_fields = ("user", "organisation")
    filter_horizontal = ("sectors",)
    inlines = [PublicationInline]
