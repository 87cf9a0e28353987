from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "brandwache.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from brandwache.cases import checks  # noqa: F401  (registers the system checks)
