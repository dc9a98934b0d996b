"""factory_boy factories. Articles and claims go through the services, so tests cannot build
states the product cannot reach."""

import factory
from django.contrib.auth import get_user_model

from factcheck.articles.services import article_create
from factcheck.claims.services import claim_create, evidence_add

SAMPLE_BODY = (
    "Nvidia lost nearly $600 billion in market value in one day.\n\n"
    "DeepSeek said its model cost $5.6 million to train.\n\n"
    "The Nasdaq fell 3% on Monday."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ArticleFactory(factory.Factory):
    """Calls article_create; pass actor=<reviewer or editor>."""

    class Meta:
        model = dict

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"{SAMPLE_BODY}\n\n(Copy {n}.)")
    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    publisher = "Example News"

    @classmethod
    def _create(cls, model_class, actor, **kwargs):
        return article_create(actor=actor, **kwargs)


def make_claim(article, actor, phrase: str = "$600 billion", *, occurrence: int = 0,
               verdict: str | None = "true", rationale: str = "Checked against filings.",
               evidence: int = 1, **extra):  # fmt: skip
    """Create a claim on `phrase` in the article's body, ready to submit by default."""
    body = article.current_revision.body
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(phrase, start + 1)
    claim = claim_create(
        actor=actor, article=article, start=start, end=start + len(phrase), quote=phrase,
        verdict=verdict, rationale=rationale, **extra,
    )  # fmt: skip
    for i in range(evidence):
        evidence_add(actor=actor, claim=claim, url=f"https://evidence.example.org/{claim.pk}/{i}",
                     title=f"Source {i}")  # fmt: skip
    claim.refresh_from_db()
    return claim
