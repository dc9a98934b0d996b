""" "Checked before?" on PostgreSQL: the stored documents, the ranking, who sees what."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from factcheck.articles.selectors import article_list
from factcheck.claims.models import Claim, ReviewEvent
from factcheck.claims.search import (
    PUBLISHED,
    WORKING,
    _candidates_scan,
    claim_similar,
    duplicates_among,
    ranked_ids,
)
from factcheck.claims.services import claim_link_see_also, claim_update
from factcheck.reviews.services import claim_correct, claim_retract
from tests.factories import ArticleFactory, make_claim
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db


def ids(results):
    return [pk for pk, _ in results]


def test_a_reworded_claim_from_another_article_is_found(older, reviewer):
    claim = make_claim(older, reviewer, "The MMR vaccine causes autism in children")
    found = claim_similar(user=reviewer, text="Kids get autism from the measles, MMR jab")
    assert [row["id"] for row in found] == [claim.pk]
    assert 0 < found[0]["score"] <= 1


def test_the_claim_with_the_same_figures_ranks_above_the_one_with_changed_figures(older, reviewer):
    right = make_claim(older, reviewer, "Unemployment fell to 3.5%, the lowest rate in 50 years")
    changed = make_claim(older, reviewer, "Unemployment fell to 5.3%, the lowest rate in 50 years")
    assert ids(ranked_ids(user=reviewer, text="The jobless rate dropped to 3.5% in 50 years"))[
        :2
    ] == [right.pk, changed.pk]
    assert ids(ranked_ids(user=reviewer, text="Jobless rate down to 5.3 percent"))[0] == changed.pk


def test_tags_claimant_and_rationale_are_in_the_document(older, reviewer):
    claim = make_claim(older, reviewer, "The Great Wall of China", claimant="A travel blog",
                       rationale="Astronauts deny it.", tags=["space"])  # fmt: skip
    document = Claim.objects.filter(pk=claim.pk).values_list("search_document", flat=True)[0]
    for lexeme in ("space", "travel", "blog", "astronaut", "great", "wall"):
        assert f"'{lexeme}'" in document
    claim_update(actor=reviewer, claim=claim, version=claim.version, tags=["orbit"])
    claim.refresh_from_db()
    assert claim.search_tags == "orbit"
    document = Claim.objects.filter(pk=claim.pk).values_list("search_document", flat=True)[0]
    assert "'orbit'" in document and "'space'" not in document


def test_an_article_in_another_language_is_indexed_without_english_stemming(editor, reviewer):
    article = ArticleFactory(actor=editor, language="fr",
                             body="Les vaccins provoquent des maladies graves.")  # fmt: skip
    claim = make_claim(article, reviewer, "Les vaccins provoquent des maladies graves")
    assert claim.language == "fr"
    document = Claim.objects.filter(pk=claim.pk).values_list("search_document", flat=True)[0]
    assert "'vaccins'" in document and "'des'" in document  # simple: no stemming, no stop words
    assert ids(ranked_ids(user=reviewer, text="vaccins maladies graves")) == [claim.pk]


def test_outsiders_match_published_claims_only_and_only_their_published_copy(
    older, reviewer, editor, editor2, outsider
):
    draft = make_claim(older, reviewer, "The Great Wall of China is visible from space")
    published = publish(make_claim(older, reviewer, "The MMR vaccine causes autism in children"),
                        reviewer, editor, editor2)  # fmt: skip
    # The working copy moves on while the public keeps the published one (a re-anchoring sends
    # a published claim back to editing); the shortcut sets the text that such an edit would.
    Claim.objects.filter(pk=published.pk).update(
        claim_text="Zanzibar unicorns secretly edited this working copy"
    )
    for who in (AnonymousUser(), outsider):
        assert ids(ranked_ids(user=who, text="Great Wall of China visible from space")) == []
        assert ids(ranked_ids(user=who, text="Zanzibar unicorns secretly edited")) == []
        assert ids(ranked_ids(user=who, text="MMR vaccine causes autism")) == [published.pk]
    assert draft.pk in ids(ranked_ids(user=reviewer, text="Great Wall of China from space"))
    assert ids(ranked_ids(user=reviewer, text="Zanzibar unicorns secretly edited")) == [
        published.pk
    ]


def test_a_correction_changes_what_outsiders_match_and_a_retraction_hides_it(
    older, reviewer, editor, editor2
):
    claim = publish(make_claim(older, reviewer, "The MMR vaccine causes autism in children"),
                    reviewer, editor, editor2)  # fmt: skip
    claim_correct(actor=editor, claim=claim, note="Wrong verdict.", verdict="false")
    claim.refresh_from_db()
    assert ids(ranked_ids(user=AnonymousUser(), text="MMR vaccine autism")) == [claim.pk]
    claim_retract(actor=editor, claim=claim, note="Withdrawn.")
    assert ids(ranked_ids(user=AnonymousUser(), text="MMR vaccine autism")) == []


def test_blank_or_punctuation_only_text_matches_nothing(older, reviewer):
    make_claim(older, reviewer, "Nvidia lost nearly $600 billion")
    assert ranked_ids(user=reviewer, text="   ") == []
    assert ranked_ids(user=reviewer, text="?! -- ...") == []


def test_the_claim_being_edited_can_be_left_out(older, reviewer):
    claim = make_claim(older, reviewer, "Nvidia lost nearly $600 billion")
    assert ids(ranked_ids(user=reviewer, text="Nvidia lost $600 billion")) == [claim.pk]
    assert ranked_ids(user=reviewer, text="Nvidia lost $600 billion", exclude=claim.pk) == []


def test_exact_duplicates_in_the_same_article_are_flagged_and_others_are_not(
    older, newer, reviewer
):
    claim = make_claim(older, reviewer, "Nvidia lost nearly $600 billion in market value")
    text = "NVIDIA lost nearly $600 billion, in market value!"
    rows = claim_similar(user=reviewer, text=text)
    assert duplicates_among(rows, user=reviewer, article=older.pk, text=text) == {claim.pk}
    assert duplicates_among(rows, user=reviewer, article=newer.pk, text=text) == set()
    assert duplicates_among(rows, user=reviewer, article=older.pk, text="Nvidia lost") == set()


def test_the_sqlite_scan_ranks_like_the_indexed_path_on_a_clear_case(older, reviewer):
    right = make_claim(older, reviewer, "Unemployment fell to 3.5%, the lowest rate in 50 years")
    make_claim(older, reviewer, "The Great Wall of China is visible from space")
    text = "Unemployment dropped to 3.5 percent, lowest in 50 years"
    for fields in (WORKING, PUBLISHED):
        scored = _candidates_scan(Claim.objects.order_by(), text, fields)
        if fields is WORKING:
            assert max(scored, key=lambda r: r["score"])["pk"] == right.pk
    assert ids(ranked_ids(user=reviewer, text=text))[0] == right.pk


def test_the_similar_queries_use_the_indexes(older, reviewer):
    """Tiny tables make seq scans cheapest: disable them to see that an index CAN serve."""
    make_claim(older, reviewer, "Nvidia lost nearly $600 billion")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM claims_claim "
            "WHERE search_document @@ to_tsquery('simple', 'nvidia')"
        )
        assert "claim_search_gin" in " ".join(r[0] for r in cursor.fetchall())
        cursor.execute("EXPLAIN SELECT id FROM claims_claim WHERE claim_text % 'Nvidia lost'")
        assert "claim_text_trgm" in " ".join(r[0] for r in cursor.fetchall())
        cursor.execute(
            "EXPLAIN SELECT id FROM claims_claim "
            "WHERE published_document @@ to_tsquery('simple', 'x')"
        )
        assert "claim_published_search_gin" in " ".join(r[0] for r in cursor.fetchall())


def test_see_also_is_recorded_on_both_claims_once(older, newer, reviewer):
    first = make_claim(older, reviewer, "Nvidia lost nearly $600 billion")
    second = make_claim(newer, reviewer, "Nvidia lost nearly $600 billion")
    version = first.version
    assert claim_link_see_also(actor=reviewer, claim=second, other=first) is True
    assert claim_link_see_also(actor=reviewer, claim=first, other=second) is False
    assert claim_link_see_also(actor=reviewer, claim=first, other=first) is False
    assert list(first.see_also.all()) == [second]
    assert list(second.see_also.all()) == [first]
    for one, two in ((first, second), (second, first)):
        event = ReviewEvent.objects.get(claim=one, action="see_also")
        assert event.changes == {"see_also": [None, two.pk]} and event.actor == reviewer
    first.refresh_from_db()
    assert first.version == version  # a link is not an edit of the earlier claim


def test_article_search_reads_the_current_body_and_the_indexed_metadata(editor):
    article = ArticleFactory(actor=editor, title="Market rout", publisher="Daily Ledger",
                             body="Chipmakers tumbled as investors fled.")  # fmt: skip
    assert list(article_list(user=editor, q="tumbling chipmaker")) == [article]  # stemmed body
    assert list(article_list(user=editor, q="ledger")) == [article]
    assert list(article_list(user=editor, q="rout")) == [article]
    assert list(article_list(user=editor, q="spaceships")) == []
