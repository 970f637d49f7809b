from django.urls import path, register_converter

from lintas.campaigns.views import broker, public


class CountryConverter:
    """A target country in a campaign link: two lower-case letters (``/campaigns/asean-1000/la/``),
    upper-case ISO 3166 in the views."""

    regex = "[a-z]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.lower()


register_converter(CountryConverter, "country")

app_name = "campaigns"
urlpatterns = [
    path("", public.campaign_list, name="list"),
    path("new/", broker.campaign_create, name="create"),
    path("<slug:slug>/", public.campaign_detail, name="detail"),
    path("<slug:slug>/edit/", broker.campaign_edit, name="edit"),
    path("<slug:slug>/search/", broker.search, name="search"),
    path("<slug:slug>/offers/add/", broker.add_offer, name="add_offer"),
    path("<slug:slug>/offers/<str:ref>/remove/", broker.remove_offer, name="remove_offer"),
    path("<slug:slug>/reach/", broker.reach_page, name="reach"),
    path("<slug:slug>/reach.<str:fmt>", broker.reach_export, name="reach_export"),
    path("<slug:slug>/<country:country>/", public.country_page, name="country"),
    path("<slug:slug>/<country:country>/suggestions/", broker.suggestions, name="suggestions"),
    path("<slug:slug>/<country:country>/brief/", broker.brief_edit, name="brief"),
    path("<slug:slug>/<country:country>/catalogue/", public.catalogue_print, name="catalogue"),
    path("<slug:slug>/<country:country>/catalogue.pdf", public.catalogue_pdf, name="catalogue_pdf"),
    path("<slug:slug>/<country:country>/<str:ref>/", public.offer_page, name="offer"),
]
