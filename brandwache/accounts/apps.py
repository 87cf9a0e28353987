from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "brandwache.accounts"
    label = "accounts"
    verbose_name = _("Logins")

    def ready(self) -> None:
        from brandwache.accounts import checks  # noqa: F401  (registers the system checks)
