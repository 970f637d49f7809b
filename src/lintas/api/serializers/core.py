"""Serializers of core: sectors, organisations, membership requests and members."""

from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from lintas.core.enums import OrganisationType
from lintas.core.models import MembershipRequest, Notification, Organisation, Sector, User


class SectorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Sector
        fields = ("slug", "name", "names", "nace_codes", "sdgs")


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Organisation
        fields = (
            "slug",
            "name",
            "name_local",
            "type",
            "size",
            "country",
            "province",
            "website",
            "member_type",
            "member_since",
        )


class OrganisationUpdateSerializer(serializers.ModelSerializer):
    """What a PATCH may change: the details (its organisation admins and brokers) and the network
    membership (brokers only); ``country`` is an ISO 3166 code."""

    country = serializers.CharField(required=False, min_length=2, max_length=2)

    def validate_country(self, value):
        code = value.upper()
        if code not in dict(countries):
            raise serializers.ValidationError(_("Unknown country code: %(code)s") % {"code": value})
        return code

    class Meta:
        model = Organisation
        fields = (
            "name",
            "name_local",
            "type",
            "size",
            "country",
            "province",
            "website",
            "description",
            "member_type",
            "member_since",
        )


class MembershipRequestSerializer(serializers.ModelSerializer):
    """A request as its person and its deciders see it."""

    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organisation_name = serializers.CharField(read_only=True)
    proposed_country = serializers.CharField(source="proposed_country.code", read_only=True)
    # Empty unless the request proposes a new organisation.
    proposed_type = serializers.ChoiceField(
        choices=OrganisationType.choices, allow_blank=True, read_only=True
    )
    proposed_website = serializers.CharField(read_only=True)
    decided_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    is_proposal = serializers.BooleanField(read_only=True)

    class Meta:
        model = MembershipRequest
        fields = (
            "id",
            "username",
            "full_name",
            "email",
            "organisation",
            "organisation_name",
            "is_proposal",
            "proposed_name",
            "proposed_country",
            "proposed_type",
            "proposed_website",
            "status",
            "reason",
            "created_at",
            "decided_by",
            "decided_at",
        )
        read_only_fields = fields


class MembershipRequestCreateSerializer(serializers.Serializer):
    """Either ``organisation`` (the slug of an existing one) or the ``proposed_*`` fields."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False
    )
    proposed_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    proposed_country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    proposed_type = serializers.ChoiceField(
        choices=OrganisationType.choices, required=False, allow_blank=True
    )
    proposed_website = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate(self, attrs):
        proposing = any(
            attrs.get(f) for f in ("proposed_name", "proposed_country", "proposed_type")
        )
        if ("organisation" in attrs) == proposing:
            raise serializers.ValidationError(
                "Give either organisation (a slug) or proposed_name, proposed_country and "
                "proposed_type."
            )
        return attrs


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


# network.api has a MemberSerializer too (network members); distinct schema names.
@extend_schema_serializer(component_name="OrganisationMember")
class MemberSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "full_name",
            "email",
            "role",
            "organisation",
            "is_organisation_admin",
        )
        read_only_fields = fields


class NotificationSerializer(serializers.ModelSerializer):
    """One entry of a person's notification list; ``url`` leads to the object it is about."""

    read = serializers.BooleanField(read_only=True)
    target_kind = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ("id", "text", "url", "target_kind", "target_id", "read", "read_at", "created_at")
        read_only_fields = fields

    def get_target_kind(self, obj) -> str | None:
        """``app.model`` of the object (``brokerage.deal``, ``catalogue.profile``), or null."""
        if obj.target_type_id is None:
            return None
        from django.contrib.contenttypes.models import ContentType

        kind = ContentType.objects.get_for_id(obj.target_type_id)
        return f"{kind.app_label}.{kind.model}"


class NotificationCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
