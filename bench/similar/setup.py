"""Django set-up and bulk loading shared by eval_similar.py and bench_similar.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")  # a development benchmark (DEBUG is off by default)

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.utils import timezone  # noqa: E402

from factcheck.accounts.roles import EDITOR, REVIEWER  # noqa: E402
from factcheck.articles.models import Article, ArticleRevision  # noqa: E402
from factcheck.articles.services import body_hash  # noqa: E402
from factcheck.claims.models import Claim, ClaimStatus  # noqa: E402
from tests.public.helpers import bulk_versions  # noqa: E402

ARTICLES = 50  # claims are spread over this many articles


def staff_user():
    user, _ = get_user_model().objects.get_or_create(username="bench-similar-editor")
    user.groups.add(*Group.objects.filter(name__in=(EDITOR, REVIEWER)))
    return user


def make_articles(user, count: int = ARTICLES) -> list[Article]:
    articles = []
    for i in range(count):
        body = f"Benchmark article {i}: the text of the claims is not in this body."
        article = Article.objects.create(
            title=f"Similar-claims benchmark {i}", body=body, body_hash=body_hash(body),
            created_by=user, updated_by=user,
        )  # fmt: skip
        revision = ArticleRevision.objects.create(
            article=article, number=1, body=body, body_hash=article.body_hash, created_by=user
        )
        Article.objects.filter(pk=article.pk).update(current_revision=revision)
        article.current_revision = revision
        articles.append(article)
    return articles


def insert_claims(texts: list[str], articles: list[Article], user, batch: int = 5000) -> list[int]:
    """Bulk-insert published claims (quote = claim text); returns their ids in order."""
    now = timezone.now()
    ids: list[int] = []
    for offset in range(0, len(texts), batch):
        rows = [
            Claim(
                article=articles[(offset + i) % len(articles)],
                revision=articles[(offset + i) % len(articles)].current_revision,
                start=0,
                end=len(text),
                quote=text,
                claim_text=text,
                author=user,
                status=ClaimStatus.PUBLISHED,
                published_at=now,
                published_claim_text=text,
            )
            for i, text in enumerate(texts[offset : offset + batch])
        ]
        created = Claim.objects.bulk_create(rows)
        bulk_versions(created)  # the public searches their published versions
        ids.extend(c.pk for c in created)
    return ids
