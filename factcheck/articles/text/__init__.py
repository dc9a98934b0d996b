"""Article text as pure functions (no models): one module per job.

- normalise.py: `normalize_text` (applied before storing) and the `Canonical` view.
- diff.py: word and sentence diffs on diff-match-patch (`word_diff` to show, `diff_texts` to map).
- offsets.py: `OffsetMap`, old positions to new ones through a diff's equal segments.
- anchors.py: `Anchor`, `AnchorResult`, the one `AnchorState`, quote context.
- search.py: finding a quote that moved or changed (exact, then fuzzy).

`articles.anchoring` is the façade the rest of the project uses for re-anchoring.
"""
