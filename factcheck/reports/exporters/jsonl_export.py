"""JSON Lines: one claim per line in the API's claim shape, plus the article's title and URL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from factcheck.claims.models import Claim
from factcheck.claims.serializers import ClaimSerializer
from factcheck.reports.exporters.common import article_source_url


def claim_record(serializer: ClaimSerializer, claim: Claim) -> dict[str, Any]:
    data = serializer.to_representation(claim)
    data["article_title"] = claim.article.title
    data["article_url"] = article_source_url(claim.article)
    return data


def jsonl_lines(claims: Iterable[Claim], *, public: bool) -> Iterator[str]:
    """One compact JSON object and a "\\n" per claim; non-ASCII text is kept as is (UTF-8)."""
    serializer = ClaimSerializer(context={"public": public})
    for claim in claims:
        record = claim_record(serializer, claim)
        yield json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"
