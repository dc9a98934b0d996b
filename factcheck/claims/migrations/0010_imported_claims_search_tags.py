"""Imported claims (claims.services.imports) were saved without `search_tags` and `language`:
their search document missed their tags and used English. Fill both as a claim made in the
app has them (its tag names; its article's language)."""

from django.db import migrations


def fill(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    imported = Claim.objects.filter(events__action="import").select_related("article").distinct()
    for claim in imported.iterator(chunk_size=500):
        tags = " ".join(sorted(claim.tags.values_list("name", flat=True)))
        language = claim.article.language
        if (claim.search_tags, claim.language) != (tags, language):
            Claim.objects.filter(pk=claim.pk).update(search_tags=tags, language=language)


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_event_action_assign")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
