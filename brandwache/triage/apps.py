from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "brandwache.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self) -> None:
        from brandwache.cases.signals import event_recorded
        from brandwache.triage.tasks import queue_triage

        event_recorded.connect(queue_triage, dispatch_uid="triage.queue_triage")
