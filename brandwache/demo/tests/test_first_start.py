from __future__ import annotations

import stat

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User

from brandwache.cases.models import Case
from brandwache.demo.data import load_demo
from brandwache.demo.firststart import first_start, login_line, login_url, password_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    return tmp_path


def test_the_first_start_creates_the_admin_once_and_shows_the_password_once():
    first = first_start(demo=False)
    assert first.admin_password
    line = login_line("127.0.0.1:8000", first)
    assert line == f"Login: http://127.0.0.1:8000/login/ user admin password {first.admin_password}"
    admin = authenticate(username="admin", password=first.admin_password)
    assert admin is not None and admin.is_superuser

    second = first_start(demo=False)
    assert second.admin_password is None
    assert first.admin_password not in login_line("127.0.0.1:8000", second)
    assert User.objects.count() == 1


def test_the_password_is_kept_where_only_its_owner_can_read_it():
    start = first_start(demo=False)
    path = password_file()
    assert path.read_text() == start.admin_password + "\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(path) in login_line("127.0.0.1:8000", first_start(demo=False))


def test_no_admin_is_created_when_someone_can_log_in_already():
    User.objects.create_user("nina", password="x" * 20)
    assert first_start(demo=True).admin_password is None
    assert not password_file().exists()
    assert not Case.objects.exists()


def test_demo_staff_without_passwords_do_not_count_as_someone_who_can_log_in():
    load_demo()
    start = first_start(demo=True)
    assert start.admin_password is not None
    assert authenticate(username="admin", password=start.admin_password) is not None
    assert start.demo is not None and start.demo.loaded == []


def test_the_first_start_loads_the_demo():
    start = first_start(demo=True)
    assert start.demo is not None and start.demo.loaded
    assert Case.objects.count() >= 12


def test_the_first_start_can_leave_the_demo_out():
    start = first_start(demo=False)
    assert start.demo is None
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("bind", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/login/"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000/login/"),
        ("[::1]:8001", "http://[::1]:8001/login/"),
        ("[::]:8002", "http://127.0.0.1:8002/login/"),
        ("localhost", "http://localhost:8000/login/"),
        ("unix:/run/brandwache.sock", "unix:/run/brandwache.sock /login/"),
    ],
)
def test_the_login_link_follows_the_bind_address(bind, url):
    assert login_url(bind) == url
