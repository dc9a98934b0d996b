"""Re-create what the data migrations install (roles, default verdict scale), idempotently."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from factcheck.claims.models import VerdictScale

_scale = import_module("factcheck.claims.migrations.0002_default_verdict_scale")
_roles = import_module("factcheck.reviews.migrations.0001_roles")


def ensure_seed_data() -> None:
    if Group.objects.filter(name__in=_roles.ROLE_PERMISSIONS).count() < len(
        _roles.ROLE_PERMISSIONS
    ):
        for role, grants in _roles.ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=role)
            for model_label, verbs in grants.items():
                app_label, model = model_label.split(".")
                codenames = [f"{verb}_{model}" for verb in verbs]
                group.permissions.add(*Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames))  # fmt: skip
    if not VerdictScale.objects.filter(is_active=True).exists():
        _scale.install(apps, None)
