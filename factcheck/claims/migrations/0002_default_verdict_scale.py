"""Install the default verdict scale (docs/product.md §2)."""

from django.db import migrations

DEFAULT_RATINGS = [
    # slug, label, colour, value, description
    ("true", "True", "#1a7f37", 5, "The claim is accurate and nothing significant is missing."),
    ("mostly-true", "Mostly true", "#4d9a2a", 4,
     "The claim is accurate but needs clarification or additional information."),
    ("half-true", "Half true", "#b08800", 3,
     "The claim is partially accurate but leaves out important details or takes things out of context."),
    ("mostly-false", "Mostly false", "#d1570f", 2,
     "The claim contains an element of truth but ignores critical facts that would give a different impression."),
    ("false", "False", "#cf222e", 1, "The claim is not accurate."),
    ("misleading", "Misleading", "#8250df", None,
     "The facts may be accurate but are presented in a way that leads to a false conclusion."),
    ("unverifiable", "Unverifiable", "#57606a", None,
     "The available evidence can neither confirm nor refute the claim."),
]


def install(apps, schema_editor):
    VerdictScale = apps.get_model("claims", "VerdictScale")
    Rating = apps.get_model("claims", "Rating")
    scale, created = VerdictScale.objects.get_or_create(
        slug="default", defaults={"name": "Default scale", "is_active": True, "best": 5, "worst": 1}
    )
    for order, (slug, label, color, value, description) in enumerate(DEFAULT_RATINGS):
        Rating.objects.get_or_create(
            scale=scale, slug=slug,
            defaults={"label": label, "color": color, "value": value,
                      "description": description, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
