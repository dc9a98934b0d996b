"""W3C Web Annotation: an article's claims as an AnnotationCollection with its page embedded.

Each claim is an Annotation with motivation "assessing". Its target is the article (the
source URL, or our public report when it has none) narrowed by a TextQuoteSelector and a
TextPositionSelector whose offsets are Unicode code points of the stored body text, the
convention of the Web Annotation model. The verdict and the rationale are TextualBodies,
each evidence link a SpecificResource with purpose "linking", each tag a "tagging" body.

The public's annotations are built from flat rows of the published versions (one query); the
newsroom's from its working claims. Both go through the same `selectors` and `bodies`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import AnchorState, Claim
from factcheck.reports.exporters.common import (
    absolute,
    article_source_url,
    claim_report_urls,
    claim_view,
    utc_z,
)

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


type Row = Mapping[str, Any]


def selectors(
    quote: str, prefix: str, suffix: str, anchor_state: str, start: int, end: int
) -> list[dict[str, Any]]:
    found: dict[str, Any] = {"type": "TextQuoteSelector", "exact": quote}
    if prefix:
        found["prefix"] = prefix
    if suffix:
        found["suffix"] = suffix
    if anchor_state == AnchorState.ORPHANED:  # an orphan's offsets point at nothing
        return [found]
    return [found, {"type": "TextPositionSelector", "start": start, "end": end}]


def _text(purpose: str, value: str, media_type: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": media_type}


def bodies(
    *,
    verdict_label: str | None,
    claim_text: str,
    quote: str,
    claimant: str,
    rationale: str,
    evidence_urls: Iterable[str],
    tags: Iterable[str],
) -> list[dict[str, Any]]:
    """The verdict, the claim as the checker restated it and who made it (read back by our
    importer), the rationale, each evidence link and each tag."""
    found: list[dict[str, Any]] = []
    if verdict_label is not None:
        found.append(_text("assessing", verdict_label, "text/plain"))
    if claim_text.strip() and claim_text != quote:
        found.append(_text("describing", claim_text, "text/plain"))
    if claimant.strip():
        found.append(_text("identifying", claimant, "text/plain"))
    if rationale.strip():
        found.append(_text("commenting", rationale, "text/markdown"))
    for url in evidence_urls:
        found.append({"type": "SpecificResource", "purpose": "linking", "source": url})
    for tag in tags:
        found.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    return found


def annotation(
    *,
    id: str,
    creator: str,
    created: datetime,
    modified: datetime,
    source: str,
    selector: list[dict[str, Any]],
    body: list[dict[str, Any]],
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": id,
        "type": "Annotation",
        "motivation": "assessing",
        "creator": {"type": "Person", "name": creator},
        "created": utc_z(created),
        "modified": utc_z(modified),
        "target": {"type": "SpecificResource", "source": source, "selector": selector},
    }
    if body:
        node["body"] = body
    return node


def public_annotations(article: Article, rows: Iterable[Row]) -> Iterator[dict[str, Any]]:
    """Annotations of the article's claims from their published versions only (rows of
    `reports.selectors.ANNOTATION_ROW_FIELDS`): what the public saw, never the working claim."""
    url, source = claim_report_urls(), article_source_url(article)
    for row in rows:
        quote = row["public_version__quote"]
        yield annotation(
            id=url(row["article_id"], row["id"]),
            creator=row["public_version__author_name"],
            created=row["public_version__claim_created_at"],
            modified=row["public_version__published_at"],
            source=source,
            selector=selectors(
                quote,
                row["public_version__prefix"],
                row["public_version__suffix"],
                row["public_version__anchor_state"],
                row["public_version__start"],
                row["public_version__end"],
            ),
            body=bodies(
                verdict_label=row["public_version__verdict_label"] or None,
                claim_text=row["public_version__claim_text"],
                quote=quote,
                claimant=row["public_version__claimant"],
                rationale=row["public_version__rationale"],
                evidence_urls=(link["url"] for link in row["public_version__evidence"]),
                tags=row["public_version__tags"],
            ),
        )


def working_annotations(article: Article, claims: Iterable[Claim]) -> Iterator[dict[str, Any]]:
    """Annotations of the working claims (newsroom staff), their live evidence and tags loaded."""
    url, source = claim_report_urls(), article_source_url(article)
    for claim in claims:
        view = claim_view(claim, public=False)
        yield annotation(
            id=url(claim.article_id, claim.pk),
            creator=claim.author.display_name,
            created=claim.created_at,
            modified=claim.updated_at,
            source=source,
            selector=selectors(
                claim.quote, claim.prefix, claim.suffix, claim.anchor_state, claim.start, claim.end
            ),
            body=bodies(
                verdict_label=view.verdict.label if view.verdict is not None else None,
                claim_text=view.claim_text,
                quote=claim.quote,
                claimant=claim.claimant,
                rationale=view.rationale,
                evidence_urls=(link.url for link in claim.live_evidence),  # type: ignore[attr-defined]
                tags=(tag.name for tag in claim.tags.all()),
            ),
        )


def collection_id(article: Article) -> str:
    return absolute(reverse("reports-api:annotations", args=[article.pk]))


def annotation_collection(
    article: Article, annotations: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """The whole collection in one embedded page."""
    items = list(annotations)
    return _collection(article, len(items), items)


def _collection(article: Article, total: int, items: Any) -> dict[str, Any]:
    page_id = f"{collection_id(article)}?page=0"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id(article),
        "type": "AnnotationCollection",
        "label": f"Fact checks: {article.title}",
        "total": total,
        "first": {"id": page_id, "type": "AnnotationPage", "startIndex": 0, "items": items},
        "last": page_id,
    }


_ITEMS = "\x00items\x00"  # where the items go in the collection's text (no title holds NUL)
ITEMS_PER_CHUNK = 200


def collection_chunks(
    article: Article, total: int, annotations: Iterator[dict[str, Any]]
) -> Iterator[bytes]:
    """`json.dumps(annotation_collection(...), ensure_ascii=False, indent=2)`, encoded, in
    chunks: one annotation at a time is held, whatever the number of claims. `total` is the
    number of `annotations`."""
    if not total:
        yield json.dumps(_collection(article, 0, []), ensure_ascii=False, indent=2).encode()
        return
    text = json.dumps(_collection(article, total, _ITEMS), ensure_ascii=False, indent=2)
    marker = json.dumps(_ITEMS)
    head, tail = text.split(marker)
    depth = head[head.rindex("\n") + 1 :]  # the indentation of the "items" line
    pad = "\n" + " " * (len(depth) - len(depth.lstrip(" ")) + 2)
    encode = json.JSONEncoder(ensure_ascii=False, indent=2).encode
    parts = [head, "["]
    for index, item in enumerate(annotations):
        # A JSON text holds no raw newline inside strings: every "\n" starts a line to indent.
        parts.append(("," if index else "") + pad + encode(item).replace("\n", pad))
        if len(parts) >= ITEMS_PER_CHUNK:
            yield "".join(parts).encode()
            parts.clear()
    parts.append(pad[:-2] + "]" + tail)
    yield "".join(parts).encode()
