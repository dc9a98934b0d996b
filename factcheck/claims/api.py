"""Claim endpoints: claims, their evidence, comments and audit trail, and the verdict scale.

Thin views: parse → call a selector or service → render. Workflow actions are in reviews.api.
An object the user may not see is a 404 (the selectors only return what the user may see).
"""

from __future__ import annotations

from typing import Any

import orjson
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsNewsroomStaff, ReadOrNewsroomWrite, public_context
from factcheck.claims import sql_json
from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.models import Claim, EvidenceLink
from factcheck.claims.selectors import (
    active_scale,
    claim_get,
    claim_json_get,
    claim_list,
    claim_row_get,
    claim_rows,
    comment_list,
    event_list,
    evidence_list,
    public_claim_rows,
    with_children,
)
from factcheck.claims.serializers import (
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    CommentInputSerializer,
    CommentSerializer,
    EventSerializer,
    EvidenceInputSerializer,
    EvidenceSerializer,
    EvidenceUpdateSerializer,
    RatingSerializer,
    VerdictScaleSerializer,
    claim_instance_payload,
    claim_payload,
    public_payload,
)
from factcheck.claims.services import (
    claim_create,
    claim_update,
    comment_add,
    evidence_add,
    evidence_remove,
    evidence_update,
)
from factcheck.core.api import (
    JSONOnly,
    error_responses,
    filter_parameters,
    parse_filters,
    validated,
)
from factcheck.core.pagination import ClaimPagination
from factcheck.core.renderers import CLAIM_RENDERERS, passes_fragments

NO_ACTIVE_SCALE = "No verdict scale is active."


def render_claim(request: Request, pk: int) -> dict[str, Any]:
    """The claim as the user sees it, read fresh as one flat row (no model graph)."""
    row = claim_row_get(user=request.user, pk=pk)
    return claim_payload(row, public=public_context(request)["public"])


class ClaimChildMixin:
    # Views under claims/{pk}/: the queryset only types `pk` in the schema (reads: selectors).
    # A comment, not a docstring: the OpenAPI description of a view is its docstring, and a
    # view without one would show the mixin's (tests/api/test_schema_docs.py).

    queryset = Claim.objects.none()
    filter_backends: list = []


class ClaimListView(JSONOnly, GenericAPIView):
    """Claims (the checked statements): each with its quote and offsets in code points, verdict,
    rationale, evidence and workflow status. Filters as for the exports."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ClaimSerializer
    renderer_classes = CLAIM_RENDERERS
    pagination_class = ClaimPagination
    filter_backends: list = []
    queryset = Claim.objects.none()  # the browsable API asks for one; reads go through selectors

    @extend_schema(
        operation_id="claims_list",
        summary="List the claims you may see",
        parameters=filter_parameters(ClaimFilterSet),
        responses={200: ClaimSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = parse_filters(ClaimFilterSet, request)
        queryset = claim_list(user=request.user, filters=filters)
        page_rows = self.paginator.page_rows
        if public_context(request)["public"]:  # the published versions, in one query a page
            rows = page_rows(public_claim_rows(queryset), request, list)
            return self.get_paginated_response([public_payload(row) for row in rows])
        if sql_json.supported() and passes_fragments(request):  # JSON built by PostgreSQL
            source = sql_json.claim_json_source(queryset)
            lines = page_rows(source, request, sql_json.claim_json_lines)
            return self.get_paginated_response(orjson.Fragment(f"[{','.join(lines)}]"))
        page = with_children(page_rows(claim_rows(queryset), request, list))
        return self.get_paginated_response([claim_payload(row) for row in page])

    @extend_schema(
        operation_id="claims_create",
        summary="Create a draft claim on an article's current revision",
        request=ClaimCreateSerializer,
        responses={201: ClaimSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = validated(ClaimCreateSerializer, request.data)
        # Staff see every article, and only staff get here (ReadOrNewsroomWrite): the service's
        # locked read of the article is the existence check (400 on `article` if absent).
        claim = claim_create(actor=request.user, article=data.pop("article"), **data)
        payload = claim_instance_payload(claim, public=public_context(request)["public"])
        return Response(payload, status=status.HTTP_201_CREATED)


class ClaimDetailView(JSONOnly, GenericAPIView):
    """One claim as the caller may see it (the public see its published version)."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ClaimSerializer
    renderer_classes = CLAIM_RENDERERS

    @extend_schema(
        operation_id="claims_retrieve",
        summary="One claim",
        responses={200: ClaimSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        public = public_context(request)["public"]
        if not public and sql_json.supported() and passes_fragments(request):
            return Response(orjson.Fragment(claim_json_get(user=request.user, pk=pk)))
        return Response(render_claim(request, pk))

    @extend_schema(
        operation_id="claims_partial_update",
        summary="Edit a claim (send the version you read: a stale one is a 409)",
        request=ClaimUpdateSerializer,
        responses={200: ClaimSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = validated(ClaimUpdateSerializer, request.data)
        version = data.pop("version")
        evidence = data.pop("evidence", None)
        # Only staff get here, and staff see every claim: the service's locked read is the
        # existence check (Claim.DoesNotExist: 404).
        claim = claim_update(
            actor=request.user, claim=pk, version=version, evidence=evidence, **data
        )
        return Response(claim_instance_payload(claim, public=public_context(request)["public"]))


class EvidenceListView(ClaimChildMixin, JSONOnly, GenericAPIView):
    """A claim's evidence links: the sources that support, refute or give context to it."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = EvidenceSerializer

    @extend_schema(
        operation_id="claims_evidence_list",
        summary="The claim's evidence links",
        responses={200: EvidenceSerializer(many=True), **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        if public_context(request)["public"]:  # the evidence that was published, as it was
            published = self.paginate_queryset(claim.public_version.evidence)  # type: ignore[union-attr]
            return self.get_paginated_response(published)
        page = self.paginate_queryset(evidence_list(claim=claim))
        return self.get_paginated_response(EvidenceSerializer(page, many=True).data)

    @extend_schema(
        operation_id="claims_evidence_create",
        summary="Add an evidence link to a claim",
        request=EvidenceInputSerializer,
        responses={201: EvidenceSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        data = validated(EvidenceInputSerializer, request.data)
        link = evidence_add(actor=request.user, claim=claim, **data)
        return Response(EvidenceSerializer(link).data, status=status.HTTP_201_CREATED)


class EvidenceDetailView(ClaimChildMixin, JSONOnly, GenericAPIView):
    """One evidence link of a claim. Removing hides it: the audit trail keeps every link."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = EvidenceSerializer

    def get_link(self, request: Request, pk: int, eid: int) -> EvidenceLink:
        claim = claim_get(user=request.user, pk=pk)
        return evidence_list(claim=claim).get(pk=eid)

    @extend_schema(
        operation_id="claims_evidence_partial_update",
        summary="Edit an evidence link",
        request=EvidenceUpdateSerializer,
        responses={200: EvidenceSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int, eid: int) -> Response:
        link = self.get_link(request, pk, eid)
        data = validated(EvidenceUpdateSerializer, request.data)
        link = evidence_update(actor=request.user, evidence=link, **data)
        return Response(EvidenceSerializer(link).data)

    @extend_schema(
        operation_id="claims_evidence_destroy",
        summary="Hide an evidence link (the audit trail keeps it)",
        responses={204: None, **error_responses(401, 403, 404)},
    )
    def delete(self, request: Request, pk: int, eid: int) -> Response:
        evidence_remove(actor=request.user, evidence=self.get_link(request, pk, eid))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentListView(ClaimChildMixin, JSONOnly, GenericAPIView):
    """The newsroom's discussion of a claim (staff only, never public)."""

    permission_classes = [IsNewsroomStaff]
    serializer_class = CommentSerializer

    @extend_schema(
        operation_id="claims_comments_list",
        summary="The claim's comments, oldest first",
        responses={200: CommentSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        page = self.paginate_queryset(comment_list(claim=claim))
        return self.get_paginated_response(CommentSerializer(page, many=True).data)

    @extend_schema(
        operation_id="claims_comments_create",
        summary="Comment on a claim",
        request=CommentInputSerializer,
        responses={201: CommentSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        data = validated(CommentInputSerializer, request.data)
        comment = comment_add(actor=request.user, claim=claim, body=data["body"])
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class EventListView(ClaimChildMixin, GenericAPIView):
    """Who did what to the claim, when, between which statuses, and why (staff only)."""

    permission_classes = [IsNewsroomStaff]
    serializer_class = EventSerializer

    @extend_schema(
        operation_id="claims_events_list",
        summary="The claim's audit trail, oldest first",
        responses={200: EventSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        page = self.paginate_queryset(event_list(claim=claim))
        return self.get_paginated_response(EventSerializer(page, many=True).data)


class VerdictScaleView(GenericAPIView):
    """The ratings a claim's verdict may take, best first, with their colours and values."""

    serializer_class = VerdictScaleSerializer
    pagination_class = None

    @extend_schema(
        operation_id="verdicts_list",
        summary="The active verdict scale",
        responses={200: VerdictScaleSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request) -> Response:
        scale = active_scale()
        if scale is None:
            raise NotFound(NO_ACTIVE_SCALE)
        ratings = RatingSerializer(scale.ratings.all(), many=True).data
        return Response(
            {
                "scale": scale.slug,
                "name": scale.name,
                "best": scale.best,
                "worst": scale.worst,
                "results": ratings,
            }
        )
