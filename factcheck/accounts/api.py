"""POST /api/v1/auth/token/: exchange a username and password for an API token.

Wrong credentials → 400. Repeated failures are refused with 429 twice over: django-axes locks
the username+IP after settings.AXES_FAILURE_LIMIT failures (the same lock as the browser
sign-in), and the "token" throttle scope caps requests per client.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from factcheck.accounts.services import token_for
from factcheck.accounts.signin import signin_refusal
from factcheck.core.api import error_responses, validated

BAD_CREDENTIALS = "Unable to sign in with this username and password."
LOCKED_OUT = "Too many failed sign-ins for this account from your address."


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


def _lockout_seconds() -> int:
    return int(float(settings.AXES_COOLOFF_TIME or 0) * 3600)


class ObtainTokenView(GenericAPIView):
    """Exchange a username and password for the API token to send as
    `Authorization: Token <key>` (rate-limited)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        auth=[],
        request=TokenRequestSerializer,
        responses={
            200: OpenApiResponse(TokenSerializer, description="The user's token."),
            **error_responses(400, 429),
        },
    )
    def post(self, request: Request) -> Response:
        data = validated(TokenRequestSerializer, request.data)
        if refusal := signin_refusal(request):
            raise Throttled(wait=refusal[1], detail=refusal[0])
        # The DRF request (not request._request) is passed on purpose: axes flags a lock-out
        # on it, and this view answers 429 in the API's error shape.
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            raise Throttled(wait=_lockout_seconds(), detail=LOCKED_OUT)
        if user is None:
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [BAD_CREDENTIALS]})
        return Response({"token": token_for(user=user)})
