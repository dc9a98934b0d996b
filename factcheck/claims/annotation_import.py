"""Annotations from other tools become draft claims: W3C Web Annotation and Hypothesis.

Read: a W3C Web Annotation JSON-LD document — one Annotation, an AnnotationPage, an
AnnotationCollection with its pages embedded (ours: `annotations.jsonld`), or a list of
annotations — and Hypothesis's API export (`{"total", "rows": [...]}` or a list of rows).

Each annotation is attached to the article whose source URL is the annotation's target
(compared without fragment, trailing slash or case of scheme and host), or to the article
given explicitly, and becomes a draft claim through claims.services.claim_import: quote and
position resolved on the current text (an unfound quote → an orphaned claim, kept), its
comment as the rationale, its tags kept (as tag slugs), a verdict when the annotation has an
"assessing" body naming a rating of the active scale, evidence from "linking" bodies, the
claim text and claimant from "describing" and "identifying" bodies (as our export writes them),
and its creator and id recorded. HTML bodies are reduced to text. Replies and page notes (no
quoted text) are reported as skipped; nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from factcheck.accounts.models import User
from factcheck.accounts.roles import is_reviewer
from factcheck.articles.importers import html_to_text
from factcheck.articles.models import Article
from factcheck.claims.models import AnchorState, Rating
from factcheck.claims.permissions import NOT_A_REVIEWER
from factcheck.claims.services.imports import claim_import
from factcheck.core.errors import ActionForbidden

UNKNOWN_DOCUMENT = (
    "Not a W3C Web Annotation document (Annotation, AnnotationPage, AnnotationCollection) "
    "or a Hypothesis export (rows of annotations)."
)
PAGES_NOT_EMBEDDED = (
    "The collection's pages are links ({page}), not embedded: export the annotations with "
    "their pages included."
)
NO_TARGET = "No text is quoted (a page note or a bare link): there is nothing to attach a claim to."
REPLY = "A reply to another annotation, not an annotation of the text."
NO_ARTICLE = "No article has the source URL {url}: import the article first."
UNKNOWN_VERDICT = "Verdict {label!r} is not on the active scale: the claim has no verdict."
HTTP_PREFIXES = ("http://", "https://")


@dataclass
class ForeignAnnotation:
    index: int
    id: str = ""
    target: str = ""
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    rationale: str = ""
    claim_text: str = ""
    claimant: str = ""
    verdict: str = ""
    tags: list[str] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)
    creator: str = ""
    problem: str = ""


@dataclass
class AnnotationResult:
    index: int
    id: str
    status: str  # imported, orphaned, duplicate, skipped, invalid
    article: int | None = None
    claim: int | None = None
    anchor_state: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "id": self.id,
            "status": self.status,
            "article": self.article,
            "claim": self.claim,
            "anchor_state": self.anchor_state,
            "errors": self.errors,
            "warnings": self.warnings,
        }


# --------------------------------------------------------------------------- reading


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Mapping[str, Any]) -> set[str]:
    return {str(t) for t in _as_list(node.get("type") or node.get("@type"))}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _position(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _read_selectors(found: ForeignAnnotation, selectors: list[Any]) -> None:
    for selector in selectors:
        if not isinstance(selector, Mapping):
            continue
        kind = _types(selector)
        if "TextQuoteSelector" in kind and not found.quote:
            found.quote = _text(selector.get("exact"))
            found.prefix, found.suffix = (
                _text(selector.get("prefix")),
                _text(selector.get("suffix")),
            )
        elif "TextPositionSelector" in kind and found.start is None:
            found.start, found.end = (
                _position(selector.get("start")),
                _position(selector.get("end")),
            )
        if isinstance(selector.get("refinedBy"), (Mapping, list)):
            _read_selectors(found, _as_list(selector["refinedBy"]))


def _creator_name(value: Any) -> str:
    names = []
    for creator in _as_list(value):
        if isinstance(creator, str):
            names.append(creator)
        elif isinstance(creator, Mapping):
            name = creator.get("name") or creator.get("nickname") or creator.get("id") or ""
            names.append(str(name))
    return ", ".join(n for n in names if n)[:300]


def _read_body(found: ForeignAnnotation, body: Any) -> None:
    comments = []
    for item in _as_list(body):
        if isinstance(item, str):  # a bare IRI
            if item.startswith(HTTP_PREFIXES):
                found.evidence.append({"url": item})
            continue
        if not isinstance(item, Mapping):
            continue
        purpose = {str(p) for p in _as_list(item.get("purpose"))}
        value = _text(item.get("value"))
        if value and _text(item.get("format")).lower() in ("text/html", "application/xhtml+xml"):
            value = html_to_text(value).body  # kept as text (the rationale is Markdown)
        source = _text(item.get("source") or item.get("id"))
        if "tagging" in purpose and value:
            found.tags.append(value)
        elif "assessing" in purpose and value:
            found.verdict = value
        elif "describing" in purpose and value:
            found.claim_text = value
        elif "identifying" in purpose and value:
            found.claimant = value
        elif value:
            comments.append(value)
        elif source.startswith(HTTP_PREFIXES):
            found.evidence.append({"url": source})
    found.rationale = "\n\n".join(comments)


def _w3c(index: int, node: Mapping[str, Any]) -> ForeignAnnotation:
    found = ForeignAnnotation(index=index, id=_text(node.get("id") or node.get("@id")))
    found.creator = _creator_name(node.get("creator"))
    for target in _as_list(node.get("target")):
        if isinstance(target, str):
            found.target = found.target or target
        elif isinstance(target, Mapping):
            found.target = found.target or _text(target.get("source") or target.get("id"))
            _read_selectors(found, _as_list(target.get("selector")))
    _read_body(found, node.get("body"))
    if bodyvalue := _text(node.get("bodyValue")):
        found.rationale = "\n\n".join(t for t in (found.rationale, bodyvalue) if t)
    if not found.quote.strip():
        found.problem = NO_TARGET
    return found


def _hypothesis(index: int, row: Mapping[str, Any]) -> ForeignAnnotation:
    found = ForeignAnnotation(index=index, id=_text(row.get("id")))
    links = row.get("links") if isinstance(row.get("links"), Mapping) else {}
    found.id = _text(links.get("html")) or found.id
    info = row.get("user_info") if isinstance(row.get("user_info"), Mapping) else {}
    user = _text(row.get("user"))
    display = _text(info.get("display_name"))
    found.creator = (f"{display} ({user})" if display and user else display or user)[:300]
    found.target = _text(row.get("uri"))
    for target in _as_list(row.get("target")):
        if isinstance(target, Mapping):
            found.target = _text(target.get("source")) or found.target
            _read_selectors(found, _as_list(target.get("selector")))
    found.rationale = _text(row.get("text"))
    found.tags = [t for t in _as_list(row.get("tags")) if isinstance(t, str)]
    if row.get("references"):
        found.problem = REPLY
    elif not found.quote.strip():
        found.problem = NO_TARGET
    return found


def _w3c_items(document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    kind = _types(document)
    if "Annotation" in kind:
        yield document
    elif "AnnotationPage" in kind:
        yield from (item for item in _as_list(document.get("items")) if isinstance(item, Mapping))
        if isinstance(document.get("next"), Mapping):
            yield from _w3c_items(document["next"])
    elif "AnnotationCollection" in kind:
        first = document.get("first")
        if isinstance(first, str):
            raise ValidationError({"annotations": PAGES_NOT_EMBEDDED.format(page=first)})
        if isinstance(first, Mapping):
            yield from _w3c_items(first)


def _is_hypothesis(node: Any) -> bool:
    return isinstance(node, Mapping) and "uri" in node and "user" in node


def parse_annotations(document: Any) -> list[ForeignAnnotation]:
    """The annotations of a W3C or Hypothesis document (ValidationError if it is neither)."""
    if isinstance(document, Mapping) and isinstance(document.get("rows"), list):
        rows = document["rows"]
    elif isinstance(document, list):
        rows = document
    elif isinstance(document, Mapping) and _types(document) & {
        "Annotation",
        "AnnotationPage",
        "AnnotationCollection",
    }:
        return [_w3c(n, node) for n, node in enumerate(_w3c_items(document))]
    else:
        raise ValidationError({"annotations": UNKNOWN_DOCUMENT})
    found = []
    for n, row in enumerate(rows):
        if _is_hypothesis(row):
            found.append(_hypothesis(n, row))
        elif isinstance(row, Mapping) and "Annotation" in _types(row):
            found.append(_w3c(n, row))
        else:
            found.append(ForeignAnnotation(index=n, problem=UNKNOWN_DOCUMENT))
    return found


# --------------------------------------------------------------------------- importing


def url_variants(url: str) -> list[str]:
    """Spellings of one page's URL: without fragment, with and without the trailing slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return [url]
    base = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else parts.path
    other = urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            path if path != parts.path else path + "/",
            parts.query,
            "",
        )
    )
    return list(dict.fromkeys([url.strip(), base, other]))


def _find_article(url: str, cache: dict[str, Article | None]) -> Article | None:
    if url not in cache:
        variants = url_variants(url)
        query = Q(url__in=variants)
        cache[url] = Article.objects.filter(query).order_by("pk").first() if url else None
    return cache[url]


def _rating(label: str) -> Rating | None:
    active = Rating.objects.filter(scale__is_active=True)
    return active.filter(Q(label__iexact=label) | Q(slug__iexact=label)).first()


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: list(messages) for name, messages in error.message_dict.items()}
    return {"non_field_errors": list(error.messages)}


def import_one(
    *,
    actor: User,
    annotation: ForeignAnnotation,
    article: Article | None,
    cache: dict[str, Article | None],
) -> AnnotationResult:
    result = AnnotationResult(index=annotation.index, id=annotation.id, status="skipped")
    if annotation.problem:
        result.errors = {"target": [annotation.problem]}
        return result
    target = article or _find_article(annotation.target, cache)
    if target is None:
        result.status = "invalid"
        result.errors = {"target": [NO_ARTICLE.format(url=annotation.target or "(none)")]}
        return result
    result.article = target.pk
    rating = _rating(annotation.verdict) if annotation.verdict else None
    if annotation.verdict and rating is None:
        result.warnings.append(UNKNOWN_VERDICT.format(label=annotation.verdict))
    tags = [slug[:50] for t in annotation.tags if (slug := slugify(t, allow_unicode=True))]
    try:
        with transaction.atomic():
            claim = claim_import(
                actor=actor,
                article=target,
                quote=annotation.quote,
                prefix=annotation.prefix,
                suffix=annotation.suffix,
                start=annotation.start,
                end=annotation.end,
                claim_text=annotation.claim_text,
                claimant=annotation.claimant,
                verdict=rating,
                rationale=annotation.rationale,
                tags=tags,
                evidence=annotation.evidence,
                original_creator=annotation.creator,
                original_id=annotation.id[:2000],
            )
    except ActionForbidden as error:  # e.g. an archived article
        result.status, result.errors = "invalid", {"article": [error.message]}
        return result
    except ValidationError as error:
        codes = [e.code for errors in getattr(error, "error_dict", {}).values() for e in errors]
        result.status = "duplicate" if codes and set(codes) == {"duplicate"} else "invalid"
        result.errors = _messages(error)
        return result
    result.claim, result.anchor_state = claim.pk, claim.anchor_state
    result.status = "orphaned" if claim.anchor_state == AnchorState.ORPHANED else "imported"
    return result


class _DryRun(Exception):
    pass


def import_annotations(
    *, actor: User, document: Any, article: Article | None = None, dry_run: bool = False
) -> list[AnnotationResult]:
    """Import every annotation of `document` (see the module docstring); one result each."""
    if not is_reviewer(actor):
        raise ActionForbidden(NOT_A_REVIEWER)
    annotations = parse_annotations(document)
    cache: dict[str, Article | None] = {}
    results: list[AnnotationResult] = []
    try:
        with transaction.atomic():
            for annotation in annotations:
                results.append(
                    import_one(actor=actor, annotation=annotation, article=article, cache=cache)
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        for result in results:
            result.claim = None
    return results
