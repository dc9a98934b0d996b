"""The highlight segmentation: pieces cover the body exactly, in code points, whatever overlaps."""

from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims.rendering import Span, paragraph_bounds, segment

BODY = "Reactions 👍🏽 and 🇺🇦.\n\nThe café said x\u0301 yes.\n\n\nLast line."


def _pieces(paragraphs):
    return [piece for p in paragraphs for piece in p.pieces]


def test_paragraphs_are_split_at_blank_lines_and_keep_single_newlines():
    body = "One\ntwo\n\nThree\n\n\nFour"
    assert [body[a:b] for a, b in paragraph_bounds(body)] == ["One\ntwo", "Three", "Four"]


def test_pieces_carry_code_point_offsets_of_their_text():
    start = BODY.index("café")
    paragraphs = segment(BODY, [Span(1, start, start + 4)])
    for piece in _pieces(paragraphs):
        assert BODY[piece.start : piece.end] == piece.text
    marked = [p for p in _pieces(paragraphs) if p.ids]
    assert [(p.text, p.ids) for p in marked] == [("café", (1,))]


def test_nested_claims_list_the_innermost_first():
    outer = Span(1, 0, BODY.index("."))
    inner = Span(2, BODY.index("👍🏽"), BODY.index("👍🏽") + 2)
    pieces = _pieces(segment(BODY, [outer, inner]))
    shared = [p for p in pieces if p.depth == 2]
    assert len(shared) == 1 and shared[0].text == "👍🏽" and shared[0].ids == (2, 1)


def test_a_claim_across_paragraphs_is_cut_at_the_break_but_marks_both_sides():
    start, end = BODY.index("🇺🇦"), BODY.index("said")
    pieces = [p for p in _pieces(segment(BODY, [Span(7, start, end)])) if p.ids]
    assert "".join(p.text for p in pieces) == BODY[start:end].replace("\n\n", "")
    assert len({p.start for p in pieces}) == 2


@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "👍", "\u0301", "é"]), min_size=1),
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=12),
)
def test_pieces_tile_every_paragraph_and_cover_exactly_the_claims(body, raw_spans):
    spans = [Span(i, s, s + n) for i, (s, n) in enumerate(raw_spans)]
    for paragraph in segment(body, spans):
        assert "".join(p.text for p in paragraph.pieces) == body[paragraph.start : paragraph.end]
        for piece in paragraph.pieces:
            covering = [s for s in spans if s.start <= piece.start and piece.end <= s.end]
            # innermost first: the shortest once clipped to the body, then the later, then by id
            clipped = [(min(s.end, len(body)) - s.start, -s.start, s.id) for s in covering]
            assert piece.ids == tuple(pk for *_, pk in sorted(clipped))
