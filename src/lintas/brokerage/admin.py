from django.contrib import admin

from lintas.brokerage.models import Agreement, Deal, DealStageChange, Message


class StageChangeInline(admin.TabularInline):
    model = DealStageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "actor", "note", "at")


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ("id", "profile", "requester_org", "owner_org", "stage", "broker")
    list_filter = ("stage", "owner_consent", "broker_consent")
    raw_id_fields = ("profile", "counterpart_profile", "requester", "broker")
    inlines = [StageChangeInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "deal", "author", "created_at")
    raw_id_fields = ("deal", "author")


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "type", "signed_on", "value", "currency")
    list_filter = ("type",)
    filter_horizontal = ("parties",)
    raw_id_fields = ("profiles", "deal")
