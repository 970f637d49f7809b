"""API of technology campaigns: the same rules as the pages (``campaigns/rules.py``); writes
go through :mod:`lintas.campaigns.domain.campaigns` and interests through
:mod:`lintas.campaigns.domain.attribution`, so they are attributed exactly as on the pages."""

from dataclasses import asdict

from django.urls import reverse
from django_countries import countries as all_countries
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.campaigns import (
    BriefInputSerializer,
    BriefSerializer,
    CampaignInputSerializer,
    CampaignOfferInputSerializer,
    CampaignOfferRemoveSerializer,
    CampaignRunnersSerializer,
    CampaignSerializer,
    CountryPageSerializer,
    InterestCreatedSerializer,
    InterestInputSerializer,
    ReachSerializer,
    SuggestionSerializer,
)
from lintas.campaigns.domain import access, attribution, printing, queries, suggestions
from lintas.campaigns.domain import campaigns as domain
from lintas.campaigns.domain.reach import reach as campaign_reach
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.core.models import Sector, User

COUNTRY = r"countries/(?P<country>[A-Za-z]{2})"


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Campaigns: public ones for everyone, drafts for brokers; building, briefs, suggestions
    and reach for the brokers who run them."""

    lookup_field = "slug"
    serializer_class = CampaignSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "retrieve": "campaigns.view_campaign",
        "create": "campaigns.add_campaign",
        "partial_update": "campaigns.change_campaign",
        "offers": "campaigns.change_campaign",
        "remove_offer": "campaigns.change_campaign",
        "briefs": "campaigns.change_campaign",
        "suggestions": "campaigns.change_campaign",
        "country_page": "campaigns.view_campaign",
        "interests": "campaigns.view_campaign",
        "reach": "campaigns.view_reach",
    }
    filter_backends: list = []

    def get_queryset(self):
        return queries.visible_to(self.request.user)

    def get_serializer_class(self):
        if access.is_broker(self.request.user):
            return CampaignRunnersSerializer
        return CampaignSerializer

    def get_object(self):
        campaign = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, campaign)
        return campaign

    def _country(self, campaign, country: str) -> str:
        country = country.upper()
        if country not in campaign.countries:
            raise NotFound
        return country

    def _values(self, data) -> dict:
        values = dict(data.validated_data)
        slugs = values.pop("sectors", [])
        sectors = list(Sector.objects.filter(slug__in=slugs))
        if len(sectors) != len(set(slugs)):
            raise ApiValidationError({"sectors": ["Unknown sector."]})
        names = values.pop("brokers", [])
        brokers = list(User.objects.filter(username__in=names, is_active=True))
        if len(brokers) != len(set(names)):
            raise ApiValidationError({"brokers": ["Unknown user."]})
        values.pop("slug", None)
        return {**values, "sectors": sectors, "brokers": brokers}

    def _out(self, campaign, code=status.HTTP_200_OK):
        fresh = queries.visible_to(self.request.user).get(pk=campaign.pk)
        return Response(
            CampaignRunnersSerializer(fresh, context={"request": self.request}).data, status=code
        )

    @extend_schema(request=CampaignInputSerializer, responses={201: CampaignRunnersSerializer})
    def create(self, request):
        """A broker starts a campaign (they run it, with the brokers named)."""
        data = CampaignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign = domain_call(
            domain.create_campaign,
            user=request.user,
            slug=data.validated_data.get("slug", ""),
            **self._values(data),
        )
        return self._out(campaign, status.HTTP_201_CREATED)

    @extend_schema(request=CampaignInputSerializer, responses=CampaignRunnersSerializer)
    def partial_update(self, request, slug=None):
        """Change the settings (all of them are sent; the tag stays)."""
        campaign = self.get_object()
        data = CampaignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            domain.update_campaign, user=request.user, campaign=campaign, **self._values(data)
        )
        return self._out(campaign)

    @extend_schema(request=CampaignOfferInputSerializer, responses=CampaignRunnersSerializer)
    @action(detail=True, methods=["post"])
    def offers(self, request, slug=None):
        """Add a published offer (for some target countries, or all)."""
        campaign = self.get_object()
        data = CampaignOfferInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = get_object_or_404(
            Profile,
            ref=data.validated_data["ref"],
            kind=ProfileKind.OFFER,
            status=ProfileStatus.PUBLISHED,
        )
        domain_call(
            domain.add_offer,
            user=request.user,
            campaign=campaign,
            profile=profile,
            countries=data.validated_data["countries"],
        )
        return self._out(campaign)

    @extend_schema(request=CampaignOfferRemoveSerializer, responses=CampaignRunnersSerializer)
    @action(detail=True, methods=["post"], url_path="offers/remove")
    def remove_offer(self, request, slug=None):
        """Take an offer out (of one country's set when ``country`` is given)."""
        campaign = self.get_object()
        data = CampaignOfferRemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = get_object_or_404(Profile, ref=data.validated_data["ref"])
        domain_call(
            domain.remove_offer,
            user=request.user,
            campaign=campaign,
            profile=profile,
            country=data.validated_data["country"] or None,
        )
        return self._out(campaign)

    @extend_schema(request=BriefInputSerializer, responses=BriefSerializer)
    @action(detail=True, methods=["post"])
    def briefs(self, request, slug=None):
        """Write a country's brief in one of its languages."""
        campaign = self.get_object()
        data = BriefInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        brief = domain_call(
            domain.save_brief, user=request.user, campaign=campaign, **data.validated_data
        )
        return Response(BriefSerializer(brief).data)

    @extend_schema(responses=SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"], url_path=f"{COUNTRY}/suggestions", pagination_class=None)
    def suggestions(self, request, slug=None, country=None):
        """Offers that best match the country's published needs, with the engine's explanation."""
        campaign = self.get_object()
        found = suggestions.for_country(campaign, self._country(campaign, country))
        return Response(SuggestionSerializer(found, many=True).data)

    @extend_schema(responses=CountryPageSerializer)
    @action(detail=True, methods=["get"], url_path=COUNTRY)
    def country_page(self, request, slug=None, country=None):
        """The country's page: brief and offers in the country's language (``?lang=``)."""
        campaign = self.get_object()
        country = self._country(campaign, country)
        language = queries.page_language(country, request.query_params.get("lang"))
        attribution.record_view(campaign=campaign, country=country)
        brief = queries.brief_for(campaign, country, language)
        body = {
            "campaign": campaign.slug,
            "country": {"code": country, "name": str(all_countries.name(country))},
            "language": language,
            "brief": BriefSerializer(brief).data if brief else None,
            "offers": [asdict(i) for i in printing.items(campaign, country, language)],
            "catalogue_pdf": request.build_absolute_uri(
                reverse(
                    "campaigns:catalogue_pdf", kwargs={"slug": campaign.slug, "country": country}
                )
            ),
        }
        return Response(CountryPageSerializer(body).data)

    @extend_schema(request=InterestInputSerializer, responses={201: InterestCreatedSerializer})
    @action(detail=True, methods=["post"], url_path=f"{COUNTRY}/interests")
    def interests(self, request, slug=None, country=None):
        """Express interest in an offer of the country's page; attributed to the campaign."""
        campaign = self.get_object()
        country = self._country(campaign, country)
        if not request.user.has_perm("brokerage.express_interest"):
            raise ApiPermissionDenied("Only technology providers and seekers express interest.")
        data = InterestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = get_object_or_404(Profile, ref=data.validated_data["ref"])
        counterpart = None
        if data.validated_data["counterpart"]:
            counterpart = get_object_or_404(Profile, ref=data.validated_data["counterpart"])
        deal = domain_call(
            attribution.express_interest,
            user=request.user,
            campaign=campaign,
            country=country,
            profile=profile,
            message=data.validated_data["message"],
            counterpart=counterpart,
        )
        body = {
            "deal": deal.pk,
            "campaign": campaign.slug,
            "country": country,
            "url": request.build_absolute_uri(deal.get_absolute_url()),
        }
        return Response(InterestCreatedSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ReachSerializer)
    @action(detail=True, methods=["get"])
    def reach(self, request, slug=None):
        """Views, interests, introductions, meetings and agreements per offer and country."""
        campaign = self.get_object()
        r = campaign_reach(campaign)
        p = queries.progress(campaign)
        body = {
            "campaign": campaign.slug,
            "progress": {
                "offers": p.offers,
                "goal": p.goal,
                "percent": p.percent,
                "per_country": p.per_country,
            },
            "total": r.total.as_dict(),
            "countries": [
                {"country": c, "page_views": r.page_views.get(c, 0), "counts": counts.as_dict()}
                for c, counts in r.countries.items()
            ],
            "offers": [
                {"country": c, "ref": profile.ref, "counts": counts.as_dict()}
                for c, profile, counts in r.rows
            ],
        }
        return Response(ReachSerializer(body).data)
