from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnswersConfig(AppConfig):
    name = "brandwache.answers"
    label = "answers"
    verbose_name = _("Knowledge base and answers")

    def ready(self) -> None:
        from brandwache.answers import signals

        signals.connect()
