"""The canonical view keeps every mark with its base: conjoining Hangul jamo, spacing vowel signs
and reordered combining marks compose as NFC would, and offsets map back to whole sequences.

(Written against the survivors of the mutation pass over `articles/text`: bench/README.md.)
"""

import unicodedata

from factcheck.articles.anchoring import Anchor, AnchorState, find_quote, reanchor


def test_hangul_typed_as_conjoining_jamo_is_the_same_text():
    """Vowel and final jamo (U+1160-U+11FF) are letters, not marks, yet compose with the initial."""
    old = "대한민국 정부는 세금을 올렸다."
    new = unicodedata.normalize("NFD", old)  # every syllable as two or three jamo
    [result] = reanchor(old, new, [Anchor.from_body(old, 5, 8)])  # "정부는"
    assert result.state is AnchorState.EXACT
    assert result.quote == new[result.start : result.end] == unicodedata.normalize("NFD", "정부는")


def test_a_spacing_vowel_sign_stays_with_its_consonant():
    """Bengali "ো" is two spacing vowel signs (category Mc, combining class 0) that NFC composes."""
    old = "তিনি বোন এবং ভাই।"
    new = old.replace("\u09cb", "\u09c7\u09be")  # "ো" typed as "ে" + "া"
    quote = "বোন এবং"
    [result] = reanchor(old, new, [Anchor.from_body(old, old.index(quote), old.index(quote) + 7)])
    assert result.state is AnchorState.EXACT
    assert result.quote == new[result.start : result.end] == "ব\u09c7\u09beন এবং"


def test_a_quote_after_punctuation_starts_at_the_accented_letter_not_before_it():
    """A word's first combining sequence is its own, even when the word opens with a quote mark."""
    body = "Le slogan “e\u0301te\u0301” revient."  # decomposed accents
    result = find_quote(body, Anchor(0, 3, "été"))
    assert result.state is AnchorState.MOVED
    assert body[result.start - 1] == "“" and result.quote == "e\u0301te\u0301"


def test_a_match_ending_inside_a_reordered_sequence_takes_the_whole_sequence():
    """Yoruba "Ọ̀" typed grave-then-dot is reordered by NFC into "Ọ" + grave: a quote of the
    dotted letter alone ends inside that sequence, so its raw span covers all of it."""
    body = "Awo O\u0300\u0323 kan."
    result = find_quote(body, Anchor(4, 5, "Ọ"))
    assert (result.start, result.end) == (4, 7)
    assert result.quote == "O\u0300\u0323"  # the marks are not cut from their base


def test_a_match_starting_inside_a_reordered_sequence_takes_its_base():
    body = "Awo O\u0300\u0323 kan."
    result = find_quote(body, Anchor(5, 11, "\u0300 kan."))  # starts with the grave alone
    assert (result.start, result.end) == (4, len(body))
    assert result.quote == "O\u0300\u0323 kan."
