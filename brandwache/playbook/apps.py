from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlaybookConfig(AppConfig):
    name = "brandwache.playbook"
    label = "playbook"
    verbose_name = _("Complaint playbook")

    def ready(self) -> None:
        from brandwache.cases.signals import event_recorded
        from brandwache.playbook.actions import review_sent_reply

        event_recorded.connect(review_sent_reply, dispatch_uid="playbook.review_sent_reply")
