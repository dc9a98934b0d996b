"""Tests for the pure text-anchoring module (no database, no Django)."""

import re
import unicodedata

from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles.anchoring import (
    CONTEXT_CHARS,
    FUZZY_THRESHOLD,
    Anchor,
    AnchorResult,
    AnchorState,
    OffsetMap,
    diff_texts,
    find_quote,
    normalize_text,
    quote_context,
    quote_matches,
    reanchor,
)
from factcheck.articles.text.normalise import Canonical
from factcheck.articles.text.search import SeedIndex

CLAIM = "The unemployment rate fell to 4% in 2019."
BODY = (
    "Economy report.\n\n"
    f"Officials spoke on Monday. {CLAIM} Wages rose slowly.\n\n"
    "Critics disagreed with the figures. Exports doubled since 2010. The end."
)


def anchor_on(body: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    return Anchor.from_body(body, start, start + len(quote))


def reanchor_one(old: str, new: str, anchor: Anchor) -> AnchorResult:
    [result] = reanchor(old, new, [anchor])
    return result


def assert_anchored(result: AnchorResult, body: str, state: AnchorState, quote: str) -> None:
    assert result.state is state
    assert result.start is not None and result.end is not None
    assert body[result.start : result.end] == result.quote == quote
    assert (result.prefix, result.suffix) == quote_context(body, result.start, result.end)


# --------------------------------------------------------------------------- small helpers


def test_normalize_text_composes_and_unifies_line_breaks():
    assert normalize_text("cafe\u0301\r\nnext\rlast\n") == "café\nnext\nlast\n"


def test_quote_context_takes_up_to_32_code_points_each_side():
    body = "a" * 40 + "QUOTE" + "b" * 40
    prefix, suffix = quote_context(body, 40, 45)
    assert (prefix, suffix) == ("a" * CONTEXT_CHARS, "b" * CONTEXT_CHARS)
    assert quote_context("xQy", 1, 2) == ("x", "y")


def test_quote_context_counts_code_points_not_utf16_units():
    body = "👍🏽🇺🇦 claim"
    assert quote_context(body, 4, 10, size=3) == ("🏽🇺🇦", "")


def test_quote_matches_checks_bounds_and_text():
    assert quote_matches("hello world", 6, 11, "world")
    assert not quote_matches("hello world", 6, 11, "World")
    assert not quote_matches("hello world", 6, 6, "")
    assert not quote_matches("hello world", -1, 4, "hell")
    assert not quote_matches("hello world", 6, 12, "world")


def test_anchor_result_to_anchor_round_trips_and_orphans_give_none():
    result = AnchorResult(AnchorState.EXACT, 1, 3, "bc", "a", "d", 1.0)
    assert result.to_anchor() == Anchor(1, 3, "bc", "a", "d")
    assert AnchorResult.orphaned().to_anchor() is None


def test_a_claim_spanning_the_whole_body_keeps_empty_context():
    """Nothing before or after it: the new anchor's prefix and suffix are empty, not invented."""
    [result] = reanchor(CLAIM, CLAIM + " Later.", [Anchor.from_body(CLAIM, 0, len(CLAIM))])
    assert result.to_anchor() == Anchor(0, len(CLAIM), CLAIM, "", " Later.")
    [result] = reanchor(CLAIM, "Earlier. " + CLAIM, [Anchor.from_body(CLAIM, 0, len(CLAIM))])
    assert result.to_anchor() == Anchor(9, 9 + len(CLAIM), CLAIM, "Earlier. ", "")


def test_diff_match_patch_indices_are_code_points():
    old, new = "a👍🏽b🇺🇦c", "a👍🏽Xb🇺🇦c"
    diffs = diff_match_patch().diff_main(old, new)
    assert diffs == [(0, "a👍🏽"), (1, "X"), (0, "b🇺🇦c")]
    assert diff_match_patch().diff_xIndex(diffs, 4) == 5  # "b" at code point 4 -> 5
    assert diff_texts(old, new) == diffs


def test_offset_map_puts_starts_after_and_ends_before_an_insertion():
    offsets = OffsetMap.from_texts("AB", "AXB")
    assert offsets.map_start(1) == 2  # "B" starts after the inserted "X"
    assert offsets.map_end(1) == 1  # "A" ends before it
    assert offsets.inserted() == [(1, 2)]


def test_offset_map_expands_spans_over_a_replaced_block():
    offsets = OffsetMap.from_texts("one two three", "one 2 three")
    assert offsets.map_start(4) == 4
    assert offsets.map_end(7) == 5


def test_offset_map_counts_unchanged_text_from_outside_a_claim_segment_by_segment():
    """old "aaaa bbbb cccc dddd" -> new "aaaa XX bbbb cccc YY": two equal segments, new [0, 5)
    from old [0, 5) and new [8, 18) from old [5, 15). What a search may land on is rejected by
    how much of it is unchanged text from outside the claim (anchoring.MAX_FOREIGN_FRACTION)."""
    offsets = OffsetMap.from_diff([(0, "aaaa "), (1, "XX "), (0, "bbbb cccc "), (-1, "dddd"),
                                   (1, "YY")])  # fmt: skip
    assert offsets.inserted() == [(5, 8), (18, 20)]
    assert offsets.foreign(0, 20, 5, 10) == 5 + 5  # "aaaa " and "cccc " are not the claim's
    assert offsets.foreign(0, 20, 5, 20) == 5  # the claim runs past the segment's old end
    assert offsets.foreign(2, 12, 0, 0) == 3 + 4  # "aa " and "bbbb": parts of both segments
    assert offsets.foreign(5, 8, 0, 0) == 0  # inserted text is nobody's


def test_offset_map_of_identical_texts_maps_every_position_to_itself():
    offsets = OffsetMap.from_texts("Same text.", "Same text.")
    assert [offsets.map_start(i) for i in range(11)] == list(range(11))
    assert [offsets.map_end(i) for i in range(11)] == list(range(11))
    assert offsets.inserted() == []


def test_offset_map_sends_a_start_in_a_changed_opening_to_the_new_texts_start():
    offsets = OffsetMap.from_diff([(-1, "Old"), (1, "New"), (0, " text.")])
    assert (offsets.map_start(0), offsets.map_start(2), offsets.map_start(3)) == (0, 0, 3)


# --------------------------------------------------------------------------- exact


def test_unchanged_body_keeps_every_claim_exact():
    anchors = [anchor_on(BODY, CLAIM), anchor_on(BODY, "Exports doubled")]
    results = reanchor(BODY, BODY, anchors)
    assert [r.state for r in results] == [AnchorState.EXACT] * 2
    assert [r.to_anchor() for r in results] == anchors


def test_insertion_before_claim_keeps_it_exact():
    new = BODY.replace("Officials spoke", "In a long-awaited statement, officials spoke")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)
    assert result.start == new.index(CLAIM)


def test_insertion_after_claim_keeps_it_exact_at_the_same_offsets():
    anchor = anchor_on(BODY, CLAIM)
    new = BODY.replace("The end.", "A new closing paragraph follows. The end.")
    result = reanchor_one(BODY, new, anchor)
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)
    assert (result.start, result.end) == (anchor.start, anchor.end)


def test_insertion_right_after_claim_does_not_extend_it():
    new = BODY.replace(f"{CLAIM} ", f"{CLAIM} It had been 5% a year before. ")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)


def test_insertion_between_claims_shifts_only_the_later_one():
    anchors = [anchor_on(BODY, CLAIM), anchor_on(BODY, "Exports doubled since 2010.")]
    new = BODY.replace("Critics disagreed", "Several economists and critics disagreed")
    first, second = reanchor(BODY, new, anchors)
    assert_anchored(first, new, AnchorState.EXACT, CLAIM)
    assert first.start == anchors[0].start
    assert_anchored(second, new, AnchorState.EXACT, "Exports doubled since 2010.")
    assert second.start == anchors[1].start + len("Several economists and c") - 1


def test_deletion_elsewhere_keeps_claim_exact():
    new = BODY.replace("Officials spoke on Monday. ", "")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)
    assert result.start == new.index(CLAIM)


def test_exact_result_recomputes_prefix_and_suffix_from_the_new_body():
    new = BODY.replace("Officials spoke on Monday.", "The minister spoke on Tuesday.")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert result.state is AnchorState.EXACT
    assert result.prefix == quote_context(new, result.start, result.end)[0]
    assert result.prefix.endswith("Tuesday. ")


def test_results_keep_the_input_order_and_length():
    anchors = [
        anchor_on(BODY, "Exports doubled"),
        anchor_on(BODY, CLAIM),
        anchor_on(BODY, "Exports doubled"),
        anchor_on(BODY, "Economy"),
    ]
    new = "Preface. " + BODY
    results = reanchor(BODY, new, anchors)
    assert [r.quote for r in results] == ["Exports doubled", CLAIM, "Exports doubled", "Economy"]
    assert reanchor(BODY, new, []) == []


# --------------------------------------------------------------------------- orphaned


def test_deleting_the_claims_sentence_orphans_it():
    new = BODY.replace(f"{CLAIM} ", "")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert result == AnchorResult(AnchorState.ORPHANED, None, None, None, None, None, 0.0)


def test_rewriting_the_claims_sentence_entirely_orphans_it():
    new = BODY.replace(CLAIM, "Analysts expect a rebound in the autumn months.")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert result.state is AnchorState.ORPHANED
    assert result.start is None and result.quote is None
    assert result.similarity < FUZZY_THRESHOLD


# --------------------------------------------------------------------------- fuzzy


def test_reworded_word_inside_claim_is_fuzzy_with_the_new_quote():
    reworded = CLAIM.replace("fell", "dropped")
    new = BODY.replace(CLAIM, reworded)
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.FUZZY, reworded)
    assert FUZZY_THRESHOLD <= result.similarity < 1.0


def test_replaced_first_and_last_words_stay_inside_the_fuzzy_quote():
    reworded = "Our unemployment rate fell to 4% in 2020."
    new = BODY.replace(CLAIM, reworded)
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.FUZZY, reworded)


def test_reworded_claim_next_to_an_insertion_is_fuzzy_without_the_inserted_text():
    reworded = CLAIM.replace("fell", "dropped")
    new = BODY.replace(CLAIM, f"Some context was added here. {reworded}")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.FUZZY, reworded)


# --------------------------------------------------------------------------- moved


def test_moved_paragraph_is_found_at_its_new_offsets():
    paragraphs = BODY.split("\n\n")
    new = "\n\n".join([paragraphs[0], paragraphs[2], paragraphs[1]])
    anchors = [anchor_on(BODY, CLAIM), anchor_on(BODY, "Exports doubled since 2010.")]
    results = reanchor(BODY, new, anchors)
    for anchor, result in zip(anchors, results, strict=True):
        assert result.state in {AnchorState.MOVED, AnchorState.EXACT}
        assert_anchored(result, new, result.state, anchor.quote)
        assert result.start == new.index(anchor.quote)


def test_sentence_moved_to_the_end_is_moved():
    new = BODY.replace(f"{CLAIM} ", "") + f" {CLAIM}"
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.MOVED, CLAIM)
    assert result.start == len(new) - len(CLAIM)
    assert result.similarity == 1.0


def test_moved_and_reworded_sentence_is_fuzzy_at_its_new_place():
    reworded = CLAIM.replace("fell", "dropped")
    new = BODY.replace(f"{CLAIM} ", "") + f" {reworded}"
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.FUZZY, reworded)
    assert result.start == len(new) - len(reworded)


# --------------------------------------------------------------------------- whitespace, Unicode


def test_whitespace_only_changes_around_the_quote_are_exact():
    new = BODY.replace(f" {CLAIM} ", f"   {CLAIM}\n\n").replace("\n\n", "\n \n")
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)


def test_whitespace_only_changes_inside_the_quote_are_exact_with_the_new_spacing():
    spaced = CLAIM.replace(" rate ", "  rate\n").replace(" 4%", "  4%")
    new = BODY.replace(CLAIM, spaced)
    result = reanchor_one(BODY, new, anchor_on(BODY, CLAIM))
    assert_anchored(result, new, AnchorState.EXACT, spaced)
    assert result.similarity == 1.0


def test_collapsing_double_spaces_is_exact():
    old = "Intro.  The  rate  fell.  Outro."
    new = re.sub(" +", " ", old)
    result = reanchor_one(old, new, anchor_on(old, "The  rate  fell."))
    assert_anchored(result, new, AnchorState.EXACT, "The rate fell.")


def test_nfd_to_nfc_change_is_exact():
    old = "Le cafe\u0301 de\u0301ja\u0300 ferme\u0301. Le pre\u0301sident a parle\u0301."
    new = unicodedata.normalize("NFC", old)
    quote = "Le pre\u0301sident a parle\u0301."
    result = reanchor_one(old, new, anchor_on(old, quote))
    assert_anchored(result, new, AnchorState.EXACT, unicodedata.normalize("NFC", quote))
    assert result.start == new.index("Le président")


def test_nfc_to_nfd_change_is_exact():
    old = "Le café déjà fermé. Le président a parlé."
    new = unicodedata.normalize("NFD", old)
    result = reanchor_one(old, new, anchor_on(old, "Le président a parlé."))
    assert_anchored(
        result, new, AnchorState.EXACT, unicodedata.normalize("NFD", "Le président a parlé.")
    )


def test_emoji_and_combining_characters_before_claims_count_as_code_points():
    old = "👍🏽 🇺🇦 Cafe\u0301 news. " + BODY
    anchor = anchor_on(old, CLAIM)
    assert anchor.start == old.index(CLAIM)
    new = "🇺🇦👍🏽 " + old.replace("news", "nouvelles 👍🏽")
    result = reanchor_one(old, new, anchor)
    assert_anchored(result, new, AnchorState.EXACT, CLAIM)
    assert result.start == new.index(CLAIM)
    assert result.start == anchor.start + len("🇺🇦👍🏽 ") + len("nouvelles 👍🏽") - len("news")


def test_claim_made_of_emoji_survives_an_insertion_before_it():
    old = "Reactions: 👍🏽👍🏽 and 🇺🇦 flags. Done."
    anchor = anchor_on(old, "👍🏽👍🏽 and 🇺🇦")
    new = "e\u0301 " + old
    result = reanchor_one(old, new, anchor)
    assert_anchored(result, new, AnchorState.EXACT, "👍🏽👍🏽 and 🇺🇦")
    assert result.start == anchor.start + 3


# --------------------------------------------------------------------------- identical sentences


TWINS = "Intro text here. The tax will rise. Some middle part. The tax will rise. Outro text."
TWIN = "The tax will rise."


def test_two_identical_sentences_each_claim_keeps_its_own_after_an_insertion():
    anchors = [anchor_on(TWINS, TWIN, 0), anchor_on(TWINS, TWIN, 1)]
    new = TWINS.replace("Some middle part.", "Some much longer middle part.")
    first, second = reanchor(TWINS, new, anchors)
    assert_anchored(first, new, AnchorState.EXACT, TWIN)
    assert_anchored(second, new, AnchorState.EXACT, TWIN)
    assert first.start == new.index(TWIN)
    assert second.start == new.rindex(TWIN)


def test_rewording_one_of_two_identical_sentences_does_not_move_its_claim_to_the_other():
    anchors = [anchor_on(TWINS, TWIN, 0), anchor_on(TWINS, TWIN, 1)]
    new = TWINS.replace(TWIN, "The tax will surely rise.", 1)
    first, second = reanchor(TWINS, new, anchors)
    assert_anchored(first, new, AnchorState.FUZZY, "The tax will surely rise.")
    assert_anchored(second, new, AnchorState.EXACT, TWIN)
    assert second.start == new.index(TWIN)


def test_deleting_one_of_two_identical_sentences_does_not_steal_the_other():
    anchors = [anchor_on(TWINS, TWIN, 0), anchor_on(TWINS, TWIN, 1)]
    new = TWINS.replace(f"{TWIN} Some", "Some")
    first, second = reanchor(TWINS, new, anchors)
    assert first.state is AnchorState.ORPHANED
    assert_anchored(second, new, AnchorState.EXACT, TWIN)


def test_prefix_and_suffix_pick_the_right_twin_when_both_moved():
    old = "A. Alpha says: The tax will rise. Beta says: The tax will rise. Z."
    anchor = anchor_on(old, TWIN, 1)
    new = "Z. Beta says: The tax will rise. Alpha says: The tax will rise. A."
    result = reanchor_one(old, new, anchor)
    assert result.state in {AnchorState.MOVED, AnchorState.EXACT}
    assert_anchored(result, new, result.state, TWIN)
    assert result.start == new.index(TWIN)  # the one after "Beta says: "


# --------------------------------------------------------------------------- stale anchors


def test_stale_anchor_is_searched_by_its_quote():
    stale = Anchor(0, len(CLAIM), CLAIM, "", "")  # offsets do not match the old body
    new = "Preface. " + BODY
    result = reanchor_one(BODY, new, stale)
    assert_anchored(result, new, AnchorState.MOVED, CLAIM)


# --------------------------------------------------------------------------- find_quote


def test_find_quote_at_its_own_offsets_is_exact():
    anchor = anchor_on(BODY, CLAIM)
    result = find_quote(BODY, anchor, hint=anchor.start)
    assert_anchored(result, BODY, AnchorState.EXACT, CLAIM)


def test_find_quote_elsewhere_is_moved():
    anchor = anchor_on(BODY, CLAIM)
    body = "Preface. " + BODY
    assert_anchored(find_quote(body, anchor), body, AnchorState.MOVED, CLAIM)


def test_find_quote_breaks_ties_by_prefix_and_suffix():
    old = "Alpha says: The tax will rise. Beta says: The tax will rise."
    anchor = anchor_on(old, TWIN, 1)
    result = find_quote(old, anchor, hint=0)
    assert result.state is AnchorState.EXACT
    assert result.start == old.rindex(TWIN)


def test_find_quote_breaks_remaining_ties_by_closeness_to_the_hint():
    body = "x The tax will rise. x The tax will rise. x"
    bare = Anchor(0, len(TWIN), TWIN)
    assert find_quote(body, bare, hint=len(body)).start == body.rindex(TWIN)
    assert find_quote(body, bare, hint=0).start == body.index(TWIN)


def test_find_quote_falls_back_to_a_fuzzy_match():
    anchor = anchor_on(BODY, CLAIM)
    body = BODY.replace("fell to", "fell to about")
    result = find_quote(body, anchor)
    assert_anchored(result, body, AnchorState.FUZZY, CLAIM.replace("fell to", "fell to about"))


def test_find_quote_ignores_whitespace_and_normalisation_differences():
    body = unicodedata.normalize("NFD", "Le  président\na parlé. Fin.")
    anchor = Anchor(0, 21, "Le président a parlé.")
    result = find_quote(body, anchor)
    assert result.state is AnchorState.MOVED
    assert body[result.start : result.end] == result.quote
    assert normalize_text(" ".join(result.quote.split())) == "Le président a parlé."


def test_find_quote_orphans_what_is_not_there():
    anchor = anchor_on(BODY, CLAIM)
    assert find_quote("Nothing related at all.", anchor).state is AnchorState.ORPHANED


# --------------------------------------------------------------------------- properties


ATOMS = [
    "The ", "tax ", "rate ", "fell", "rose", " ", "  ", "\n", "\n\n", ". ", "4% ", "é",
    "e\u0301", "👍🏽", "🇺🇦", "x", "word ", "Claim ",
]  # fmt: skip
texts = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=30).map("".join)


@st.composite
def anchors_in(draw: st.DrawFn, body: str) -> list[Anchor]:
    anchors = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(body) - 1))
        end = draw(st.integers(start + 1, min(len(body), start + 25)))
        anchors.append(Anchor.from_body(body, start, end))
    return anchors


@st.composite
def revision(draw: st.DrawFn, body: str) -> str:
    kind = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
    start = draw(st.integers(0, len(body)))
    end = draw(st.integers(start, min(len(body), start + 12)))
    text = draw(texts) if kind in {"insert", "replace"} else ""
    if kind == "insert":
        return body[:start] + text + body[start:]
    if kind == "move":
        rest = body[:start] + body[end:]
        to = draw(st.integers(0, len(rest)))
        return rest[:to] + body[start:end] + rest[to:]
    return body[:start] + text + body[end:]


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_every_result_after_random_revisions_quotes_the_new_body(data: st.DataObject):
    body = data.draw(texts)
    anchors = data.draw(anchors_in(body))
    for _ in range(data.draw(st.integers(1, 3))):
        new = data.draw(revision(body))
        results = reanchor(body, new, anchors)
        assert len(results) == len(anchors)
        for result in results:
            if result.state is AnchorState.ORPHANED:
                assert result.start is result.end is result.quote is None
                continue
            assert 0 <= result.start < result.end <= len(new)
            assert result.quote == new[result.start : result.end]
            assert (result.prefix, result.suffix) == quote_context(new, result.start, result.end)
            if result.state in {AnchorState.EXACT, AnchorState.MOVED}:
                assert result.similarity == 1.0
            else:
                assert FUZZY_THRESHOLD <= result.similarity < 1.0
        # The caller keeps an orphan's old anchor, which no longer matches: reanchor must cope.
        anchors = [r.to_anchor() or a for a, r in zip(anchors, results, strict=True)]
        body = new


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_claim_the_revision_does_not_touch_keeps_its_quote(data: st.DataObject):
    """The property above accepts orphans; this one does not. One insertion, deletion or
    replacement at least two code points away from a claim leaves it found (exact or moved) with
    its own quote. A new word made of letters the text never uses is inserted unambiguously:
    the claim is then EXACT at its old offsets plus the length added before it. (Code that
    orphaned everything, or mapped offsets wrongly, passed the property above.)"""
    atoms = data.draw(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=30))
    body = "".join(atoms)
    bounds = [len("".join(atoms[:i])) for i in range(len(atoms) + 1)]
    anchors = []  # on atom boundaries (whole characters), trimmed of spaces, never blank
    for _ in range(data.draw(st.integers(0, 5))):
        i = data.draw(st.integers(0, len(atoms) - 1))
        j = data.draw(st.integers(i + 1, len(atoms)))
        quote = body[bounds[i] : bounds[j]]
        if quote.strip() == quote != "":
            anchors.append(Anchor.from_body(body, bounds[i], bounds[j]))
    start = data.draw(st.sampled_from(bounds))
    end = data.draw(st.sampled_from([b for b in bounds if start <= b <= start + 12]))
    unique = data.draw(st.booleans())
    text = data.draw(st.text("QZJ", min_size=1, max_size=6) if unique else texts)
    new = body[:start] + text + body[end:]
    results = reanchor(body, new, anchors)
    for anchor, result in zip(anchors, results, strict=True):
        before, after = anchor.end + 2 <= start, anchor.start >= end + 2
        if not (before or after):
            continue
        assert result.state in {AnchorState.EXACT, AnchorState.MOVED}, (body, new, anchor)
        assert result.quote == new[result.start : result.end]
        # its words, up to spacing and composition, which anchoring reads as the same text: an
        # inserted copy that differs only there ("The fell" before "The  fell") can win a tie
        assert Canonical(result.quote).text == Canonical(anchor.quote).text
        if unique and start == end:
            moved = 0 if before else len(text)
            assert (result.state, result.start) == (AnchorState.EXACT, anchor.start + moved)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_whitespace_and_normalisation_only_revisions_keep_every_claim_exact(
    data: st.DataObject,
):
    body = data.draw(texts)
    anchors = data.draw(anchors_in(body))
    spaces = st.sampled_from([" ", "  ", "\n", "\n\n", " \n\t"])
    new = re.sub(r"\s+", lambda _: data.draw(spaces), body)
    new = unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), new)
    results = reanchor(body, new, anchors)
    assert [r.state for r in results] == [AnchorState.EXACT] * len(anchors)
    for result in results:
        assert result.quote == new[result.start : result.end]


def test_in_repeated_text_the_claims_own_spacing_wins_a_tie_with_an_inserted_copy():
    """A copy of the claim's words, spaced differently, inserted before it: the diff of the
    canonical texts aligns the claim with the copy; the claim's own words, as written, are
    still there with as much context, and keep it."""
    body = "The The  fell"
    anchor = Anchor.from_body(body, 4, len(body))
    new = "The The fell" + body
    (result,) = reanchor(body, new, [anchor])
    assert (result.state, result.quote) == (AnchorState.EXACT, "The  fell")
    assert result.start == len("The The fell") + 4


def test_the_seed_index_holds_each_word_pair_of_its_ranges_once_however_they_overlap():
    """Re-anchoring indexes the word pairs of the inserted ranges: two insertions close together
    give overlapping ranges (each padded by its context), and both must be searchable."""
    text = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima"
    first = (0, text.index("echo") + 4)  # alpha … echo
    second = (text.index("delta"), text.index("kilo") + 4)  # delta … kilo: overlaps the first
    union = SeedIndex(text, [(0, second[1])]).positions
    assert SeedIndex(text, [second, first]).positions == union
    assert SeedIndex(text, [first, second, (5, 12)]).positions == union  # one inside another
    # apart, each keeps its own pairs and none across the gap; ranges past the text are cut
    apart = SeedIndex(text, [(0, 11), (text.index("india"), 10_000)]).positions
    assert set(apart) == {"alpha bravo", "india juliet", "juliet kilo", "kilo lima"}
