"""The claims' four GIN indexes keep a pending list of at most 64 kB (they had none): an insert
costs about half (bench/README.md, "GIN pending list"). Changed in place (ALTER INDEX), not
rebuilt; PostgreSQL only, as the indexes are."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEXES = (
    ("search_document", "claim_search_gin", False),
    ("published_document", "claim_published_search_gin", False),
    ("claim_text", "claim_text_trgm", True),
    ("published_claim_text", "claim_published_text_trgm", True),
)


def _alter(options: str, reset: str = ""):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for _field, name, _trigrams in INDEXES:
            schema_editor.execute(f"ALTER INDEX {name} SET ({options})")
            if reset:
                schema_editor.execute(f"ALTER INDEX {name} RESET ({reset})")

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_imported_claims_search_tags")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                operation
                for field, name, trigrams in INDEXES
                for operation in (
                    migrations.RemoveIndex(model_name="claim", name=name),
                    migrations.AddIndex(
                        model_name="claim",
                        index=GinIndex(
                            fields=[field],
                            name=name,
                            opclasses=["gin_trgm_ops"] if trigrams else [],
                            fastupdate=True,
                            gin_pending_list_limit=64,
                        ),
                    ),
                )
            ],
            database_operations=[
                migrations.RunPython(
                    _alter("fastupdate = on, gin_pending_list_limit = 64"),
                    _alter("fastupdate = off", reset="gin_pending_list_limit"),
                )
            ],
        )
    ]
