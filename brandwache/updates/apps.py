from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpdatesConfig(AppConfig):
    name = "brandwache.updates"
    label = "updates"
    verbose_name = _("Customer updates")

    def ready(self) -> None:
        from brandwache.cases.signals import event_recorded
        from brandwache.updates.service import on_event_recorded

        event_recorded.connect(on_event_recorded, dispatch_uid="updates.on_event_recorded")
