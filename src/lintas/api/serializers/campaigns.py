"""Campaign resources: what anyone sees of a public campaign and its country pages, what its
brokers send to build it, and reach (brokers only)."""

from django_countries import countries as all_countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.campaigns.domain import queries
from lintas.campaigns.models import Campaign
from lintas.campaigns.models.campaign import INTRODUCTION_MAX, NAME_MAX
from lintas.catalogue.models.profile import TITLE_MAX


def _country(code: str) -> dict:
    return {"code": code, "name": str(dict(all_countries).get(code, code))}


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    offers = serializers.IntegerField(help_text="Published offers in the campaign")
    goal = serializers.IntegerField()
    percent = serializers.IntegerField()
    per_country = serializers.DictField(child=serializers.IntegerField())


class CampaignSerializer(serializers.ModelSerializer):
    """A campaign as anyone sees it (drafts are listed to brokers only)."""

    countries = serializers.SerializerMethodField()
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    progress = serializers.SerializerMethodField()
    pages = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "slug", "name", "goal", "countries", "sectors", "starts_on", "ends_on", "published",
            "progress", "pages",
        ]  # fmt: skip

    @extend_schema_field(CountrySerializer(many=True))
    def get_countries(self, obj):
        return [_country(c) for c in obj.countries]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, obj):
        p = queries.progress(obj)
        return {
            "offers": p.offers,
            "goal": p.goal,
            "percent": p.percent,
            "per_country": p.per_country,
        }

    def get_pages(self, obj) -> dict[str, str]:
        """The public page of each target country (its links carry the campaign tag)."""
        request = self.context.get("request")
        urls = {c: obj.country_url(c) for c in obj.countries}
        return {c: request.build_absolute_uri(u) if request else u for c, u in urls.items()}


class CampaignRunnersSerializer(CampaignSerializer):
    """Adds who runs it, for brokers."""

    brokers = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "brokers"]


class CampaignInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX)
    slug = serializers.CharField(
        max_length=40, required=False, help_text="Campaign tag (create only)"
    )
    goal = serializers.IntegerField(min_value=1)
    countries = serializers.ListField(child=serializers.CharField(max_length=2), min_length=1)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    sectors = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    brokers = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="Usernames"
    )
    published = serializers.BooleanField(required=False, default=False)


class CampaignOfferInputSerializer(serializers.Serializer):
    ref = serializers.CharField(max_length=20)
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False, default=list,
        help_text="Target countries it is introduced to; empty: all",
    )  # fmt: skip


class CampaignOfferRemoveSerializer(serializers.Serializer):
    ref = serializers.CharField(max_length=20)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")


class BriefInputSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2)
    language = serializers.CharField(max_length=3)
    title = serializers.CharField(max_length=NAME_MAX)
    introduction = serializers.CharField(max_length=INTRODUCTION_MAX)


class BriefSerializer(serializers.Serializer):
    country = serializers.CharField()
    language = serializers.CharField()
    title = serializers.CharField()
    introduction = serializers.CharField()


class CampaignItemSerializer(serializers.Serializer):
    """An offer as a campaign page shows it: public fields only, in the page's language."""

    ref = serializers.CharField()
    title = serializers.CharField(max_length=TITLE_MAX)
    summary = serializers.CharField()
    language = serializers.CharField()
    translated = serializers.BooleanField()
    trl = serializers.CharField(help_text="In words")
    ipr = serializers.CharField(help_text="In words")
    modes = serializers.ListField(child=serializers.CharField())
    sectors = serializers.ListField(child=serializers.CharField())
    organisation = serializers.CharField()
    organisation_country = serializers.CharField()
    contact_url = serializers.CharField(help_text="Where to express interest through Lintas")


class CountryPageSerializer(serializers.Serializer):
    campaign = serializers.CharField()
    country = CountrySerializer()
    language = serializers.CharField()
    brief = BriefSerializer(allow_null=True)
    offers = CampaignItemSerializer(many=True)
    catalogue_pdf = serializers.CharField()


class InterestInputSerializer(serializers.Serializer):
    ref = serializers.CharField(max_length=20)
    message = serializers.CharField()
    counterpart = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class InterestCreatedSerializer(serializers.Serializer):
    deal = serializers.IntegerField()
    campaign = serializers.CharField()
    country = serializers.CharField()
    url = serializers.CharField()


class SuggestionSerializer(serializers.Serializer):
    ref = serializers.CharField(source="offer.ref")
    title = serializers.CharField(source="offer.title")
    organisation = serializers.CharField(source="offer.organisation.name")
    band = serializers.CharField(source="match.band", allow_null=True)
    explanation = serializers.JSONField(source="match.explanation")
    needs = serializers.SerializerMethodField()
    in_campaign = serializers.BooleanField()

    def get_needs(self, obj) -> list[str]:
        return [n.ref for n in obj.needs]


class CountsSerializer(serializers.Serializer):
    views = serializers.IntegerField()
    interests = serializers.IntegerField()
    introductions = serializers.IntegerField()
    meetings = serializers.IntegerField()
    agreements = serializers.IntegerField()


class ReachRowSerializer(serializers.Serializer):
    country = serializers.CharField()
    ref = serializers.CharField()
    counts = CountsSerializer()


class ReachCountrySerializer(serializers.Serializer):
    country = serializers.CharField()
    page_views = serializers.IntegerField()
    counts = CountsSerializer()


class ReachSerializer(serializers.Serializer):
    campaign = serializers.CharField()
    progress = ProgressSerializer()
    total = CountsSerializer()
    countries = ReachCountrySerializer(many=True)
    offers = ReachRowSerializer(many=True)
