from django.contrib import admin

from lintas.campaigns.models import Campaign, CampaignBrief, CampaignInterest, CampaignOffer


class CampaignOfferInline(admin.TabularInline):
    model = CampaignOffer
    raw_id_fields = ("profile", "added_by")
    extra = 0


class CampaignBriefInline(admin.StackedInline):
    model = CampaignBrief
    raw_id_fields = ("written_by",)
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "goal", "starts_on", "ends_on", "published")
    search_fields = ("name", "slug")
    filter_horizontal = ("sectors", "brokers")
    inlines = [CampaignOfferInline, CampaignBriefInline]


@admin.register(CampaignInterest)
class CampaignInterestAdmin(admin.ModelAdmin):
    list_display = ("campaign", "country", "deal", "created_at")
    raw_id_fields = ("deal",)
    list_filter = ("campaign", "country")
