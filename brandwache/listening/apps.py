from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListeningConfig(AppConfig):
    name = "brandwache.listening"
    label = "listening"
    verbose_name = _("Listening")

    def ready(self) -> None:
        # Registers the "listening" intake channel that public posts reach cases through.
        from brandwache.listening import channel  # noqa: F401
