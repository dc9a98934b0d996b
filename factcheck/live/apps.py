from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "factcheck.live"
    label = "live"
