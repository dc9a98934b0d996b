"""`manage.py loaddemo`: demo users, the seed article and its claims (docs/api.md "Demo data")."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from factcheck.core.errors import DomainError
from factcheck.reviews.demo.loader import DEMO_PASSWORD, DEMO_USERS, DemoDataError, load_demo

REFUSED_WITHOUT_DEBUG = (
    "loaddemo creates users with the well-known password 'demo', so it refuses to run when "
    "DEBUG is off. Re-run with --force if you really want demo data on this site."
)
LOAD_FAILED = "The demo could not be loaded (nothing was written): {error}"


class Command(BaseCommand):
    help = (
        "Create the demo users (password 'demo'), the seed article and its claims in every "
        "workflow status. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (e.g. a staging site)."
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Set the password of demo users that already exist back to 'demo'.",
        )

    def handle(self, *args, force=False, reset_passwords=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        log = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)
        try:
            report = load_demo(reset_passwords=reset_passwords, log=log)
        except (DemoDataError, ValidationError, PermissionDenied, DomainError) as e:
            detail = (
                "; ".join(f"{k}: {v}" for k, v in e.message_dict.items())
                if hasattr(e, "message_dict")
                else str(e)
            )
            raise CommandError(LOAD_FAILED.format(error=detail)) from e
        if options["verbosity"] > 0:
            self._summary(report)

    def _summary(self, report) -> None:
        if report.article_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded: article #{report.article.pk} with {len(report.claims)} claims."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("The demo is already loaded."))
        users = ", ".join(name for name, _, _ in DEMO_USERS)
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'): {users}")
