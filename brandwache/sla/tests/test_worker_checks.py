"""System checks of the worker settings: leases and attempt counts."""

from brandwache.sla.checks import check_worker_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def ids() -> set[str]:
    return {problem.id for problem in check_worker_settings()}


def test_the_defaults_pass(settings):
    settings.MAILERS = {"default": {"BACKEND": SMTP, "OPTIONS": {"timeout": 30}}}
    assert ids() == set()


def test_a_lease_or_attempt_count_below_one_is_an_error(settings):
    settings.BRANDWACHE_TASK_LEASE_SECONDS = 0
    settings.BRANDWACHE_TASK_ATTEMPTS = 0
    settings.BRANDWACHE_DELIVERY_ATTEMPTS = -1
    assert {"brandwache.sla.E003", "brandwache.sla.E004", "brandwache.sla.E005"} <= ids()


def test_a_lease_shorter_than_twice_the_mail_timeout_is_warned_about(settings):
    settings.BRANDWACHE_TASK_LEASE_SECONDS = 50
    settings.MAILERS = {"default": {"BACKEND": SMTP, "OPTIONS": {"timeout": 30}}}
    assert ids() == {"brandwache.sla.W001"}
