from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "brandwache.routing"
    label = "routing"
    verbose_name = _("Paten and routing")

    def ready(self) -> None:
        from brandwache.cases.signals import event_recorded
        from brandwache.routing.engine import route_on_event, route_on_triage
        from brandwache.triage.signals import message_triaged

        event_recorded.connect(route_on_event, dispatch_uid="routing.route_on_event")
        message_triaged.connect(route_on_triage, dispatch_uid="routing.route_on_triage")
