from django.test import RequestFactory

from brandwache.client import client_ip


def test_only_a_valid_address_is_taken_from_the_request():
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
    assert client_ip(factory.get("/", REMOTE_ADDR="203.0.113.5")) == "203.0.113.5"
    assert client_ip(factory.get("/", REMOTE_ADDR="unknown, 10.0.0.1")) is None
    assert client_ip(factory.get("/", REMOTE_ADDR="")) is None
