"""Data for the "Checked before?" evaluation and benchmark (no Django imports: see setup()).

- `load_claims()`: the labelled set in claims.tsv: 108 claims checked by real fact-checkers,
  each with a paraphrase and a reordered wording written for this set (by us, not copied).
- `change_numbers(text)`: the same text with every figure changed (doubled, years +3): used both for
  hard-negative claims in the corpus and for changed-number queries.
- `noise_claims(n)`: deterministic, claim-like filler sentences (subjects, verbs, figures,
  places, years) so that the evaluation and the benchmark search a realistic haystack.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
_FIGURE = re.compile(r"(?<![\w.])(?<![^\W\d_]-)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![^\W_])")


@dataclass(frozen=True)
class LabelledClaim:
    checked_by: str
    claim: str
    paraphrase: str
    reordered: str


def load_claims() -> list[LabelledClaim]:
    with (HERE / "claims.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [LabelledClaim(r["checked_by"], r["claim"], r["paraphrase"], r["reordered"])
            for r in rows]  # fmt: skip


def _changed(match: re.Match) -> str:
    raw = match.group(1)
    value = float(raw.replace(",", ""))
    if raw.isdigit() and 1800 <= value <= 2100:
        return str(int(value) + 3)  # a year: another year
    new = value * 2
    text = str(int(new)) if new == int(new) else f"{new:g}"
    return f"{int(new):,}" if "," in raw else text


def change_numbers(text: str) -> str:
    return _FIGURE.sub(_changed, text)


def has_numbers(text: str) -> bool:
    return bool(_FIGURE.search(text))


SUBJECTS = [
    "The governor",
    "The finance minister",
    "A viral post",
    "The mayor of the capital",
    "An opposition senator",
    "The health ministry",
    "A campaign advert",
    "The central bank",
    "A television host",
    "The energy regulator",
    "A local councillor",
    "The prime minister",
    "The education secretary",
    "A trade union leader",
    "The police commissioner",
    "An influencer",
    "The transport agency",
    "A think tank report",
    "The president's spokesman",
    "A farmers' association",
]
VERBS = [
    "said that",
    "claimed that",
    "stated that",
    "wrote that",
    "suggested that",
    "insisted that",
    "told reporters that",
    "posted that",
    "argued that",
    "announced that",
]
TOPICS = [
    "spending on schools rose by {n}%",
    "{n} new homes were built last year",
    "crime fell by {n}% in the city",
    "the state hired {n} more nurses",
    "bus fares went up {n}% since {y}",
    "{n} factories closed in the region",
    "hospital waiting lists grew by {n},000 patients",
    "the deficit was cut by ${n} billion",
    "rents doubled since {y}",
    "{n}% of voters support the plan",
    "the river is cleaner than at any time since {y}",
    "taxes on fuel fell {n}% in {y}",
    "the army recruited {n},000 soldiers",
    "unemployment among young people reached {n}%",
    "the new bridge cost ${n} million",
    "{n} million trees were planted since {y}",
    "exports to China grew by {n}%",
    "{n} schools have no heating",
    "the minimum wage rose to ${n} an hour",
    "road deaths are at their lowest since {y}",
    "farm subsidies were cut by {n}%",
    "{n} refugees arrived this year",
    "electricity prices are the highest in Europe",
    "the vaccine was tested on {n},000 people",
    "the airport expansion will create {n},000 jobs",
    "{n}% of the forest burned in {y}",
    "the police budget shrank by ${n} million",
    "broadband reaches {n}% of rural homes",
    "the pension age will rise to {n}",
    "the mine will reopen in {y}",
]
PLACES = [
    "",
    " in the north",
    " across the country",
    " in rural areas",
    " in the capital",
    " according to official data",
    " under the current government",
    " since the election",
]


def noise_claims(count: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    claims = []
    for _ in range(count):
        topic = rng.choice(TOPICS).format(n=rng.randint(2, 95), y=rng.randint(1990, 2024))
        claims.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic}{rng.choice(PLACES)}.")
    return claims
