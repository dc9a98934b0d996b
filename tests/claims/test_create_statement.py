"""A new claim's rows: on PostgreSQL the claim, its history row and its audit row are written by
one statement built from the models (claims.services.claims._insert_with_trail); elsewhere by
the ORM and simple-history. Both must write the same rows."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict

from factcheck.claims.models import Claim, ReviewEvent
from factcheck.claims.services import claim_create
from factcheck.claims.services.claims import _insert_with_trail
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SKIP = {"id", "created_at", "updated_at", "history_id", "history_date", "at", "claim", "quote",
        "start", "end", "prefix", "suffix", "claim_text", "search_document", "published_document",
        "changes"}  # fmt: skip


def _rows(claim):
    history = claim.history.get()
    event = ReviewEvent.objects.get(claim=claim)
    fields = [{k: v for k, v in model_to_dict(row, exclude=[]).items() if k not in SKIP}
              for row in (Claim.objects.get(pk=claim.pk), history, event)]  # fmt: skip
    return fields, history, event


def test_one_statement_writes_the_rows_the_orm_writes(editor, reviewer, monkeypatch):
    article = ArticleFactory(actor=editor, body="Zoë said “prices fell” on Tuesday. Then more.")
    body = article.current_revision.body
    common = {"verdict": "false", "rationale": "Ünïcode\n**md**", "claimant": " Zoë ",
              "tags": ["energy"]}  # fmt: skip
    fast = claim_create(actor=reviewer, article=article, start=4, end=8, quote=body[4:8], **common)
    with monkeypatch.context() as patch:
        patch.setattr(connection, "vendor", "sqlite")  # the ORM branch, on the same database
        slow = claim_create(
            actor=reviewer, article=article.pk, start=9, end=22, quote=body[9:22], **common
        )
    (fast_rows, fast_history, fast_event), (slow_rows, _, _) = _rows(fast), _rows(slow)
    assert fast_rows[0] == slow_rows[0]  # the claim
    assert fast_rows[1] == slow_rows[1]  # its history row: type "+", by the reviewer
    assert fast_rows[2] == slow_rows[2]  # the audit row, but for the span it records
    assert fast_history.history_type == "+" and fast_history.history_user_id == reviewer.pk
    assert fast_history.id == fast.pk and fast_history.quote == "said"
    assert fast_event.changes == {"quote": "said", "start": 4, "end": 8, "evidence": 0}
    saved = Claim.objects.get(pk=fast.pk)
    assert (saved.created_at, saved.updated_at) == (fast.created_at, fast.updated_at)
    assert saved.search_document  # the generated search column is filled by the database
    assert list(saved.tags.values_list("name", flat=True)) == ["energy"]


def test_a_row_refused_by_the_database_writes_none_of_the_three(editor, reviewer):
    article = ArticleFactory(actor=editor, body="Some text here.")
    claim = Claim(article=article, revision=article.current_revision, start=0, end=4,
                  quote="Some", claim_text="Some", author=reviewer, status="bogus")  # fmt: skip
    before = (Claim.objects.count(), Claim.history.count(), ReviewEvent.objects.count())
    with pytest.raises(IntegrityError, match="claim_status_valid"), transaction.atomic():
        _insert_with_trail(claim, actor=reviewer, article=article, changes={})
    assert (Claim.objects.count(), Claim.history.count(), ReviewEvent.objects.count()) == before
