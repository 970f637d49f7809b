"""Administrators' view of competitions (officers use the pages, docs/competitions.md). Scores
are read-only here: a change must go through the domain, which audits it."""

from django.contrib import admin

from lintas.competitions import models


class GroupInline(admin.TabularInline):
    model = models.Group
    extra = 0


class StageInline(admin.TabularInline):
    model = models.Stage
    extra = 0


@admin.register(models.Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ("name", "edition", "status", "results_published")
    list_filter = ("status",)
    inlines = [GroupInline, StageInline]


class TeamMemberInline(admin.TabularInline):
    model = models.TeamMember
    extra = 0
    raw_id_fields = ("talent",)


@admin.register(models.Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("number", "project_name", "competition", "group", "country", "status", "stage")
    list_filter = ("competition", "status", "group__kind")
    search_fields = ("project_name", "organisation_name")
    raw_id_fields = ("organisation", "offer", "submitted_by", "stage")
    inlines = [TeamMemberInline]


@admin.register(models.Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ("assignment", "total", "updated_at")
    readonly_fields = ("assignment", "values", "total", "comment")

    def has_add_permission(self, request):
        return False


@admin.register(models.Camp)
class CampAdmin(admin.ModelAdmin):
    list_display = ("name", "competition", "programme")
    raw_id_fields = ("programme",)
    filter_horizontal = ("cohort", "mentors")
