"""OpenAPI extensions: how the schema describes Lintas' own authentication (personal tokens).

Imported by ``ApiConfig.ready()`` so drf-spectacular knows the extension before it builds the
schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
