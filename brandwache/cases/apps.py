from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "brandwache.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from brandwache.cases import checks  # noqa: F401  (registers the system checks)
        from brandwache.cases.roles import create_roles_after_migrate

        # Sent once per app after migrate (and after a test flush), after the handler
        # that creates that app's permissions.
        post_migrate.connect(create_roles_after_migrate, dispatch_uid="brandwache-roles")
