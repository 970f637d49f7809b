from django.contrib import admin

from lintas.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("slug", "title", "kind", "starts_on", "published")
    inlines = [SessionInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "organisation", "status", "checked_in_at")
    list_filter = ("status", "event")


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("event", "sender", "receiver", "status", "priority")
    list_filter = ("status", "event")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "slot", "table", "fixed", "no_show", "follow_up")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("participant", "meeting", "sent_at", "answered_at", "outcome")
    list_filter = ("outcome",)
