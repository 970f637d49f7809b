"""OpenAPI extensions: how the schema describes Lintas' own authentication (personal tokens).

Imported by ``ApiConfig.ready()`` so drf-spectacular knows the extension before it builds the
schema."""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "lintas.integrations.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal API token (account → API tokens): `Token lintas_…`.",
        }


class MaybeAbsent:
    """Mixin for serializers that leave fields out for some readers (confidential fields for
    the public, members-only fields for visitors): ``maybe_absent`` names them, and the schema
    does not list them as required, so a response without them still matches it."""

    maybe_absent: tuple[str, ...] = ()


class MaybeAbsentScheme(OpenApiSerializerExtension):
    target_class = MaybeAbsent
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        absent = set(getattr(self.target, "maybe_absent", ()))
        if "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in absent]
            if not schema["required"]:
                del schema["required"]
        return schema


class LocalTimeScheme(OpenApiSerializerFieldExtension):
    """A time of day as DRF writes it ("09:00:00", local, no offset). OpenAPI's ``time``
    format is RFC 3339's full-time, which requires an offset; say what is really sent."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = build_basic_type(OpenApiTypes.STR)
        schema["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
        schema["example"] = "09:00:00"
        return schema


def _model_field_may_be_blank(field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return bool(model._meta.get_field(field.source).blank)
    except (AttributeError, LookupError, FieldDoesNotExist):  # not a model's own field
        return False


class AutoSchema(SpectacularAutoSchema):
    """Operations tagged by the app they belong to (``lintas.api.views.<app>``), so the schema
    and /api/docs/ group them as docs/api.md does, not under one "v1" tag."""

    def get_tags(self):
        module = type(self.view).__module__
        if module.startswith("lintas.api.views."):
            name = module.rsplit(".", 1)[1].split("_")[0]  # programmes_round: programmes
            return [{"transfer": "import-export"}.get(name, name)]
        return super().get_tags()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # DRF drops ``allow_blank`` from read-only fields, so a read-only e-mail or choice field
        # whose model field may be blank (a profile's contact address or IPR status) would be
        # documented without the "" it is answered with when empty. Give it back, so the field
        # is documented as drf-spectacular documents writable blank fields.
        blank_dropped = field.read_only and not getattr(field, "allow_blank", True)
        if blank_dropped and _model_field_may_be_blank(field):
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)
