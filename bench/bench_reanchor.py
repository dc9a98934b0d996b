"""Benchmark re-anchoring: a ~100,000-word article, 5,000 claims, several kinds of revision.

Run from the project root::

    .venv/bin/python bench/bench_reanchor.py [--words 100000] [--claims 5000] [--repeat 3]

Everything is generated from a fixed seed, so figures are comparable between runs. Each scenario
reports the best wall time of ``--repeat`` runs of ``reanchor()``, the best time of the one
diff inside it (``diff_texts()`` on the whitespace-collapsed NFC views it diffs), the peak
traced memory of one extra run under tracemalloc (which slows it, so it is not timed) and the
count of claims per state. Every new anchor is checked to quote the new body.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.articles.anchoring import Anchor, AnchorResult, diff_texts, reanchor
from factcheck.articles.text.normalise import Canonical  # the view reanchor() diffs

SEED = 20240601
SYLLABLES = (
    "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu "
    "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu ré cé mü lä ñó"
)

Paragraph = list[str]  # sentences


def make_vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = SYLLABLES.split()
    words = {"".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def make_sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = rng.choices(vocabulary, k=rng.randint(6, 26))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99)}%")
    return " ".join(words).capitalize() + rng.choice(".....?!")


def make_article(rng: random.Random, vocabulary: list[str], words: int) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    count = 0
    while count < words:
        paragraph = [make_sentence(rng, vocabulary) for _ in range(rng.randint(2, 7))]
        count += sum(len(sentence.split()) for sentence in paragraph)
        paragraphs.append(paragraph)
    return paragraphs


def render(paragraphs: list[Paragraph]) -> str:
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def sentence_spans(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for paragraph in paragraphs:
        for sentence in paragraph:
            spans.append((pos, pos + len(sentence)))
            pos += len(sentence) + 1
        pos += 1  # "\n\n" instead of the last " "
    return spans


def make_claims(
    rng: random.Random, body: str, spans: list[tuple[int, int]], n: int
) -> list[Anchor]:
    chosen = rng.sample(spans, n) if n <= len(spans) else rng.choices(spans, k=n)
    return [Anchor.from_body(body, start, end) for start, end in sorted(chosen)]


def edit_one_paragraph(rng: random.Random, vocabulary: list[str], paragraphs: list[Paragraph]):
    """Reword a word in two sentences, delete one sentence and add a new one, mid-article."""
    edited = [list(paragraph) for paragraph in paragraphs]
    paragraph = edited[len(edited) // 2]
    while len(paragraph) < 4:
        paragraph.append(make_sentence(rng, vocabulary))
    for index in (0, 2):
        words = paragraph[index].split(" ")
        words[len(words) // 2] = rng.choice(vocabulary)
        paragraph[index] = " ".join(words)
    del paragraph[1]
    paragraph.append(make_sentence(rng, vocabulary))
    return edited


def move_paragraph(rng: random.Random, vocabulary: list[str], paragraphs: list[Paragraph]):
    """Move a paragraph from 10% into the article to 90%."""
    edited = list(paragraphs)
    moved = edited.pop(len(edited) // 10)
    edited.insert(len(edited) * 9 // 10, moved)
    return edited


def scattered_edits(rng: random.Random, vocabulary: list[str], paragraphs: list[Paragraph]):
    """Change one word in every 20th paragraph (a copy-edit pass over the whole article)."""
    edited = [list(paragraph) for paragraph in paragraphs]
    for paragraph in edited[::20]:
        index = rng.randrange(len(paragraph))
        words = paragraph[index].split(" ")
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
        paragraph[index] = " ".join(words)
    return edited


def edit_every_sentence(rng: random.Random, vocabulary: list[str], paragraphs: list[Paragraph]):
    """Change one word in every sentence (a heavy copy-edit; nothing is left unchanged)."""
    edited = [list(paragraph) for paragraph in paragraphs]
    for paragraph in edited:
        for index, sentence in enumerate(paragraph):
            words = sentence.split(" ")
            words[rng.randrange(len(words) - 1)] = rng.choice(vocabulary)
            paragraph[index] = " ".join(words)
    return edited


def reflow(body: str) -> str:
    """Whitespace and normalisation only: NFD, and every 7th space becomes a line break."""
    parts = unicodedata.normalize("NFD", body).split(" ")
    return "".join(part + ("\n" if i % 7 == 6 else " ") for i, part in enumerate(parts))[:-1]


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - began)
    return best


def check(new: str, results: list[AnchorResult]) -> Counter[str]:
    """Count the states, making sure every new anchor quotes the new body."""
    for result in results:
        if result.start is not None and result.end is not None:
            assert new[result.start : result.end] == result.quote, result
    return Counter(result.state.value for result in results)


def peak_memory(old: str, new: str, claims: list[Anchor]) -> int:
    tracemalloc.start()
    reanchor(old, new, claims)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(SEED)
    vocabulary = make_vocabulary(rng)
    paragraphs = make_article(rng, vocabulary, args.words)
    old = render(paragraphs)
    claims = make_claims(rng, old, sentence_spans(paragraphs), args.claims)
    print(
        f"article: {len(old.split()):,} words, {len(old):,} code points, "
        f"{len(paragraphs):,} paragraphs; claims: {len(claims):,}"
    )

    edits: dict[str, Callable[[], str]] = {
        "one-paragraph edit": lambda: render(edit_one_paragraph(rng, vocabulary, paragraphs)),
        "paragraph moved 10% -> 90%": lambda: render(move_paragraph(rng, vocabulary, paragraphs)),
        "word changed in every 20th paragraph": lambda: render(
            scattered_edits(rng, vocabulary, paragraphs)
        ),
        "whitespace reflow + NFD only": lambda: reflow(old),
        "word changed in every sentence": lambda: render(
            edit_every_sentence(rng, vocabulary, paragraphs)
        ),
        "whole article rewritten (worst case)": lambda: render(
            make_article(random.Random(SEED + 1), vocabulary, args.words)
        ),
    }
    print(
        f"{'scenario':38} {'best s':>7} {'diff s':>7} {'peak MiB':>8}  exact/moved/fuzzy/orphaned"
    )
    for name, make_new in edits.items():
        new = make_new()
        states = check(new, reanchor(old, new, claims))
        seconds = best_time(lambda: reanchor(old, new, claims), args.repeat)  # noqa: B023
        canonical_old, canonical_new = Canonical(old).text, Canonical(new).text
        diff = best_time(lambda: diff_texts(canonical_old, canonical_new), args.repeat)  # noqa: B023
        peak = peak_memory(old, new, claims) / 2**20
        counts = "/".join(str(states[s]) for s in ("exact", "moved", "fuzzy", "orphaned"))
        print(f"{name:38} {seconds:7.3f} {diff:7.3f} {peak:8.1f}  {counts}")


if __name__ == "__main__":
    main()
