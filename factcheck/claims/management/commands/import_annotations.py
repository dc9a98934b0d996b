"""`manage.py import_annotations FILE --user NAME`: annotations from another tool as claims.

FILE (or - for standard input) is a W3C Web Annotation JSON-LD document or a Hypothesis API
export; see claims.annotation_import for what is read and how articles are matched.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from factcheck.articles.models import Article
from factcheck.claims.annotation_import import import_annotations
from factcheck.core.errors import ActionForbidden

NO_SUCH_USER = "No active user named {name!r}: --user names the reviewer the claims belong to."
NOT_JSON = "{name} is not JSON: {error}"


class Command(BaseCommand):
    help = (
        "Import W3C Web Annotation JSON-LD or a Hypothesis export as draft claims, attached "
        "to the articles whose source URL the annotations target."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A .json/.jsonld file, or - for standard input.")
        parser.add_argument("--user", required=True, help="The reviewer the claims belong to.")
        parser.add_argument("--article", type=int, help="Attach everything to this article id.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")

    def handle(self, *args, source, user, article, dry_run, **options):
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(NO_SUCH_USER.format(name=user))
        name = "standard input" if source == "-" else source
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8-sig")
            document = json.loads(text)
        except (OSError, ValueError) as error:
            raise CommandError(NOT_JSON.format(name=name, error=error)) from None
        target = None
        if article is not None:
            target = Article.objects.filter(pk=article).first()
            if target is None:
                raise CommandError(f"No article with id {article}.")
        try:
            results = import_annotations(
                actor=actor, document=document, article=target, dry_run=dry_run
            )
        except ActionForbidden as error:
            raise CommandError(error.message) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        counts = Counter(r.status for r in results)
        self.stdout.write(
            f"{'Would import' if dry_run else 'Imported'} {counts['imported']} claim(s) and "
            f"{counts['orphaned']} orphaned claim(s) (quote not found in the text); "
            f"{counts['duplicate']} already imported; {counts['skipped']} skipped; "
            f"{counts['invalid']} refused." + (" Dry run: nothing was saved." if dry_run else "")
        )
        for result in results:
            problems = [f"{k}: {' '.join(v)}" for k, v in result.errors.items()]
            for line in [*problems, *result.warnings]:
                self.stdout.write(f"  #{result.index} {result.id or ''}: {line}")
