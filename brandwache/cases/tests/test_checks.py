from django.db import connection

from brandwache.cases.checks import check_production_settings


def ids(problems):
    return {problem.id for problem in problems}


def test_it_warns_about_defaults_a_deployment_must_change(settings):
    settings.DEBUG = True
    assert {"brandwache.E001", "brandwache.W002"} <= ids(check_production_settings())


def test_it_is_quiet_about_mail_and_debug_when_they_are_configured(settings):
    settings.DEBUG = False
    settings.BRANDWACHE_MESSAGE_ID_DOMAIN = "service.example.ch"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    assert ids(check_production_settings()) <= {"brandwache.W003"}


def test_it_warns_about_sqlite_only_on_sqlite():
    on_sqlite = connection.vendor == "sqlite"
    assert ("brandwache.W003" in ids(check_production_settings())) == on_sqlite
