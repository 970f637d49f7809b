"""Read-only public API of the network registry (all of it is public information)."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from lintas.core.models import Organisation
from lintas.network.domain import queries
from lintas.network.models import JointLab, Mechanism, Platform, SciencePark


class MemberSerializer(serializers.ModelSerializer):
    country = serializers.CharField()
    published_profiles = serializers.IntegerField(source="published", read_only=True)

    class Meta:
        model = Organisation
        fields = ("slug", "name", "name_local", "type", "country", "province", "website",
                  "member_type", "member_since", "published_profiles")  # fmt: skip


class JointLabSerializer(serializers.ModelSerializer):
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = JointLab
        fields = ("id", "name", "aliases", "partners", "partner_names", "countries", "sector",
                  "launched", "status", "description", "illustrative", "note", "source")  # fmt: skip


class ScienceParkSerializer(serializers.ModelSerializer):
    country = serializers.CharField()

    class Meta:
        model = SciencePark
        fields = ("id", "name", "country", "countries", "city", "focus", "description",
                  "status", "illustrative", "note", "source")  # fmt: skip


class MechanismSerializer(serializers.ModelSerializer):
    country_a = serializers.CharField()
    country_b = serializers.CharField()

    class Meta:
        model = Mechanism
        fields = ("id", "name", "country_a", "country_b", "established", "working_group",
                  "note", "source")  # fmt: skip


class PlatformSerializer(serializers.ModelSerializer):
    country = serializers.CharField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Platform
        fields = ("id", "name", "kind", "organisation", "city", "country", "launched",
                  "description", "figures", "note", "source")  # fmt: skip


class _Public(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    filter_params: tuple = ()
    query = None

    def get_queryset(self):
        params = {k: self.request.query_params.get(k, "") for k in self.filter_params}
        if "country" in params:
            params["country"] = params["country"].upper()
        return type(self).query(**params)


class MemberViewSet(_Public):
    """Members of the network; filter with ?country=ID&member_type=full&org_type=university."""

    serializer_class = MemberSerializer
    lookup_field = "slug"
    filter_params = ("country", "member_type", "org_type")
    query = staticmethod(queries.members)


class JointLabViewSet(_Public):
    """Joint laboratories; filter with ?country=TH&sector=agriculture&status=active."""

    serializer_class = JointLabSerializer
    filter_params = ("country", "sector", "status")
    query = staticmethod(queries.joint_labs)


class ScienceParkViewSet(_Public):
    """Science parks; filter with ?country=MY&status=active."""

    serializer_class = ScienceParkSerializer
    filter_params = ("country", "status")
    query = staticmethod(queries.science_parks)


class MechanismViewSet(_Public):
    """Bilateral technology-transfer mechanisms; filter with ?country=VN."""

    serializer_class = MechanismSerializer
    filter_params = ("country",)
    query = staticmethod(queries.mechanisms)


class PlatformViewSet(_Public):
    """Platforms, alliances, campaigns; filter with ?kind=alliance."""

    serializer_class = PlatformSerializer
    filter_params = ("kind",)
    query = staticmethod(queries.platforms)


ROUTES = [
    ("network/members", MemberViewSet, "network-member"),
    ("network/joint-labs", JointLabViewSet, "network-joint-lab"),
    ("network/science-parks", ScienceParkViewSet, "network-science-park"),
    ("network/mechanisms", MechanismViewSet, "network-mechanism"),
    ("network/platforms", PlatformViewSet, "network-platform"),
]
