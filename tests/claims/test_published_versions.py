"""A published version is an immutable record (issue 15, item 3): written by the workflow on
publication, correction and retraction, holding everything the public sees, never changed."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from factcheck.claims.models import (
    VERSION_IMMUTABLE,
    Claim,
    PublishedVersion,
    VersionKind,
)
from factcheck.claims.services import claim_update
from factcheck.core.errors import ActionForbidden
from factcheck.reviews.services import (
    claim_approve,
    claim_correct,
    claim_publish,
    claim_retract,
    claim_submit,
)
from tests.factories import make_claim
from tests.public.helpers import send_back_by_revision
from tests.tools import require


def _run(service, claim, actor, **kwargs):
    claim.refresh_from_db()
    return service(actor=actor, claim=claim, version=claim.version, **kwargs)


@pytest.fixture
def published(article, reviewer, editor, editor2):
    reviewer.first_name, reviewer.last_name = "Rita", "Reviewer"
    reviewer.save()
    claim = make_claim(article, reviewer, "DeepSeek", claimant="Acme Press Agency",
                       tags=["ai", "markets"])  # fmt: skip
    _run(claim_submit, claim, reviewer)
    _run(claim_approve, claim, editor)
    return _run(claim_publish, claim, editor2, note="First publication.")


def test_publishing_writes_version_one_with_everything_the_public_sees(published, editor, editor2):
    version = PublishedVersion.objects.get(claim=published)
    published.refresh_from_db()
    assert published.public_version == version
    assert (version.number, version.kind, version.note) == (1, "publication", "First publication.")
    assert (version.quote, version.start, version.end) == ("DeepSeek", published.start,
                                                          published.end)  # fmt: skip
    assert (version.prefix, version.suffix) == (published.prefix, published.suffix)
    assert version.claim_text == published.claim_text
    assert (version.claimant, version.claimant_kind) == ("Acme Press Agency", "organisation")
    assert (version.verdict_slug, version.verdict_label) == ("true", "True")
    assert version.rationale == "Checked against filings."
    assert [e["url"] for e in version.evidence] == [
        e.url for e in published.evidence_links.order_by("id")
    ]
    assert version.evidence[0]["title"] == "Source 0"
    assert version.evidence[0]["stance"] == "supports"
    assert version.tags == ["ai", "markets"]
    assert version.author_name == "Rita Reviewer"
    assert (version.approver, version.approver_name) == (editor, "editor")
    assert version.published_by == editor2
    assert version.approved_at == published.approved_at
    assert version.first_published_at == version.published_at == published.published_at
    assert version.revision_number == published.revision.number == 1


def test_a_person_claimant_is_a_person(article, reviewer, editor, editor2):
    claim = make_claim(article, reviewer, "Nasdaq", claimant="Jane Doe")
    for service, actor in ((claim_submit, reviewer), (claim_approve, editor),
                           (claim_publish, editor2)):  # fmt: skip
        _run(service, claim, actor)
    assert PublishedVersion.objects.get(claim=claim).claimant_kind == "person"


def test_later_edits_of_the_working_claim_leave_the_version_alone(published, reviewer, editor):
    claim = send_back_by_revision(published, editor=editor)
    claim_update(actor=reviewer, claim=claim, version=claim.version, claimant="Someone",
                 tags=["other"], evidence=[])  # fmt: skip
    version = PublishedVersion.objects.get(claim=published)
    assert version.claimant == "Acme Press Agency"
    assert (version.tags, len(version.evidence)) == (["ai", "markets"], 1)


def test_a_correction_adds_a_version_and_keeps_the_first(published, editor):
    _run(claim_correct, published, editor, note="The filing was misread.", verdict="false")
    first, second = PublishedVersion.objects.filter(claim=published).order_by("number")
    published.refresh_from_db()
    assert published.public_version == second
    assert (second.number, second.kind, second.note) == (2, "correction",
                                                         "The filing was misread.")  # fmt: skip
    assert (first.verdict_slug, second.verdict_slug) == ("true", "false")
    assert second.first_published_at == first.published_at
    assert second.published_at > first.published_at


def test_a_retraction_withdraws_the_published_content_with_its_note(published, reviewer, editor):
    claim = send_back_by_revision(published, editor=editor)
    claim_update(actor=reviewer, claim=claim, version=claim.version, claimant="Changed")
    _run(claim_retract, published, editor, note="Source withdrawn.")
    latest = Claim.objects.get(pk=published.pk).public_version
    assert (latest.number, latest.kind, latest.note) == (2, "retraction", "Source withdrawn.")
    assert latest.is_retracted
    assert latest.claimant == "Acme Press Agency"  # what was public, not the working copy
    assert latest.verdict_slug == "true"


def test_retracting_a_claim_never_published_writes_no_version(article, reviewer, editor):
    claim = make_claim(article, reviewer, "Nasdaq")
    _run(claim_retract, claim, editor, note="Orphaned.")
    assert not PublishedVersion.objects.filter(claim=claim).exists()
    assert Claim.objects.get(pk=claim.pk).public_version is None


def test_a_refused_transition_writes_no_version(published, reviewer, editor):
    with pytest.raises(ActionForbidden):
        _run(claim_correct, published, reviewer, note="Mine.", verdict="false")
    assert PublishedVersion.objects.filter(claim=published).count() == 1


def test_the_model_refuses_to_change_or_delete_a_version(published):
    version = PublishedVersion.objects.get(claim=published)
    version.verdict_slug = "false"
    with pytest.raises(TypeError, match=VERSION_IMMUTABLE):
        version.save()
    with pytest.raises(TypeError, match=VERSION_IMMUTABLE):
        version.delete()
    with pytest.raises(TypeError, match=VERSION_IMMUTABLE):
        PublishedVersion.objects.filter(pk=version.pk).update(verdict_slug="false")
    with pytest.raises(TypeError, match=VERSION_IMMUTABLE):
        PublishedVersion.objects.filter(pk=version.pk).delete()
    assert PublishedVersion.objects.get(pk=version.pk).verdict_slug == "true"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claims_publishedversion SET verdict_slug = 'false' WHERE id = %s",
        "UPDATE claims_publishedversion SET note = note WHERE id = %s",
        "DELETE FROM claims_publishedversion WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_sql_that_would_change_a_version(published, sql):
    require(connection.vendor == "postgresql", "PostgreSQL (the immutability trigger is its own)")
    version = PublishedVersion.objects.get(claim=published)
    with (
        pytest.raises(DatabaseError, match="immutable record"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [version.pk])
    assert PublishedVersion.objects.get(pk=version.pk).verdict_slug == "true"


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_gives_each_published_or_retracted_claim_one_version(
    article, reviewer, editor, editor2
):
    published = make_claim(article, reviewer, "DeepSeek", claimant="Jane Doe", tags=["ai"])
    retracted = make_claim(article, reviewer, "Nasdaq")
    draft = make_claim(article, reviewer, "$600 billion")
    for claim in (published, retracted):
        for service, actor in ((claim_submit, reviewer), (claim_approve, editor),
                               (claim_publish, editor2)):  # fmt: skip
            _run(service, claim, actor)
    _run(claim_correct, published, editor, note="Misread.", verdict="false")
    _run(claim_retract, retracted, editor, note="Withdrawn.")
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("claims")
    _migrate([("claims", "0005_search")])  # as main was before published versions
    _migrate(leaf)
    versions = {v.claim_id: v for v in PublishedVersion.objects.all()}
    assert set(versions) == {published.pk, retracted.pk}
    one, two = versions[published.pk], versions[retracted.pk]
    assert (one.number, one.kind, one.note, one.verdict_slug) == (1, "correction", "Misread.",
                                                                   "false")  # fmt: skip
    assert (one.claimant, one.claimant_kind, one.tags) == ("Jane Doe", "person", ["ai"])
    assert len(one.evidence) == 1 and one.approver_name == "editor"
    assert (two.kind, two.note) == (VersionKind.RETRACTION, "Withdrawn.")
    assert Claim.objects.get(pk=published.pk).public_version == one
    assert Claim.objects.get(pk=draft.pk).public_version is None
