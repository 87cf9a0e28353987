from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "brandwache.web"
    verbose_name = _("Agent interface")

    def ready(self) -> None:
        from brandwache import textsearch

        # Searches find "Zürich" for "ZÜRICH" on SQLite too.
        textsearch.install()
        connection_created.connect(textsearch.register_functions, dispatch_uid="brandwache-fold")
