"""Read-only public API of the network registry (all of it is public information)."""

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from lintas.api.serializers.network import (
    JointLabSerializer,
    MechanismSerializer,
    MemberSerializer,
    PlatformSerializer,
    ScienceParkSerializer,
)
from lintas.network.domain import queries


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
