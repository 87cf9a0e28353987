from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "brandwache.intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        # Importing the channel package registers every built-in channel.
        from brandwache.intake import channels  # noqa: F401
