"""Which occurrence a quote is found at when the diff does not settle it: kept context first, then
closeness to the hint; fuzzy matches near the hint first; stale anchors near their old place.

(Written against the survivors of the mutation pass over `articles/text`: bench/README.md.)
"""

from factcheck.articles.anchoring import FUZZY_THRESHOLD, Anchor, AnchorState, find_quote, reanchor

CLAIM = "The unemployment rate fell to four percent in 2019."
FILLER = " ".join(f"Filler sentence number {i} about other things." for i in range(30))
TWIN = "The tax will rise."
CLAIM_2 = "Taxes rose by four percent in 2019."


def test_the_kept_suffix_beats_a_nearer_copy():
    body = "x The tax will rise next year. y The tax will rise in May. z"
    anchor = Anchor(0, 17, "The tax will rise", "", " next year.")
    result = find_quote(body, anchor, hint=len(body))  # the hint is next to the other copy
    assert (result.state, result.start) == (AnchorState.MOVED, 2)


def test_the_kept_prefix_counts_in_full_at_the_very_start_of_the_body():
    """ "He said " opens the body: all eight code points count, one more than "she said " keeps."""
    body = "He said taxes rose. Then she said taxes rose"
    anchor = Anchor(8, 18, "taxes rose", "He said ", "")
    result = find_quote(body, anchor, hint=len(body))
    assert (result.state, result.start) == (AnchorState.EXACT, 8)


def test_without_context_a_hint_at_the_start_keeps_the_occurrence_there():
    """Overlapping occurrences ("!!" twice in "!!!"): hint 0, a negative one or none: the start."""
    anchor = Anchor(0, 2, "!!")
    for hint in (0, -5, None):
        result = find_quote("!!! Wow", anchor, hint=hint)
        assert (result.state, result.start, result.end) == (AnchorState.EXACT, 0, 2)


def test_a_quote_with_nothing_to_align_against_is_orphaned():
    anchor = Anchor(0, len(CLAIM), CLAIM)
    assert find_quote("", anchor) == find_quote("", anchor, hint=3)
    assert find_quote("", anchor).state is AnchorState.ORPHANED
    assert find_quote("12345 678", anchor).state is AnchorState.ORPHANED


def test_a_fuzzy_match_near_the_hint_beats_a_closer_copy_earlier_in_the_body():
    better = CLAIM.replace("four", "4")
    near = CLAIM.replace("fell to four", "dropped to nearly four")
    body = f"{better} {FILLER} {near} End."
    result = find_quote(body, Anchor(0, len(CLAIM), CLAIM), hint=body.index(near))
    assert result.state is AnchorState.FUZZY
    assert (result.start, result.quote) == (body.index(near), near)


def test_a_stale_anchor_is_found_at_the_copy_nearest_its_old_offsets():
    old = f"Alpha says: {TWIN} " + "Some other text here. " * 5 + f"Beta says: {TWIN} The end."
    second = old.rindex(TWIN)
    stale = Anchor(second + 3, second + 3 + len(TWIN), TWIN)  # three code points off
    new = "Preface. " + old
    [result] = reanchor(old, new, [stale])
    assert (result.state, result.start) == (AnchorState.MOVED, new.rindex(TWIN))


def test_a_stale_anchor_is_found_fuzzy_in_text_the_revision_left_alone():
    """Its quote was typed differently ("four" for "4") and its offsets are wrong: the search covers
    the whole new body, not only what the revision inserted."""
    typed = "The unemployment rate fell to 4 percent in 2019."
    old = f"Intro. {FILLER} {typed} {FILLER} Outro."  # far from the hint and the insertion
    new = old + " Appendix."
    [result] = reanchor(old, new, [Anchor(0, len(CLAIM), CLAIM)])
    assert result.state is AnchorState.FUZZY
    assert (result.start, result.quote) == (new.index(typed), typed)


def test_of_two_reworded_copies_inserted_far_away_the_closer_wording_wins():
    """The claim's sentence left the top; two reworded versions came in far from it. Both are
    similar enough, the one with fewer changes is where the claim went, even though it is later."""
    claim = "The unemployment rate fell to four percent in 2019 after a long and steady decline."
    paragraphs = [f"Paragraph {i} talks about the weather and the harvest." for i in range(40)]
    old = " ".join([claim, *paragraphs])
    worse = claim.replace("fell to four", "went down to nearly four").replace("steady", "slow")
    better = claim.replace("four", "4")
    new = " ".join([*paragraphs[:20], worse, *paragraphs[20:], better])
    [result] = reanchor(old, new, [Anchor.from_body(old, 0, len(claim))])
    assert result.state is AnchorState.FUZZY
    assert (result.start, result.quote) == (new.index(better), better)


def test_a_short_claim_moved_far_and_reworded_is_found_in_the_inserted_text():
    """The inserted sentence is shorter than the search padding: the seed index must cover the
    inserted range and its padding on both sides, not a range shifted by the padding."""
    claim, reworded = "Taxes rose by four percent.", "Taxes rose by 4 percent."
    old = f"{claim} {FILLER} The end."
    new = f"{FILLER} The end. {reworded}"
    [result] = reanchor(old, new, [Anchor.from_body(old, 0, len(claim))])
    assert result.state is AnchorState.FUZZY
    assert (result.start, result.quote) == (new.index(reworded), reworded)


def test_a_moved_reworded_claim_is_sought_in_inserted_text_not_in_closer_copies_left_alone():
    """Three unchanged sentences differ from the claim by a year (each has its own claims): they
    align better than the claim's reworded copy. Seeding only what the revision inserted keeps them
    from filling the few refined alignments and orphaning the claim."""
    copies = [CLAIM.replace("2019", year) for year in ("2016", "2017", "2018")]
    reworded = CLAIM.replace("fell to four", "dropped to 4")
    old = " ".join([CLAIM, FILLER, *copies, FILLER])
    other = FILLER.replace("Filler", "Other")
    for new in (  # the copies after the inserted text: only the inserted range is indexed
        " ".join([FILLER, *copies, FILLER, reworded]),
        " ".join([FILLER, reworded, other, *copies, FILLER]),
    ):
        [result] = reanchor(old, new, [Anchor.from_body(old, 0, len(CLAIM))])
        assert result.state is AnchorState.FUZZY
        assert (result.start, result.quote) == (new.index(reworded), reworded)


def test_a_claim_whose_sentence_was_merged_with_the_next_keeps_the_span_the_diff_gives():
    """The diff's span is similar enough and is taken as it is: refining it as freely as a
    searched span would drift into the next sentence (here, orphaning the claim)."""
    old = "Unemployment fell to four percent last year. Prices rose again in June."
    new = "Unemployment fell to four percent last year while prices rose again in June."
    [result] = reanchor(old, new, [Anchor.from_body(old, 0, old.index(".") + 1)])
    assert result.state is AnchorState.FUZZY and result.start == 0
    assert result.quote == "Unemployment fell to four percent last year while"


def test_a_claim_with_every_word_retyped_is_found_around_its_place_when_text_was_added_before_it():
    """No pair of the claim's words survives its typos being fixed, so no word pair seeds the
    search, and the diff's span takes in the new opening clause: the alignment around that span
    finds it."""
    claim = "Teh goverment raisd taxs."
    old = f"Intro. {claim} {FILLER}"
    fixed = "the government raised taxes."
    new = f"Intro. After a long debate in parliament last week, {fixed} {FILLER}"
    [result] = reanchor(old, new, [Anchor.from_body(old, 7, 7 + len(claim))])
    assert result.state is AnchorState.FUZZY
    assert (result.start, result.quote) == (new.index(fixed), fixed)


def test_text_added_inside_a_claims_span_leaves_it_exact_where_one_boundary_still_maps():
    """The diff maps the claim over the added words; its words stand, unchanged, at one end of
    that span: not a move, it stays exact (either boundary, not both, is enough)."""
    old = "He said taxes rose."
    for new, start in (
        ("He said taxes fell, then taxes rose.", 25),  # the end maps through the diff
        ("He said taxes rose, then taxes rose.", 8),  # the start does
    ):
        [result] = reanchor(old, new, [Anchor.from_body(old, 8, 18)])
        assert result.state is AnchorState.EXACT
        assert (result.start, result.quote) == (start, "taxes rose")


def test_a_found_copy_may_be_half_made_of_text_left_from_elsewhere():
    """ "tax " is new, "rise" is the other sentence's: exactly half the occurrence is unchanged
    text from outside the claim, which MAX_FOREIGN_FRACTION still accepts."""
    old = f"A tax rise. {FILLER} The rise was small."
    new = f"{FILLER} The tax rise was small."
    [result] = reanchor(old, new, [Anchor.from_body(old, 2, 10)])
    assert result.state is AnchorState.MOVED
    assert (result.start, result.quote) == (new.index("tax rise"), "tax rise")


def test_a_fuzzy_match_starts_and_ends_at_word_boundaries_shaped_like_the_quote():
    """The quote starts with a letter: so does the match, at a word's start (not at the space or
    full stop before it, nor inside the word before); and it does not end inside a word."""
    for quote, sentence, expected in (
        ("A official said taxes rose in 2019.", "Officials said taxes rose in 2019.", None),
        ("A jobless rate fell to four percent.", "Its jobless rate fell to 4 percent.",
         "jobless rate fell to 4 percent."),
        ("The rate fell to four percent", "The rate fell to 4 percentage points.",
         "The rate fell to 4 percentage"),
    ):  # fmt: skip
        result = find_quote(f"{FILLER} {sentence} {FILLER}", Anchor(0, len(quote), quote))
        assert result.state is AnchorState.FUZZY
        assert result.quote == (expected or sentence)


def test_a_fuzzy_match_at_the_very_start_of_the_body_keeps_its_first_word():
    result = find_quote(
        "Taxes rose by 4 percent in 2019. Other things.", Anchor(0, len(CLAIM_2), CLAIM_2)
    )
    assert (result.state, result.start) == (AnchorState.FUZZY, 0)
    assert result.quote == "Taxes rose by 4 percent in 2019."


def test_of_two_copies_with_the_same_context_the_one_spaced_as_written_wins_over_the_nearer():
    body = "Taxes  rose, and Taxes rose"
    result = find_quote(body, Anchor(0, 11, "Taxes  rose"), hint=len(body))
    assert (result.state, result.start, result.quote) == (AnchorState.EXACT, 0, "Taxes  rose")


def test_an_empty_quote_is_orphaned_with_no_similarity():
    result = find_quote("Some text.", Anchor(0, 0, ""))
    assert (result.state, result.similarity) == (AnchorState.ORPHANED, 0.0)


def test_a_fuzzy_match_is_not_made_similar_enough_by_cutting_a_word():
    """No word boundary near where the alignment ends: the nearest ones further out are tried, and
    when they are not similar enough the claim is orphaned rather than anchored to "intern"."""
    body = "1,234,567,890 after internationalisation Decline market minister to."
    result = find_quote(body, Anchor(0, 25, "1,234,567,890 after four."))
    assert result.state is AnchorState.ORPHANED


def test_a_fuzzy_match_found_by_search_takes_in_the_words_replaced_at_its_ends():
    for quote, sentence in (
        ("Unemployment fell to four percent in 2019.", "Joblessness fell to four percent in 2019."),
        ("Taxes rose sharply, said the minister.",
         "Taxes rose sharply, the finance minister claimed."),
        ("Officials said unemployment fell to four percent.",
         "Officials told reporters unemployment fell to 4 percent."),
    ):  # fmt: skip
        result = find_quote(f"{FILLER} {sentence} {FILLER}", Anchor(0, len(quote), quote))
        assert (result.state, result.quote) == (AnchorState.FUZZY, sentence)


def test_a_body_shorter_than_the_quote_is_still_searched_as_a_whole():
    body = "Unemployment fell to 4 percent in 2019."  # shorter than CLAIM
    result = find_quote(body, Anchor(0, len(CLAIM), CLAIM))
    assert (result.state, result.quote) == (AnchorState.FUZZY, body)


def test_a_match_exactly_as_similar_as_the_threshold_is_accepted():
    quote = "In 2019, 1,234,567 jobs went after 2018."
    sentence = "In 2019, 1,234,567 jobs went after internationalisation."
    result = find_quote(f"{FILLER} {sentence} {FILLER}", Anchor(0, len(quote), quote))
    assert (result.state, result.quote) == (AnchorState.FUZZY, sentence)
    assert result.similarity == FUZZY_THRESHOLD == 0.75


def test_overlapping_occurrences_one_code_point_apart_are_both_found():
    result = find_quote("!!! Wow", Anchor(0, 2, "!!"), hint=1)  # "!!" at 0 and at 1
    assert (result.state, result.start, result.end) == (AnchorState.MOVED, 1, 3)


def test_the_kept_suffix_counts_after_the_occurrence_not_before_it():
    body = "The tax will rise next year. The tax will rise in May."
    anchor = Anchor(0, 17, "The tax will rise", "", " next year.")
    result = find_quote(body, anchor, hint=len(body))  # the hint is next to the other copy
    assert (result.state, result.start) == (AnchorState.EXACT, 0)
