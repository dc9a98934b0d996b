"""Nothing is lost: no code path hard-deletes claims, evidence or comments, and a database with
every kind of object survives a dumpdata/loaddata round trip."""

import ast
import json
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import ProtectedError

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim, Comment, EvidenceLink
from factcheck.claims.services import comment_add
from factcheck.reviews.revisions import article_revise
from tests.factories import make_claim
from tests.reviews.helpers import claim_in_status

PACKAGE = Path(__file__).resolve().parents[2] / "factcheck"


# Rows that are not records and go when their moment has passed: where, and what is deleted.
EPHEMERAL_DELETES = {
    ("live/presence.py", "Presence"),  # who has a page open; expires 30 s after the tab closed
    ("claims/services/drafts.py", "ClaimDraft"),  # a user's unsaved form, gone once saved
    ("claims/services/drafts.py", "drafts"),  # the same, as a queryset of that user's drafts
}


def _receiver(node: ast.AST) -> str:
    """The name a call chain starts from: `Presence` in `Presence.objects.filter(...).delete()`."""
    while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _delete_calls(tree: ast.AST):
    for node in ast.walk(tree):
        is_method_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if is_method_call and node.func.attr in {"delete", "_raw_delete", "raw"}:
            yield node


def test_no_application_code_calls_delete():
    """Every .delete() (or raw SQL) call in factcheck/ is a finding, except on the few ephemeral
    rows named above: for records, hiding is the only removal."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        where = str(path.relative_to(PACKAGE))
        for call in _delete_calls(ast.parse(path.read_text(), str(path))):
            if (where, _receiver(call.func.value)) not in EPHEMERAL_DELETES:
                offenders.append(f"{where}:{call.lineno}")
    assert offenders == []


@pytest.mark.parametrize("model", [Claim, EvidenceLink, Comment])
def test_related_rows_protect_claims_from_cascading_deletes(model):
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete:
            assert field.remote_field.on_delete.__name__ == "PROTECT", (model, field.name)


def test_deleting_an_article_with_claims_is_refused_by_the_database(article, reviewer, editor):
    claim_in_status("draft", article=article, author=reviewer, editor=editor)
    with pytest.raises(ProtectedError):
        article.delete()
    assert Claim.objects.count() == 1


def test_dumpdata_loaddata_round_trip_keeps_every_object(article, reviewer, editor, tmp_path):
    published = claim_in_status("published", article=article, author=reviewer, editor=editor)
    claim_in_status("changes_requested", article=article, author=reviewer, editor=editor,
                    phrase="fell 3%")  # fmt: skip
    make_claim(article, reviewer, "Nasdaq", tags=["markets", "états"])  # many-to-many rows
    article_assign(actor=editor, article=article, assignees=[reviewer, editor])
    comment_add(actor=editor, claim=published, body="Nice work — ✓ 👍🏽")
    article_revise(actor=editor, article=article, body="Lead.\n\n" + article.body, note="Lead")
    labels = ["accounts", "articles", "claims", "auth.group"]
    dump = StringIO()
    call_command("dumpdata", *labels, "--natural-foreign", stdout=dump)
    fixture = tmp_path / "backup.json"
    fixture.write_text(dump.getvalue(), encoding="utf-8")
    before = _snapshot()

    _wipe()
    assert Claim.objects.count() == 0
    call_command("loaddata", str(fixture), verbosity=0)

    assert _snapshot() == before
    assert json.loads(fixture.read_text())  # valid JSON, Unicode intact
    # The many-to-many tables were really in the comparison, with rows.
    for through in ("claims.Claim_tags", "articles.Article_assignees", "accounts.User_groups"):
        assert len(before[through]) >= 2, through


def _models():
    """Every table of the apps, the many-to-many ones (tags, assignees, groups) included."""
    return [m for label in ("accounts", "articles", "claims") for m in
            apps.get_app_config(label).get_models(include_auto_created=True)]  # fmt: skip


def _millis(value):
    """Django's JSON serializer keeps datetimes to the millisecond (documented in the README)."""
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def _columns(model):
    """A many-to-many row is its pair (its own id is renumbered on restore); others, all."""
    if model._meta.auto_created:
        return [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    return []


def _snapshot():
    return {
        m._meta.label: sorted(repr(tuple(map(_millis, row)))
                              for row in m.objects.values_list(*_columns(m)))
        for m in _models()
    }  # fmt: skip


def _wipe():
    """Test-only teardown in dependency order; application code never does this."""
    from django.db import connection

    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _models())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as in a fresh restore transaction
        else:  # pragma: no cover - SQLite fallback
            for m in reversed(_models()):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(m._meta.db_table)}")
