""" "Checked before?" over the API: GET /api/v1/claims/similar/ (claims that say the same thing
as a text). Thin: parse → selector → render. The ranked `?q=` of the claims list is in api.py.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import public_context
from factcheck.claims.search import claim_similar, duplicates_among
from factcheck.claims.serializers import (
    SimilarClaimSerializer,
    SimilarQuerySerializer,
    SimilarResultsSerializer,
    similar_payload,
)
from factcheck.core.api import error_responses, parse_query
from factcheck.core.renderers import CLAIM_RENDERERS


class SimilarClaimsView(GenericAPIView):
    # Published claims are public (their reports are): anyone may ask, and anyone outside the
    # newsroom is matched against published claims only, on their published copy.
    permission_classes = [AllowAny]
    serializer_class = SimilarClaimSerializer  # the schema; payloads: similar_payload
    renderer_classes = CLAIM_RENDERERS
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        operation_id="claims_similar",
        summary="Earlier claims that say the same thing as a text, best first",
        description="Ranked by a blend of full-text, trigram and figure matching (README, "
        '"Checked before?"). Newsroom staff match every claim; anyone else only published '
        "claims, on their published copy.",
        parameters=[SimilarQuerySerializer],
        responses={200: SimilarResultsSerializer, **error_responses(400, 401)},
    )
    def get(self, request: Request) -> Response:
        query = parse_query(SimilarQuerySerializer, request)
        rows = claim_similar(
            user=request.user,
            text=query["text"],
            limit=query.get("limit", 5),
            exclude=query.get("exclude"),
        )
        public = public_context(request)["public"]
        duplicates: set[int] = set()
        if "article" in query:
            duplicates = duplicates_among(
                rows, user=request.user, article=query["article"], text=query["text"]
            )
        data = [similar_payload(row, public=public, duplicates=duplicates) for row in rows]
        return Response({"count": len(data), "results": data})
