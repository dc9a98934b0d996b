"""Context snippets in reports: whole words, "…" only where text was left out (issue 11 item 10)."""

from factcheck.reports.snippets import context_snippet


def test_a_cut_inside_a_word_drops_the_partial_word_and_shows_an_ellipsis():
    snippet = context_snippet(
        "hat analysts questioned whether ", " included research, hardware and"
    )
    assert snippet.before == "…analysts questioned whether "
    assert snippet.after == " included research, hardware…"


def test_context_shorter_than_stored_reaches_the_article_edge_without_an_ellipsis():
    snippet = context_snippet("Le ministre a dit : « ", " » hier.", size=32)
    assert snippet.before == "Le ministre a dit : « "
    assert snippet.after == " » hier."


def test_a_paragraph_break_ends_the_context_without_an_ellipsis():
    snippet = context_snippet("end of the intro.\n\nAnalysts say ", " fell.\n\nThe next paragraph")
    assert snippet.before == "Analysts say "
    assert snippet.after == " fell."


def test_one_long_word_of_context_leaves_only_the_ellipsis():
    word = "Donaudampfschifffahrtsgesellschaft"[:32]
    snippet = context_snippet(word, word)
    assert (snippet.before, snippet.after) == ("…", "…")


def test_no_context_gives_no_ellipsis():
    assert context_snippet("", "") == context_snippet("", "", size=32)
    assert context_snippet("", "").before == "" and context_snippet("", "").after == ""
