"""The pure parts of the ranking: figures, the weighted word overlap, the blend."""

import pytest

from factcheck.claims.matching import (
    NUMBER_CLASH_FACTOR,
    blend,
    extract_numbers,
    lexical_overlap,
    number_agreement,
    query_words,
    trigram_similarity,
)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Nvidia lost $600 billion", {"600000000000"}),
        ("a loss of 600bn dollars", {"600000000000"}),
        ("17 percent of voters", {"17%"}),
        ("17% of voters", {"17%"}),
        ("1.5 million people", {"1500000"}),
        ("1,500,000 people", {"1500000"}),
        ("since 1957", {"1957"}),
        ("5G masts spread COVID-19", set()),
    ],
)
def test_figures_are_normalised_so_the_same_number_written_differently_matches(text, figures):
    assert extract_numbers(text) == figures


def test_different_figures_clash_and_the_same_figures_agree():
    assert number_agreement(frozenset({"3.5%"}), frozenset({"5.3%"})) == (0.0, True)
    assert number_agreement(frozenset({"3.5%", "50"}), frozenset({"3.5%", "50"})) == (1.0, False)
    agreement, clash = number_agreement(frozenset(), frozenset({"50"}))
    assert not clash and 0 < agreement < 1


def test_a_clash_costs_more_than_the_figures_add():
    same = blend(lexical=0.8, trigram=0.7, numbers=1.0, clash=False)
    changed = blend(lexical=0.8, trigram=0.7, numbers=0.0, clash=True)
    assert changed == pytest.approx(same * NUMBER_CLASH_FACTOR - 0.15 * NUMBER_CLASH_FACTOR, 0.01)
    assert changed < same


def test_a_shared_rare_word_counts_more_than_a_shared_common_one():
    query = {"obama": 4.0, "state": 1.0, "found": 2.0}
    assert lexical_overlap(query, ["obama", "found", "isi"]) > lexical_overlap(
        query, ["state", "hire", "nurs"]
    )
    assert lexical_overlap(query, []) == 0.0
    assert lexical_overlap({}, ["obama"]) == 0.0


def test_query_words_are_only_letters_and_digits_so_no_tsquery_syntax_gets_through():
    words = query_words("it's 99.97% & 'quoted' | !negated <-> (x:*)")
    assert words == ["it", "s", "99.97", "quoted", "negated", "x"]


def test_trigram_similarity_of_the_fallback_is_one_for_the_same_text_and_zero_for_nothing():
    assert trigram_similarity("Great Wall", "great wall") == 1.0
    assert trigram_similarity("", "great wall") == 0.0
    assert 0 < trigram_similarity("Great Wall of China", "the great wall") < 1
