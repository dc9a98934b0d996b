"""Published versions (issue 15): the immutable record of what the public sees of a claim.

Creates the table and the claim's pointer to its latest version, one version for every claim
that is published or retracted today (from the published snapshot and the claim's evidence,
tags and target as they are now: the best record there is), and on PostgreSQL a trigger that
refuses any UPDATE or DELETE of a version, raw SQL included.
"""

import re

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import factcheck.core.search
from django.conf import settings
from django.db import migrations, models

ORGANISATION_WORDS = re.compile(
    r"\b(times|news|post|press|journal|herald|tribune|inc|ltd|llc|corp|corporation|company|"
    r"co|group|agency|ministry|department|government|council|party|university|institute|"
    r"association|foundation|bank|office|committee|commission|bureau|service|network|media|"
    r"tv|radio|magazine|gazette|daily|weekly|club|union|federation|organisation|organization)\b",
    re.IGNORECASE,
)
PUBLIC_ACTIONS = ("publish", "correct", "retract")


def _name(user):
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name}".strip() or user.username


def _claimant_kind(name):
    if not name.strip():
        return ""
    return "organisation" if ORGANISATION_WORDS.search(name) else "person"


def _evidence(claim):
    return [
        {
            "id": e.pk,
            "url": e.url,
            "title": e.title,
            "publisher": e.publisher,
            "excerpt": e.excerpt,
            "stance": e.stance,
            "accessed_on": e.accessed_on.isoformat() if e.accessed_on else None,
            "archived_url": e.archived_url or None,
        }
        for e in sorted(claim.evidence_links.all(), key=lambda e: e.pk)
        if not e.is_removed
    ]


def create_versions(apps, schema_editor):
    """One version per claim that the public has seen: published, or retracted after it was."""
    Claim = apps.get_model("claims", "Claim")
    ReviewEvent = apps.get_model("claims", "ReviewEvent")
    PublishedVersion = apps.get_model("claims", "PublishedVersion")
    claims = (
        Claim.objects.filter(published_at__isnull=False, status__in=["published", "retracted"])
        .select_related("revision", "published_verdict", "author", "approver")
        .prefetch_related("evidence_links", "tags")
        .order_by("pk")
    )
    for claim in claims.iterator(chunk_size=500):
        events = list(
            ReviewEvent.objects.filter(claim_id=claim.pk, action__in=PUBLIC_ACTIONS)
            .order_by("at", "id")
            .values_list("action", "note", "at", "actor_id")
        )
        actions = {action for action, *_ in events}
        if claim.status == "retracted":
            kind = "retraction"
        elif "correct" in actions:
            kind = "correction"
        else:
            kind = "publication"
        last = events[-1] if events else (None, "", claim.published_at, None)
        # A correction's public note is on its "correct" event (which, since issue 15, another
        # editor's "publish" follows).
        note = next((n for a, n, *_ in reversed(events) if a == "correct"), "") if (
            kind == "correction"
        ) else last[1]
        verdict = claim.published_verdict
        tags = sorted(t.name for t in claim.tags.all())
        version = PublishedVersion.objects.create(
            claim_id=claim.pk,
            number=1,
            kind=kind,
            note=note,
            article_id=claim.article_id,
            revision_id=claim.revision_id,
            revision_number=claim.revision.number,
            start=claim.start,
            end=claim.end,
            quote=claim.quote,
            prefix=claim.prefix,
            suffix=claim.suffix,
            anchor_state=claim.anchor_state,
            claim_text=claim.published_claim_text or claim.claim_text,
            claimant=claim.claimant,
            claimant_kind=_claimant_kind(claim.claimant),
            verdict=verdict,
            verdict_slug=verdict.slug if verdict else "",
            verdict_label=verdict.label if verdict else "",
            rationale=claim.published_rationale,
            evidence=_evidence(claim),
            tags=tags,
            search_tags=" ".join(tags),
            author_id=claim.author_id,
            author_name=_name(claim.author),
            approver_id=claim.approver_id,
            approver_name=_name(claim.approver),
            published_by_id=last[3],
            original_creator=claim.original_creator,
            original_id=claim.original_id,
            claim_created_at=claim.created_at,
            approved_at=claim.approved_at,
            first_published_at=claim.published_at,
            published_at=last[2] or claim.published_at,
            language=claim.language,
        )
        Claim.objects.filter(pk=claim.pk).update(public_version=version)


IMMUTABLE_SQL = """
CREATE FUNCTION claims_publishedversion_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A published version is an immutable record (% refused).', TG_OP
        USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER claims_publishedversion_immutable
    BEFORE UPDATE OR DELETE ON claims_publishedversion
    FOR EACH ROW EXECUTE FUNCTION claims_publishedversion_immutable();
"""
MUTABLE_SQL = """
DROP TRIGGER IF EXISTS claims_publishedversion_immutable ON claims_publishedversion;
DROP FUNCTION IF EXISTS claims_publishedversion_immutable();
"""


def add_public_version(apps, schema_editor):
    """Add `Claim.public_version`. On SQLite a plain AddField would rebuild the claims table and
    re-create every index in the model state, PostgreSQL's GIN indexes included (SQLite never
    had them): there, add the nullable column and its unique index directly."""
    if schema_editor.connection.vendor != "sqlite":
        model, field = _public_version_field(apps)
        schema_editor.add_field(model, field)
        return
    schema_editor.execute(
        "ALTER TABLE claims_claim ADD COLUMN public_version_id integer NULL "
        "REFERENCES claims_publishedversion (id) DEFERRABLE INITIALLY DEFERRED"
    )
    schema_editor.execute(
        "CREATE UNIQUE INDEX claims_claim_public_version_id_uniq "
        "ON claims_claim (public_version_id)"
    )


def drop_public_version(apps, schema_editor):
    schema_editor.remove_field(*_public_version_field(apps))


def _public_version_field(apps):
    """The field as the state operation declares it, on the historical Claim (the database
    operations of SeparateDatabaseAndState see the state before it)."""
    model = apps.get_model("claims", "Claim")
    field = models.OneToOneField(
        apps.get_model("claims", "PublishedVersion"), blank=True, editable=False, null=True,
        on_delete=models.PROTECT, related_name="current_for",
    )
    field.contribute_to_class(model, "public_version")
    return model, field


def _postgres_only(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search_document"),
        ("claims", "0005_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(help_text="1, 2, ... per claim.")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("publication", "Published"),
                            ("correction", "Corrected"),
                            ("retraction", "Retracted"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="The public note (correction, retraction)."
                    ),
                ),
                ("revision_number", models.PositiveIntegerField()),
                ("start", models.PositiveIntegerField()),
                ("end", models.PositiveIntegerField()),
                ("quote", models.TextField()),
                ("prefix", models.TextField(blank=True)),
                ("suffix", models.TextField(blank=True)),
                (
                    "anchor_state",
                    models.CharField(
                        choices=[
                            ("exact", "Exact"),
                            ("moved", "Moved"),
                            ("fuzzy", "Fuzzy"),
                            ("orphaned", "Orphaned"),
                        ],
                        max_length=10,
                    ),
                ),
                ("claim_text", models.TextField()),
                ("claimant", models.CharField(blank=True, max_length=300)),
                (
                    "claimant_kind",
                    models.CharField(
                        blank=True,
                        choices=[("person", "Person"), ("organisation", "Organisation")],
                        max_length=12,
                    ),
                ),
                ("verdict_slug", models.CharField(blank=True, max_length=50)),
                ("verdict_label", models.CharField(blank=True, max_length=100)),
                ("rationale", models.TextField(blank=True, help_text="Markdown")),
                (
                    "evidence",
                    models.JSONField(
                        blank=True, default=list, help_text="The live links, as the API."
                    ),
                ),
                (
                    "tags",
                    models.JSONField(blank=True, default=list, help_text="Tag names, sorted."),
                ),
                ("author_name", models.CharField(max_length=300)),
                ("approver_name", models.CharField(blank=True, max_length=300)),
                ("original_creator", models.CharField(blank=True, max_length=300)),
                ("original_id", models.CharField(blank=True, max_length=2000)),
                ("claim_created_at", models.DateTimeField()),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "first_published_at",
                    models.DateTimeField(help_text="When the claim first went public."),
                ),
                ("published_at", models.DateTimeField(help_text="When this version went public.")),
                ("language", models.CharField(default="en", max_length=16)),
                ("search_tags", models.TextField(blank=True, default="")),
                (
                    "search_document",
                    models.GeneratedField(
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
                (
                    "approver",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="published_versions",
                        to="claims.claim",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="articles.articlerevision",
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="claims.rating",
                    ),
                ),
            ],
            options={
                "ordering": ["claim_id", "number"],
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="claim",
                    name="public_version",
                    field=models.OneToOneField(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="current_for",
                        to="claims.publishedversion",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_public_version, drop_public_version)],
        ),
        migrations.AddIndex(
            model_name="publishedversion",
            index=models.Index(fields=["article", "claim"], name="version_article_claim"),
        ),
        migrations.AddConstraint(
            model_name="publishedversion",
            constraint=models.UniqueConstraint(
                fields=("claim", "number"), name="version_number_per_claim"
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__gte", 1)), name="version_number_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["publication", "correction", "retraction"])),
                name="version_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedversion",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__lt", models.F("end"))), name="version_start_before_end"
            ),
        ),
        # After the constraints: on SQLite each AddConstraint rebuilds the table from the model
        # state, which must not hold PostgreSQL's GIN indexes yet.
        factcheck.core.search.PostgresOnlyAddIndex(
            model_name="publishedversion",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False, fields=["search_document"], name="version_search_gin"
            ),
        ),
        factcheck.core.search.PostgresOnlyAddIndex(
            model_name="publishedversion",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False,
                fields=["claim_text"],
                name="version_claim_text_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ),
        migrations.RunPython(create_versions, migrations.RunPython.noop),
        migrations.RunPython(_postgres_only(IMMUTABLE_SQL), _postgres_only(MUTABLE_SQL)),
    ]
