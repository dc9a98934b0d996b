"""Create the Reviewer and Editor groups with their model permissions (docs/product.md §1)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["view"]
WRITE = ["view", "add", "change"]

ROLE_PERMISSIONS = {
    "Reviewer": {
        "articles.article": WRITE,
        "articles.articlerevision": WRITE,
        "claims.claim": WRITE,
        "claims.evidencelink": WRITE,
        "claims.comment": WRITE,
        "claims.tag": WRITE,
        "claims.reviewevent": READ,
        "claims.rating": READ,
        "claims.verdictscale": READ,
    },
    "Editor": {
        "articles.article": WRITE,
        "articles.articlerevision": WRITE,
        "claims.claim": WRITE,
        "claims.evidencelink": WRITE,
        "claims.comment": WRITE,
        "claims.tag": WRITE,
        "claims.reviewevent": READ,
        "claims.rating": READ,
        "claims.verdictscale": READ,
        "accounts.user": READ,
    },
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model_label, verbs in grants.items():
            app_label, model = model_label.split(".")
            codenames = [f"{verb}_{model}" for verb in verbs]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("accounts", "0001_initial"),
        ("articles", "0001_initial"),
        ("claims", "0002_default_verdict_scale"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
