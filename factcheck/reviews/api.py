"""Workflow endpoints: POST claims/{id}/<action>/ for each action of workflow.TRANSITIONS, and
an article's revisions (saving one re-anchors its claims, so it is a reviews use case).

The views only parse and render: reviews.services decide (four-eyes → 403, wrong status →
409 invalid_transition, stale version → 409 conflict, missing note → 400).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsNewsroomStaff
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_get, revision_list
from factcheck.articles.serializers import RevisionCreateSerializer, RevisionSerializer
from factcheck.claims.api import render_claim
from factcheck.claims.models import Claim
from factcheck.claims.selectors import claim_get
from factcheck.claims.serializers import MAX_INT, TEXT_MAX, ClaimSerializer
from factcheck.claims.services import QUOTE_BLANK
from factcheck.core.api import JSONOnly, error_responses, validated
from factcheck.reviews.revisions import article_revise, claim_reattach
from factcheck.reviews.workflow import TRANSITIONS, Transition


class TransitionInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=TEXT_MAX,
        required=False,
        allow_blank=True,
        help_text="Why (required for request-changes, correct and retract).",
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        help_text="The version of the claim you read (required); a stale one → 409 conflict.",
    )


class CorrectionInputSerializer(TransitionInputSerializer):
    verdict = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The corrected verdict (a rating slug).",
    )
    rationale = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)


# The input of a transition, by the inputs it takes beyond note and version (Transition.inputs).
INPUT_SERIALIZERS: dict[tuple[str, ...], type[TransitionInputSerializer]] = {
    (): TransitionInputSerializer,
    ("verdict", "rationale"): CorrectionInputSerializer,
}


class ClaimTransitionView(JSONOnly, GenericAPIView):
    """POST claims/{id}/<action>/: one workflow action; returns the claim."""

    permission_classes = [IsNewsroomStaff]
    queryset = Claim.objects.none()  # types `pk` in the schema; reads use selectors
    transition: Transition  # set per subclass

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return INPUT_SERIALIZERS[self.transition.inputs]

    def post(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        data = validated(self.get_serializer_class(), request.data)
        data.setdefault("note", "")
        self.transition.run(actor=request.user, claim=claim, **data)
        return Response(render_claim(request, pk))


def _transition_view(transition: Transition) -> type[ClaimTransitionView]:
    action = transition.action
    note = " A note is required." if transition.note_required else ""
    view = type(
        f"Claim{action.title().replace('_', '')}View",
        (ClaimTransitionView,),
        {"transition": transition},
    )
    schema = extend_schema(
        operation_id=f"claims_{action}",
        summary=transition.label,
        description=(
            f"Moves the claim from {', '.join(sorted(transition.sources))} to "
            f"{transition.target}.{note}"
        ),
        responses={200: ClaimSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    return extend_schema_view(post=schema)(view)


# {url slug: view class}, e.g. {"request-changes": ClaimRequestChangesView}
TRANSITION_VIEWS = {t.slug: _transition_view(t) for t in TRANSITIONS.values()}


class ArticleRevisionsView(JSONOnly, GenericAPIView):
    """The article's body revisions. Saving one re-anchors every claim on the new text; claims
    whose quote changed are sent back to review, claims whose text is gone are orphaned."""

    permission_classes = [IsNewsroomStaff]
    serializer_class = RevisionSerializer
    queryset = Article.objects.none()  # types `pk` in the schema; reads use selectors
    filter_backends: list = []

    @extend_schema(
        operation_id="articles_revisions_list",
        summary="The article's body revisions, newest first",
        responses={200: RevisionSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        article = article_get(user=request.user, pk=pk)
        page = self.paginate_queryset(revision_list(article=article))
        return self.get_paginated_response(RevisionSerializer(page, many=True).data)

    @extend_schema(
        operation_id="articles_revisions_create",
        summary="Save a new body revision and re-anchor every claim",
        request=RevisionCreateSerializer,
        responses={201: RevisionSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        article = article_get(user=request.user, pk=pk)
        data = validated(RevisionCreateSerializer, request.data)
        revision = article_revise(actor=request.user, article=article, **data)
        return Response(RevisionSerializer(revision).data, status=status.HTTP_201_CREATED)


class ReattachInputSerializer(serializers.Serializer):
    start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    end = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    quote = serializers.CharField(
        max_length=TEXT_MAX,
        trim_whitespace=False,
        error_messages={"blank": QUOTE_BLANK},
        help_text="Exactly the text of the article's current revision at [start, end).",
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        help_text="The version of the claim you read (required); a stale one → 409 conflict.",
    )


class ClaimReattachView(JSONOnly, GenericAPIView):
    """POST claims/{id}/reattach/: anchor a claim (typically orphaned) on new text."""

    permission_classes = [IsNewsroomStaff]
    serializer_class = ReattachInputSerializer
    queryset = Claim.objects.none()  # types `pk` in the schema; reads use selectors

    @extend_schema(
        operation_id="claims_reattach",
        summary="Re-attach a claim to a new selection of the current revision",
        description=(
            "For a claim whose words a revision changed or removed (`anchor_state` `fuzzy` or "
            "`orphaned`): `start` and `end` are code points of the article's current revision "
            "and `quote` must equal the text there, else 400 naming the field. The claim comes "
            "back `exact` on the current revision. Editors may re-attach any live claim; a "
            "reviewer only their own while they may edit it; a retracted claim never (403). "
            "An approved or published claim goes back to review (`submitted`): the published "
            "version stays public until it is approved and published again. `version` is the "
            "one you read: a stale one is a 409."
        ),
        request=ReattachInputSerializer,
        responses={200: ClaimSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = claim_get(user=request.user, pk=pk)
        data = validated(ReattachInputSerializer, request.data)
        claim_reattach(actor=request.user, claim=claim, **data)
        return Response(render_claim(request, pk))
