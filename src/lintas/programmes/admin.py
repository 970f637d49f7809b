from django.contrib import admin

from lintas.programmes import models


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")


class ReviewerInline(admin.TabularInline):
    model = models.Reviewer
    extra = 0
    raw_id_fields = ("user",)


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "status", "deadline", "review_round")
    list_filter = ("status", "programme")
    inlines = [ReviewerInline]


@admin.register(models.Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "programme", "capacity")
    raw_id_fields = ("organisation",)


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("full_name", "call", "status", "nationality", "submitted_at")
    list_filter = ("status", "call")
    raw_id_fields = ("applicant",)


@admin.register(models.Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ("application", "host", "start", "end", "status")
    list_filter = ("status",)


@admin.register(models.TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "date", "location")


@admin.register(models.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "organisation", "programme")
    list_filter = ("country", "programme")
