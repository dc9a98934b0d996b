"""Reads for claims. Each list runs a fixed number of queries whatever its length."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import orjson
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Count,
    Exists,
    F,
    Field,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Left, Lower

from factcheck.accounts.models import User, Viewer
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article
from factcheck.articles.text.anchors import AnchorState
from factcheck.claims.models import (
    CONTENT_ACTIONS,
    Claim,
    ClaimDraft,
    ClaimStatus,
    Comment,
    EventAction,
    EvidenceLink,
    PublishedVersion,
    Rating,
    ReviewEvent,
    Tag,
    VerdictScale,
    VersionKind,
)
from factcheck.claims.sql_json import claim_json_lines, claim_json_source
from factcheck.core.queries import id_in

SEARCH_DOCUMENTS = ("search_document", "published_document")
CARD_RATIONALE_CHARS = 400  # read from the database for a card: its hover card shows ~140

if TYPE_CHECKING:  # claims.filters runs the search, which reads these selectors
    from factcheck.claims.filters import ClaimFilterSet


def live_evidence() -> Prefetch:
    return Prefetch(
        "evidence_links",
        queryset=EvidenceLink.objects.filter(is_removed=False).order_by("id"),
        to_attr="live_evidence",
    )


def claim_base_queryset() -> QuerySet[Claim]:
    """Claims with everything a card, a serializer or an exporter reads, prefetched."""
    return (
        Claim.objects.select_related(
            "article",
            "revision",
            "verdict",
            "verdict__scale",
            "published_verdict",
            "author",
            "approver",
        )
        # A 100,000-word body is ~600 KB: never copy it onto every claim row (nor the search
        # documents: they are read by the database's indexes, not by Python).
        .defer(
            *SEARCH_DOCUMENTS,
            "article__body",
            "revision__body",
            "revision__search_document",
            "article__search_document",
        )
        .prefetch_related(live_evidence(), "tags")
    )


LIVE_KINDS = (VersionKind.PUBLICATION, VersionKind.CORRECTION)


def public_claims(queryset: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims whose latest published version is live (not a retraction), with that version.

    Everything the public is shown of such a claim is read from `claim.public_version` (a
    PublishedVersion, immutable): never from the working claim, which only staff see."""
    queryset = claim_base_queryset() if queryset is None else queryset
    return (
        queryset.filter(public_version__kind__in=LIVE_KINDS)
        .select_related("public_version")
        .defer("public_version__search_document")
    )


def visible_claims(user: Viewer) -> QuerySet[Claim]:
    """Newsroom staff see every claim; anyone else only published ones (`public_claims`)."""
    queryset = claim_base_queryset()
    if not is_newsroom_staff(user):
        queryset = public_claims(queryset)
    return queryset


def claim_state_visible(user: Viewer, *, status: str, published: bool) -> bool:
    """What visible_claims decides, for one claim known by its status and whether its latest
    published version is live (`public_version.kind` in LIVE_KINDS): the live streams filter
    events with it without a query per stream."""
    if is_newsroom_staff(user):
        return True
    return published and status != ClaimStatus.RETRACTED


def _filtered(
    queryset: QuerySet[Claim], filters: ClaimFilterSet | None, *, public: bool = False
) -> QuerySet[Claim]:
    return filters.apply(queryset, public=public) if filters is not None else queryset


def claim_list(*, user: Viewer, filters: ClaimFilterSet | None = None) -> QuerySet[Claim]:
    """Claims `user` may see, narrowed by validated `filters` (claims.filters): outside the
    newsroom the filters read the published version, never the working claim."""
    return _filtered(visible_claims(user), filters, public=not is_newsroom_staff(user))


# Flat rows for the API's fast path (claims.serializers.claim_payload): exactly the columns a
# claim's JSON needs, no model instances. Tags and live evidence come in one query each per page.
CLAIM_ROW_FIELDS = (
    "id",
    "article_id",
    "revision__number",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "claim_text",
    "claimant",
    "verdict__slug",
    "rationale",
    "status",
    "version",
    "author__username",
    "approver__username",
    "created_at",
    "updated_at",
    "published_at",
    "published_verdict__slug",
    "published_rationale",
    "published_claim_text",
    "original_creator",
    "original_id",
)
EVIDENCE_ROW_FIELDS = (
    "id",
    "url",
    "title",
    "publisher",
    "excerpt",
    "stance",
    "accessed_on",
    "archived_url",
)


def claim_rows(queryset: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """`queryset` (a claim_list) as flat rows; pass a page of them to `with_children`."""
    return queryset.select_related(None).prefetch_related(None).values(*CLAIM_ROW_FIELDS)


def with_children(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `tags` (names, sorted) and `evidence` (live links, oldest first) to each row."""
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        row["tags"], row["evidence"] = [], []
    if not by_id:
        return rows
    tag_pairs = (
        Claim.tags.through.objects.filter(id_in("claim_id", by_id))
        .order_by("tag__name")
        .values_list("claim_id", "tag__name")
    )
    for claim_id, name in tag_pairs:
        by_id[claim_id]["tags"].append(name)
    links = (
        EvidenceLink.objects.filter(id_in("claim_id", by_id), is_removed=False)
        .order_by("id")
        .values("claim_id", *EVIDENCE_ROW_FIELDS)
    )
    for link in links:
        by_id[link.pop("claim_id")]["evidence"].append(link)
    return rows


# The public's rows: the published version's columns only (claims.serializers.public_payload).
PUBLIC_ROW_FIELDS = (
    "id",
    "article_id",
    *(
        f"public_version__{name}"
        for name in (
            "revision_number",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "anchor_state",
            "claim_text",
            "claimant",
            "verdict_slug",
            "rationale",
            "tags",
            "kind",
            "number",
            "author_name",
            "approver_name",
            "evidence",
            "claim_created_at",
            "published_at",
            "first_published_at",
            "original_creator",
            "original_id",
        )
    ),
)


def public_claim_rows(queryset: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """`queryset` (of `public_claims`) as flat rows of their published versions: one query."""
    return queryset.select_related(None).prefetch_related(None).values(*PUBLIC_ROW_FIELDS)


# What the "Checked before?" results show of a claim, read inside the ranking's statement
# (claims.search): flat columns, its tags and live evidence aggregated. Related columns are
# scalar subqueries, not joins: with seven joins PostgreSQL spent longer planning than running.
RESULT_ROW_FIELDS = (
    *CLAIM_ROW_FIELDS,
    "article__title",
    "verdict__label",
    "published_verdict__label",
)
RESULT_ROW_NAMES = (*RESULT_ROW_FIELDS, "tags", "evidence")


def _result_column(name: str, claim: str) -> str:
    """SQL of one RESULT_ROW_FIELDS column of the claim aliased `claim` (model names only)."""
    if "__" not in name:
        return f'{claim}."{cast(Field, Claim._meta.get_field(name)).column}"'
    relation, column = name.split("__")
    field = cast(Field, Claim._meta.get_field(relation))
    model = cast(type[Model], field.related_model)
    target, table = cast(Field, model._meta.get_field(column)).column, model._meta.db_table
    return f'(SELECT x."{target}" FROM "{table}" x WHERE x.id = {claim}."{field.column}")'  # noqa: S608


@cache
def result_columns(claim: str) -> tuple[str, ...]:
    """SQL of the RESULT_ROW_NAMES columns of the claim aliased `claim` in a statement."""
    claim_tags = Claim.tags.through._meta.db_table
    evidence = ", ".join(f"'{name}', e.{name}" for name in EVIDENCE_ROW_FIELDS)
    return (
        *(_result_column(name, claim) for name in RESULT_ROW_FIELDS),
        f"ARRAY(SELECT t.name FROM {claim_tags} ct JOIN {Tag._meta.db_table} t"  # noqa: S608
        f" ON t.id = ct.tag_id WHERE ct.claim_id = {claim}.id ORDER BY t.name)",
        f"(SELECT json_agg(json_build_object({evidence}) ORDER BY e.id)::text"  # noqa: S608
        f" FROM {EvidenceLink._meta.db_table} e"
        f" WHERE e.claim_id = {claim}.id AND NOT e.is_removed)",
    )


def result_row(values: Sequence[Any]) -> dict[str, Any]:
    """The values of `result_columns` as a row for `serializers.claim_payload` and co."""
    row = dict(zip(RESULT_ROW_NAMES, values, strict=True))
    row["evidence"] = orjson.loads(row["evidence"]) if row["evidence"] else []
    for link in row["evidence"]:
        if link["accessed_on"] is not None:
            link["accessed_on"] = date.fromisoformat(link["accessed_on"])
    return row


# What the public's "Checked before?" results show: the published version's columns (joined as
# `pv` by claims.search) and the article's title; tags and evidence are in the version.
PUBLIC_RESULT_ROW_FIELDS = (*PUBLIC_ROW_FIELDS, "article__title", "public_version__verdict_label")


@cache
def public_result_columns(claim: str) -> tuple[str, ...]:
    """SQL of the PUBLIC_RESULT_ROW_FIELDS of the claim aliased `claim`, its version `pv`."""
    columns = []
    for name in PUBLIC_RESULT_ROW_FIELDS:
        if name.startswith("public_version__"):
            field = PublishedVersion._meta.get_field(name.removeprefix("public_version__"))
            columns.append(f'pv."{cast(Field, field).column}"')
        else:
            columns.append(_result_column(name, claim))
    return tuple(columns)


def public_result_row(values: Sequence[Any]) -> dict[str, Any]:
    """The values of `public_result_columns` as a row for `serializers.public_payload` (Django
    has psycopg hand JSON over as text: the tags and evidence are parsed here)."""
    row = dict(zip(PUBLIC_RESULT_ROW_FIELDS, values, strict=True))
    for name in ("public_version__tags", "public_version__evidence"):
        if isinstance(row[name], str | bytes):
            row[name] = orjson.loads(row[name])
    return row


def claim_row_get(*, user: Viewer, pk: int) -> dict[str, Any]:
    """One claim as a row with its children, if `user` may see it (else Claim.DoesNotExist);
    outside the newsroom, the row of its published version (`public_claim_rows`)."""
    if not is_newsroom_staff(user):
        public = list(public_claim_rows(visible_claims(user).filter(pk=pk)))
        if not public:
            raise Claim.DoesNotExist("No claim matches the given query.")
        return public[0]
    rows = list(claim_rows(visible_claims(user).filter(pk=pk)))
    if not rows:
        raise Claim.DoesNotExist("No claim matches the given query.")
    return with_children(rows)[0]


def claim_json_get(*, user: Viewer, pk: int) -> str:
    """`claim_row_get`'s claim as the API's JSON text, built by PostgreSQL in one query
    (`claims.sql_json`; newsroom staff: the public read published versions). Claim.DoesNotExist
    if `user` may not see it."""
    lines = claim_json_lines(claim_json_source(visible_claims(user).filter(pk=pk)))
    if not lines:
        raise Claim.DoesNotExist("No claim matches the given query.")
    return lines[0]


def version_history(*, claim_ids: list[int]) -> dict[int, list[PublishedVersion]]:
    """{claim id: its published versions, oldest first} (the public correction history)."""
    history: dict[int, list[PublishedVersion]] = {pk: [] for pk in claim_ids}
    versions = (
        PublishedVersion.objects.filter(claim_id__in=claim_ids)
        .select_related("verdict", "verdict__scale")
        .defer("search_document")
        .order_by("claim_id", "number")
    )
    for version in versions:
        history[version.claim_id].append(version)
    return history


def active_scale() -> VerdictScale | None:
    """The verdict scale in use, with its ratings in order (one query for both)."""
    return VerdictScale.objects.filter(is_active=True).prefetch_related("ratings").first()


def active_ratings() -> list[Rating]:
    """The ratings of the active scale, in scale order (for verdict pickers and filters)."""
    return list(Rating.objects.filter(scale__is_active=True).order_by("order", "id"))


def rating_list() -> QuerySet[Rating]:
    """Every rating of every scale (old claims may carry a rating of a retired scale)."""
    return Rating.objects.order_by("scale_id", "order", "id")


def claim_get(*, user: Viewer, pk: int) -> Claim:
    """The claim if `user` may see it (Claim.DoesNotExist otherwise: a 404, not a 403)."""
    return visible_claims(user).get(pk=pk)


def article_claims(*, user: Viewer, article: Article) -> list[Claim]:
    """The article's claims in text order, as the reading view and report show them."""
    return list(visible_claims(user).filter(article=article).order_by("start", "-end", "id"))


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """What the reading view shows of a claim: its highlight and its card (no model graph)."""

    pk: int
    revision_id: int
    start: int
    end: int
    status: str
    anchor_state: str
    quote: str
    previous_quote: str
    claim_text: str
    claimant: str
    verdict_slug: str | None
    verdict_label: str | None
    original_creator: str
    author_name: str
    evidence_count: int
    author_id: int = 0
    rationale_start: str = ""  # the rationale's first CARD_RATIONALE_CHARS (hover cards)

    @property
    def status_label(self) -> str:
        return ClaimStatus(self.status).label

    @property
    def colour(self) -> str:
        """The verdict colour: none for a retracted claim, whose verdict is shown nowhere."""
        if self.status == ClaimStatus.RETRACTED:
            return "retracted"
        return self.verdict_slug or "none"


def article_claim_cards(*, user: Viewer, article: Article) -> list[ClaimCard]:
    """`article_claims` as flat cards, in one query: thousands of claims in milliseconds."""
    live_evidence_count = (
        EvidenceLink.objects.filter(claim=OuterRef("pk"), is_removed=False)
        .order_by()
        .values("claim")
        .annotate(n=Count("*"))
        .values("n")
    )
    columns: dict[str, Any] = {}
    if not is_newsroom_staff(user):
        # Readers without a newsroom role see the published version, never the working copy (a
        # claim under correction or back in review keeps its published words until then).
        public = "public_version__"
        columns = {
            "status": Value(ClaimStatus.PUBLISHED),
            "anchor_state": Value(AnchorState.EXACT),
            "previous_quote": Value(""),
            "claim_text": F(f"{public}claim_text"),
            "claimant": F(f"{public}claimant"),
            "verdict__slug": F(f"{public}verdict_slug"),
            "verdict__label": F(f"{public}verdict_label"),
            "evidence_count": Func(
                F(f"{public}evidence"), function="jsonb_array_length", output_field=IntegerField()
            ),
            "rationale_start": Left(f"{public}rationale", CARD_RATIONALE_CHARS),
            # where it was published (a re-attached claim under review stays there for them)
            "revision_id": F(f"{public}revision_id"),
            "start": F(f"{public}start"),
            "end": F(f"{public}end"),
            "quote": F(f"{public}quote"),
        }
    names = [
        "pk",
        "revision_id",
        "start",
        "end",
        "status",
        "anchor_state",
        "quote",
        "previous_quote",
        "claim_text",
        "claimant",
        "verdict__slug",
        "verdict__label",
        "original_creator",
        "author__first_name",
        "author__last_name",
        "author__username",
        "evidence_count",
        "author_id",
        "rationale_start",
    ]
    aliases = {name: f"shown_{name}" for name in columns}
    rows = (
        visible_claims(user)
        .filter(article=article)
        .order_by("start", "-end", "id")
        .select_related(None)
        .prefetch_related(None)
        .annotate(
            evidence_count=Coalesce(Subquery(live_evidence_count), 0),
            rationale_start=Left("rationale", CARD_RATIONALE_CHARS),
        )
        .annotate(**{aliases[name]: expression for name, expression in columns.items()})
        .values_list(*[aliases.get(name, name) for name in names])
    )
    cards = []
    for row in rows:
        first, last, username, evidence_count, author_id, rationale_start = row[-6:]
        # User.display_name: the full name, else the username
        name = f"{first} {last}".strip() or username
        cards.append(
            ClaimCard(
                *row[:-6],
                author_name=name,
                evidence_count=evidence_count,  # type: ignore[misc]
                author_id=author_id,
                rationale_start=rationale_start,
            )
        )
    return cards


def claims_by_ids(*, user: Viewer, ids: list[int]) -> list[Claim]:
    """Full claims (what cards and panels read, prefetched) among those `user` may see."""
    if not ids:
        return []
    return list(visible_claims(user).filter(pk__in=ids).order_by("start", "-end", "id"))


def review_queue(*, user: Viewer, filters: ClaimFilterSet | None = None) -> QuerySet[Claim]:
    """Submitted claims across articles, oldest submission first (or in the filters' order)."""
    queryset = with_contributors(visible_claims(user).filter(status=ClaimStatus.SUBMITTED))
    return _filtered(queryset.order_by("submitted_at", "id"), filters)


def event_list(*, claim: Claim) -> QuerySet[ReviewEvent]:
    return claim.events.select_related("actor").order_by("at", "id")


def comment_list(*, claim: Claim) -> QuerySet[Comment]:
    return claim.comments.filter(is_removed=False).select_related("author")


def evidence_list(*, claim: Claim) -> QuerySet[EvidenceLink]:
    return claim.evidence_links.filter(is_removed=False).order_by("id")


# --- Four eyes: who contributed to a claim -------------------------------------------------------


def _content_events(claim: Any) -> QuerySet[ReviewEvent]:
    """The audit rows that changed `claim` (a pk or OuterRef) since it was last published."""
    last_publication = (
        ReviewEvent.objects.filter(claim=OuterRef("claim"), action=EventAction.PUBLISH)
        .order_by("-id")
        .values("id")[:1]
    )
    return ReviewEvent.objects.filter(
        claim=claim,
        action__in=CONTENT_ACTIONS,
        actor__isnull=False,
        id__gt=Coalesce(Subquery(last_publication), 0),
    ).order_by()


def with_contributors(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims annotated with `contributor_ids`, so a list's four-eyes checks run no query."""
    return queryset.annotate(
        contributor_ids=ArraySubquery(_content_events(OuterRef("pk")).values("actor_id"))
    )


def contributed_by(user: User) -> Exists:
    """For a Claim queryset: whether `user` changed the claim's content since it was last
    published, so may not approve or publish it (four eyes, in one SQL condition)."""
    return Exists(_content_events(OuterRef("pk")).filter(actor=user))


def claim_contributor_ids(claim: Claim) -> frozenset[int]:
    """The people whose work is in the claim as it stands: its author and whoever changed its
    content (CONTENT_ACTIONS) since it was last published. The audit trail is the one record
    of who changed what; this reads it once per claim instance (or from with_contributors)."""
    ids = getattr(claim, "contributor_ids", None)
    if ids is None:
        ids = list(_content_events(claim.pk).values_list("actor_id", flat=True).distinct())
        claim.contributor_ids = ids  # type: ignore[attr-defined]
    return frozenset({claim.author_id, *ids})


def correction_note(claim: Claim) -> str | None:
    """The public note of the correction proposed since the claim was last published, or None
    when none was (the next publication is then not a correction)."""
    last_publication = (
        ReviewEvent.objects.filter(claim=claim, action=EventAction.PUBLISH)
        .order_by("-id")
        .values("id")[:1]
    )
    return (
        ReviewEvent.objects.filter(claim=claim, action=EventAction.CORRECT)
        .filter(id__gt=Coalesce(Subquery(last_publication), 0))
        .order_by("-id")
        .values_list("note", flat=True)
        .first()
    )


SUGGESTIONS = 10  # autocomplete: how many values a prefix brings back


def tag_suggestions(*, prefix: str) -> list[str]:
    """Existing tag names starting with `prefix` (any case), for autocomplete."""
    prefix = prefix.strip()
    if not prefix:
        return []
    tags = Tag.objects.filter(name__istartswith=prefix).order_by(Lower("name"), "name")
    return list(tags.values_list("name", flat=True)[:SUGGESTIONS])


def claimant_suggestions(*, user: Viewer, prefix: str) -> list[str]:
    """Claimants already named on claims `user` may see, starting with `prefix` (any case),
    the most used first: one spelling per claimant as people typed it."""
    prefix = prefix.strip()
    if not prefix:
        return []
    rows = (
        visible_claims(user)
        .filter(claimant__istartswith=prefix)
        .order_by()
        .values("claimant")
        .annotate(uses=Count("id"))
        .order_by("-uses", Lower("claimant"))
    )
    return [row["claimant"] for row in rows[:SUGGESTIONS]]


# --- drafts of the claim form: only their owner ever reads them --------------------------------


def draft_get(*, user: Viewer, pk: int) -> ClaimDraft:
    """`user`'s draft `pk`; anyone else's raises DoesNotExist (it is not theirs to see)."""
    if not user.is_authenticated:
        raise ClaimDraft.DoesNotExist
    return ClaimDraft.objects.get(pk=pk, user=user)


def draft_for_claim(*, user: Viewer, claim: Claim) -> ClaimDraft | None:
    if not user.is_authenticated:
        return None
    return ClaimDraft.objects.filter(user=user, claim=claim).first()


def draft_for_selection(
    *, user: Viewer, article: Article, start: int, end: int
) -> ClaimDraft | None:
    if not user.is_authenticated:
        return None
    return ClaimDraft.objects.filter(
        user=user, article=article, claim=None, start=start, end=end
    ).first()


def article_new_drafts(*, user: Viewer, article: Article) -> list[ClaimDraft]:
    """`user`'s drafts of new claims on `article`, the latest first."""
    if not user.is_authenticated:
        return []
    return list(ClaimDraft.objects.filter(user=user, article=article, claim=None))
