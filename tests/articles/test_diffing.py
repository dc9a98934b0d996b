"""The word-level diff between two revisions: it rebuilds both texts, never cuts a word, escapes
everything and folds long unchanged passages."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles.text.diff import DELETE, EQUAL, INSERT, diff_stats, diff_texts, word_diff
from factcheck.web.diff import FOLD_OVER, diff_html

WORDS = st.sampled_from(["alpha", "beta", "é", "👍🏽", "x\u0301", "<b>", "&", "\n\n", ". "])
TEXTS = st.lists(WORDS, max_size=40).map(" ".join)


def _sides(diffs):
    old = "".join(t for op, t in diffs if op in (EQUAL, DELETE))
    new = "".join(t for op, t in diffs if op in (EQUAL, INSERT))
    return old, new


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_the_diff_rebuilds_both_texts(old, new):
    assert _sides(word_diff(old, new)) == (old, new)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_the_anchoring_diff_rebuilds_both_texts(old, new):
    """diff_texts (sentences, then words, then characters, what re-anchoring maps claims
    through) is a diff of the two texts themselves, whatever blocks each level leaves."""
    assert _sides(diff_texts(old, new)) == (old, new)


def test_a_changed_word_is_shown_whole():
    diffs = word_diff("The Nasdaq fell 3%.", "Tech shares fell 3%.")
    assert diffs[0] == (DELETE, "The Nasdaq ") and diffs[1] == (INSERT, "Tech shares ")
    assert diff_stats(diffs).words_added == 2 and diff_stats(diffs).words_removed == 2


def test_every_piece_is_escaped():
    html = diff_html(word_diff("a <script>x</script> b", 'a <img src=x onerror="y"> b'))
    tags_removed = re.sub(r"</?(del|ins)>", "", html)
    assert "<" not in tags_removed and ">" not in tags_removed
    assert "<del>script&gt;x&lt;/script</del>" in html
    assert "<ins>img src=x onerror=&quot;y&quot;</ins>" in html


def test_long_unchanged_passages_are_folded_with_context_kept():
    filler = " ".join(f"word{i}" for i in range(600))
    html = diff_html(word_diff(f"Start. {filler} old end.", f"Start. {filler} new end."))
    assert '<details class="diff-fold">' in html and "unchanged words</summary>" in html
    visible = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "word599" in visible and "<del>old </del>" in visible  # context before the change
    assert "Start." not in visible  # the text's opening needs no context: folded
    assert len(visible) < len(filler)
    assert len(filler) > FOLD_OVER


def test_identical_texts_have_no_changes():
    assert diff_stats(word_diff("Same text.", "Same text.")).unchanged


def test_a_long_article_diff_holds_only_the_one_change():
    """8,000 paragraphs, one word inserted: the diff finds exactly that word and rebuilds both
    texts (its speed is measured in bench/bench_diff.py, not asserted here)."""
    paragraphs = [f"Paragraph {i} says something about topic {i % 97}." for i in range(8000)]
    old = "\n\n".join(paragraphs)
    new = old.replace("Paragraph 4000 says", "Paragraph 4000 now says")
    diffs = word_diff(old, new)
    assert [t for op, t in diffs if op == INSERT] == ["now "]
    assert [t for op, t in diffs if op == DELETE] == []
    assert "".join(t for op, t in diffs if op != INSERT) == old
    assert "".join(t for op, t in diffs if op != DELETE) == new


def test_past_the_token_limit_the_diff_falls_back_to_characters(monkeypatch):
    """More distinct words than code points cannot be tokenised: the diff is then made on
    characters (the limit lowered here to three distinct tokens), still rebuilding both texts."""
    monkeypatch.setattr("factcheck.articles.text.diff._MAX_TOKENS", 3)
    old = "The Nasdaq fell 3% on Monday.\nBonds were flat."
    new = "The Nasdaq fell 4% on Monday.\nBonds were flat."
    diffs = word_diff(old, new)
    assert _sides(diffs) == (old, new)
    assert [(op, t) for op, t in diffs if op != EQUAL] == [(DELETE, "3"), (INSERT, "4")]
