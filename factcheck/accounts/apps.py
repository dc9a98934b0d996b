from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "factcheck.accounts"
    label = "accounts"

    def ready(self) -> None:
        from factcheck.accounts import signin  # noqa: F401  (connects the failed sign-in count)
