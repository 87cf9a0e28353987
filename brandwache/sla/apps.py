from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "brandwache.sla"
    label = "sla"
    verbose_name = _("Service levels")

    def ready(self) -> None:
        from brandwache.cases.signals import event_recorded
        from brandwache.sla import checks  # noqa: F401  (registers the system checks)
        from brandwache.sla.clocks import on_event

        event_recorded.connect(on_event, dispatch_uid="sla.clocks.on_event")
