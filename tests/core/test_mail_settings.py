"""Notification mail: the console in development, SMTP from EMAIL_URL in production, locmem in
tests (so tests/reviews/test_notifications.py reads what was sent)."""

from django.core import mail
from django.core.mail import mailers

from tests.core.test_settings import PROD, manage

SECRET = "x" * 20 + "-a-long-random-production-secret-0123456789"
SHOW = "from django.core.mail import mailers; m = mailers.default; print(type(m).__module__)"


def test_development_prints_mail_to_the_console():
    shown = manage("shell", "-c", SHOW, DEBUG="true", EMAIL_URL="")
    assert "backends.console" in shown.stdout, shown.stdout + shown.stderr


def test_production_sends_through_the_smtp_server_of_email_url():
    show = SHOW + "; print(m.host, m.port, m.username, m.use_tls)"
    shown = manage("shell", "-c", show, **PROD, SECRET_KEY=SECRET,
                   EMAIL_URL="smtp+tls://bot:pw@mail.example.org:587")  # fmt: skip
    assert "backends.smtp" in shown.stdout, shown.stdout + shown.stderr
    assert "mail.example.org 587 bot True" in shown.stdout


def test_tests_keep_mail_in_memory():
    assert type(mailers.default).__module__.endswith("backends.locmem")
    assert mail.outbox == []
