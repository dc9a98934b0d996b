"""Quality of "Checked before?": recall@1, recall@5 and MRR on the labelled set.

Run from the project root (everything it inserts is rolled back)::

    .venv/bin/python bench/similar/eval_similar.py [--noise 5000] [--public]

on `DATABASE_URL` if set, else postgres://postgres@127.0.0.1:5432/bench_eval (created and
migrated when missing).

The corpus: the 108 labelled claims (claims.tsv), a hard negative for each one that states
figures (the same sentence with every figure changed: corpus.change_numbers) and `--noise`
claim-like filler sentences, all published, spread over 50 articles. The queries (written for
this set, never the stored wording):

- paraphrase: the claim reworded (synonyms, other structure);
- reordered: the claim's words in another order / voice;
- changed_number: the paraphrase with its figures changed; the right answer is then the hard
  negative (the claim with the same changed figures), and the original claim is the trap.

Each query asks `claims.search.ranked_ids` (what GET /api/v1/claims/similar/ answers) for 5
claims, as an editor (working copy) or, with --public, as an anonymous client (published copy).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from database import ensure_database

ensure_database("bench_eval")

import setup  # noqa: E402 - Django set-up (after the database exists)
from corpus import change_numbers, load_claims, noise_claims  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from factcheck.claims.search import ranked_ids  # noqa: E402


def build_queries(labelled, ids, negative_ids):
    queries = []
    for i, item in enumerate(labelled):
        queries.append(("paraphrase", item.paraphrase, ids[i]))
        queries.append(("reordered", item.reordered, ids[i]))
        changed = change_numbers(item.paraphrase)
        if i in negative_ids and changed != item.paraphrase:
            queries.append(("changed_number", changed, negative_ids[i]))
    return queries


def evaluate(queries, user, verbose: bool) -> dict[str, dict[str, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
    for kind, text, expected in queries:
        ranking = [pk for pk, _ in ranked_ids(user=user, text=text, limit=5)]
        rank = ranking.index(expected) + 1 if expected in ranking else None
        for key in (kind, "all"):
            row = sums[key]
            row[0] += rank == 1
            row[1] += rank is not None
            row[2] += 1 / rank if rank else 0.0
            row[3] += 1
        if verbose and rank != 1:
            print(f"  miss ({kind}, rank {rank}): {text}")
    return {
        kind: {"n": n, "recall@1": r1 / n, "recall@5": r5 / n, "mrr": rr / n}
        for kind, (r1, r5, rr, n) in sums.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--noise", type=int, default=5000, help="filler claims (default 5000)")
    parser.add_argument("--public", action="store_true", help="match as an anonymous client")
    parser.add_argument("--verbose", action="store_true", help="print every query not ranked 1")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    labelled = load_claims()
    with transaction.atomic():
        user = setup.staff_user()
        articles = setup.make_articles(user)
        ids = setup.insert_claims([c.claim for c in labelled], articles, user)
        numbered = [i for i, c in enumerate(labelled) if change_numbers(c.claim) != c.claim]
        negatives = setup.insert_claims([change_numbers(labelled[i].claim) for i in numbered],
                                        articles, user)  # fmt: skip
        setup.insert_claims(noise_claims(args.noise), articles, user)
        negative_ids = dict(zip(numbered, negatives, strict=True))
        queries = build_queries(labelled, ids, negative_ids)
        corpus = len(ids) + len(negatives) + args.noise
        who = AnonymousUser() if args.public else user
        print(f"{len(queries)} queries, {corpus:,} claims in the corpus "
              f"({len(negatives)} changed-number hard negatives), "
              f"matching as {'an anonymous client' if args.public else 'an editor'}")  # fmt: skip
        results = evaluate(queries, who, args.verbose)
        print(f"{'kind':<16}{'n':>5}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}")
        for kind in ("paraphrase", "reordered", "changed_number", "all"):
            if kind in results:
                r = results[kind]
                print(f"{kind:<16}{r['n']:>5}{r['recall@1']:>10.3f}{r['recall@5']:>10.3f}"
                      f"{r['mrr']:>8.3f}")  # fmt: skip
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
