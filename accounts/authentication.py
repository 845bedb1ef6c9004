"""DRF authentication with personal access tokens (``Bearer ccp_…`` or ``Token ccp_…``)."""

from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import api_token_authenticate


class PersonalAccessTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if len(header) != 2 or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token header.") from None
        if not secret.startswith(ApiToken.PREFIX):
            return None  # not ours: a JWT, which the next authenticator handles
        token = api_token_authenticate(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
