""" "Checked before?": pg_trgm, the claim's language and tag names, two stored weighted search
documents (working and published copy) with GIN indexes, trigram indexes on the claim texts,
and the symmetrical "see also" link. Indexes and the extension: PostgreSQL only."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import factcheck.core.search


def fill_language_and_tags(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.select_related("article").prefetch_related("tags"):
        names = " ".join(sorted(t.name for t in claim.tags.all()))
        Claim.objects.filter(pk=claim.pk).update(language=claim.article.language, search_tags=names)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search_document"),
        ("claims", "0004_claim_original_creator"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AlterField(
            model_name="reviewevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "created the claim"),
                    ("edit", "edited"),
                    ("comment", "commented"),
                    ("evidence_add", "added evidence"),
                    ("evidence_edit", "edited evidence"),
                    ("evidence_remove", "removed evidence"),
                    ("see_also", "linked a related check (see also)"),
                    ("submit", "submitted"),
                    ("approve", "approved"),
                    ("request_changes", "requested changes"),
                    ("publish", "published"),
                    ("correct", "corrected"),
                    ("retract", "retracted"),
                    ("revise", "revised the text"),
                    ("reanchor", "re-anchored"),
                    ("reanchor_review", "re-anchored and sent back to review"),
                    ("reattach", "re-attached"),
                    ("import", "imported the claim"),
                ],
                max_length=40,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="language",
            field=models.CharField(default="en", editable=False, max_length=16),
        ),
        migrations.AddField(
            model_name="claim",
            name="search_tags",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="language",
            field=models.CharField(default="en", editable=False, max_length=16),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="search_tags",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="claim",
            name="see_also",
            field=models.ManyToManyField(
                blank=True,
                help_text="Related earlier checks (recorded on both claims).",
                to="claims.claim",
            ),
        ),
        migrations.RunPython(fill_language_and_tags, migrations.RunPython.noop),
        migrations.AddField(
            model_name="claim",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=factcheck.core.search.WeightedDocument(
                    "language",
                    ("claim_text", "A"),
                    ("quote", "B"),
                    ("claimant", "C"),
                    ("search_tags", "C"),
                    ("rationale", "D"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="published_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=factcheck.core.search.WeightedDocument(
                    "language",
                    ("published_claim_text", "A"),
                    ("quote", "B"),
                    ("claimant", "C"),
                    ("search_tags", "C"),
                    ("published_rationale", "D"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        *(
            factcheck.core.search.PostgresOnlyAddIndex(model_name="claim", index=index)
            for index in (
                django.contrib.postgres.indexes.GinIndex(
                    fields=["search_document"], name="claim_search_gin", fastupdate=False
                ),
                django.contrib.postgres.indexes.GinIndex(
                    fields=["published_document"],
                    name="claim_published_search_gin",
                    fastupdate=False,
                ),
                django.contrib.postgres.indexes.GinIndex(
                    fields=["claim_text"],
                    name="claim_text_trgm",
                    fastupdate=False,
                    opclasses=["gin_trgm_ops"],
                ),
                django.contrib.postgres.indexes.GinIndex(
                    fields=["published_claim_text"],
                    name="claim_published_text_trgm",
                    fastupdate=False,
                    opclasses=["gin_trgm_ops"],
                ),
            )
        ),
    ]
