"""`manage.py import_articles FILE|DIR|- --user NAME`: many articles at once.

Reads JSON Lines or CSV (one article per line/row, the fields of POST /api/v1/articles/ plus
`html`), or .html/.htm/.txt/.md files (one article each; HTML is extracted), or a directory of
any of these, or standard input (`-`, with --format). Every article is validated as the API
validates it and saved in its own transaction; the summary lists what was imported, the
duplicates and what was refused, with the reasons.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from factcheck.articles.bulk import ItemResult, import_records, path_records, stream_records
from factcheck.core.errors import ActionForbidden

NO_SUCH_USER = "No active user named {name!r}: --user names the account the articles are "
NO_SUCH_USER += "imported as (a reviewer or an editor)."
NO_SUCH_PATH = "{path} does not exist."
SOME_REFUSED = "{count} article(s) refused: see above."


class Command(BaseCommand):
    help = (
        "Import articles from a .jsonl/.csv file, .html/.txt/.md files, a directory of them, "
        "or standard input ('-'). Each article is validated as by the API; duplicates and "
        "invalid records are reported, the others imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file, a directory, or - for standard input.")
        parser.add_argument("--user", required=True, help="Import as this user (a reviewer).")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; save nothing.")
        parser.add_argument(
            "--format",
            choices=["jsonl", "csv", "html", "txt", "md"],
            default="jsonl",
            help="Format of standard input (default jsonl).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, source, user, dry_run, format, no_progress, **options):
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(NO_SUCH_USER.format(name=user))
        if source == "-":
            records = list(stream_records(sys.stdin.read(), format))
        else:
            path = Path(source)
            if not path.exists():
                raise CommandError(NO_SUCH_PATH.format(path=path))
            records = list(path_records(path))
        progress = tqdm(
            records,
            desc="Importing",
            unit="article",
            file=sys.stderr,
            disable=no_progress or options["verbosity"] == 0,
        )
        try:
            results = list(import_records(actor=actor, records=progress, dry_run=dry_run))
        except ActionForbidden as error:
            raise CommandError(error.message) from None
        finally:
            progress.close()
        self.report(results, dry_run=dry_run)
        refused = sum(r.status == "invalid" for r in results)
        if refused:
            raise CommandError(SOME_REFUSED.format(count=refused), returncode=2)

    def report(self, results: list[ItemResult], *, dry_run: bool) -> None:
        counts = Counter(r.status for r in results)
        done = counts["valid"] if dry_run else counts["created"]
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {done} article(s); {counts['duplicate']} duplicate(s) skipped; "
            f"{counts['invalid']} refused." + (" Dry run: nothing was saved." if dry_run else "")
        )
        for label, status in (("Duplicates", "duplicate"), ("Refused", "invalid")):
            rows = [r for r in results if r.status == status]
            if rows:
                self.stdout.write(f"{label}:")
            for row in rows:
                reasons = "; ".join(
                    f"{field}: {' '.join(messages)}" for field, messages in row.errors.items()
                )
                self.stdout.write(f"  {row.source}: {reasons}")
