"""Indexed search documents: a weighted tsvector of title/publisher/author on the article and
one of the body on each (immutable) revision, with GIN indexes (PostgreSQL only)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import factcheck.core.search


def copy_language(apps, schema_editor):
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    for revision in ArticleRevision.objects.select_related("article").only(
        "pk", "article__language"
    ):
        if revision.article.language != "en":
            ArticleRevision.objects.filter(pk=revision.pk).update(language=revision.article.language)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="articlerevision",
            name="language",
            field=models.CharField(default="en", editable=False, max_length=16),
        ),
        migrations.RunPython(copy_language, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=factcheck.core.search.WeightedDocument(
                    "language", ("title", "A"), ("publisher", "B"), ("author", "C")
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=factcheck.core.search.WeightedDocument(
                    "language", ("body", "D"), max_chars=1000000, stripped=True
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        factcheck.core.search.PostgresOnlyAddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="article_search_gin", fastupdate=False
            ),
        ),
        factcheck.core.search.PostgresOnlyAddIndex(
            model_name="articlerevision",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="revision_search_gin", fastupdate=False
            ),
        ),
    ]
