"""``Authorization: Token lintas_…`` for the API (DRF authentication class, listed first in
REST_FRAMEWORK so an anonymous request is answered 401 with ``WWW-Authenticate: Token``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from lintas.integrations.domain import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header “Authorization: Token” followed by a space and the token.")
            )
        try:
            plain = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = tokens.authenticate(plain)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid: it is unknown, revoked, or its account is disabled.")
            )
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
