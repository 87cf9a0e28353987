"""The access matrix: every URL of the project × seven kinds of visitor.

The URLs come from the resolver, so a new URL without a rule in `RULES` (or, in
the admin, of a kind `admin_rule` does not know) fails the test until someone
decides who may open it. Each URL is requested with GET and POST as anonymous,
a user without a role, an agent of team A, an agent of team B, a staff-flagged
agent of team B who edits the FAQ, a team lead and a superuser; its parameters
are real objects of team A. The test asserts the outcome each visitor must get,
that team A's data (the customer's address, the case's subject, its status
token) appears only where that visitor may read it, and that a refused visitor
changed nothing. The matrix is written to `.pytest_cache/access-matrix.txt`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from brandwache.listening.models import Source
from tests.access_world import ROLES, World, build_world, fingerprint, holds_customer_data

PUBLIC, SECRET, LOGIN, AGENT, TEAM, LEAD = "public", "link", "login", "agent", "team", "lead"
# Machine-to-machine URLs that take a bearer token instead of a login: no visitor has one.
TOKEN = "token"
# URL name: (who may open it, the methods it answers). Another method must get 405 or
# the same access decision. A new URL needs a line here.
RULES: dict[str, tuple[str, str]] = {
    "login": (PUBLIC, "GET POST"),
    "logout": (PUBLIC, "POST"),
    "set_language": (PUBLIC, "GET POST"),
    "accounts:login_code": (PUBLIC, "GET POST"),
    "accounts:two_factor": (LOGIN, "GET POST"),
    "accounts:two_factor_remove": (LOGIN, "POST"),
    "public:complaint": (PUBLIC, "GET POST"),
    "public:complaint_en": (PUBLIC, "GET POST"),
    "public:complaint_thanks": (PUBLIC, "GET"),
    "public:complaint_thanks_en": (PUBLIC, "GET"),
    "public:complaint_received": (SECRET, "GET"),
    "public:complaint_received_en": (SECRET, "GET"),
    "public:status": (SECRET, "GET"),
    "public:status_renew": (SECRET, "POST"),
    "web:inbox": (AGENT, "GET"),
    "web:case": (TEAM, "GET"),
    "web:case_reply": (TEAM, "POST"),
    "web:case_note": (TEAM, "POST"),
    "web:case_retry": (TEAM, "POST"),
    "web:case_assign": (TEAM, "POST"),
    "web:case_status": (TEAM, "POST"),
    "web:case_priority": (TEAM, "POST"),
    "web:case_category": (TEAM, "POST"),
    "web:case_subject": (TEAM, "POST"),
    "web:case_merge": (TEAM, "POST"),
    "web:attachment": (TEAM, "GET"),
    "web:contact": (TEAM, "GET"),
    "web:contact_merge": (TEAM, "POST"),
    "web:contact_add_identity": (TEAM, "POST"),
    "web:new_entry": (AGENT, "GET POST"),
    "web:intake_problems": (AGENT, "GET"),
    "web:intake_reprocess_all": (LEAD, "POST"),
    "web:intake_reprocess": (LEAD, "POST"),
    "web:intake_raw": (LEAD, "GET"),
    "notifications:list": (LOGIN, "GET"),
    "notifications:read": (LOGIN, "POST"),
    "notifications:read_all": (LOGIN, "POST"),
    "routing:hand_to_pate": (TEAM, "POST"),
    "routing:paten": (AGENT, "GET"),
    "triage:correct": (TEAM, "POST"),
    "answers:insert": (TEAM, "POST"),
    "answers:faq": (PUBLIC, "GET"),
    "answers:faq_en": (PUBLIC, "GET"),
    "playbook:check": (TEAM, "POST"),
    "playbook:gesture": (TEAM, "POST"),
    "playbook:complaint": (TEAM, "POST"),
    "sla:soon": (AGENT, "GET"),
    "sla:report": (LEAD, "GET"),
    "sla:report_csv": (LEAD, "GET"),
    "listening:page": (AGENT, "GET"),
    "listening:webhook": (TOKEN, "POST"),
}
# Who reads team A's data where the URL lets them in at all.
SEES_TEAM_A = {"agent_a", "lead", "admin"}
# The admin's views of one row; the bare `<object_id>/` only redirects to "change".
ADMIN_OBJECT_VIEWS = ("change", "history", "delete")


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name, or its pattern when it has none
    name: str
    pattern: str
    params: tuple[str, ...]
    model: type[Model] | None  # the model of a per-model admin URL
    view: str  # admin: changelist, add, change, …; else ""


def _params(pattern: URLPattern | URLResolver) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def _walk(
    patterns: list[Any], prefix: str, namespace: str, params: list[str], model: Any
) -> Iterator[Route]:
    models = {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                f"{namespace}:{inner}".strip(":") if inner else namespace,
                params + _params(pattern),
                models.get(str(pattern.pattern), model),
            )
            continue
        name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
        full = prefix + str(pattern.pattern)
        view = ""
        if model is not None:
            suffix = name.rsplit("_", 1)[-1] if name else "object"
            view = suffix if name or full.endswith("<path:object_id>/") else "other"
        yield Route(name or full, name, full, tuple(params + _params(pattern)), model, view)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "/", "", [], None))


ROUTES = all_routes()

# -- filling in parameters ----------------------------------------------------------------


def _admin_row(world: World, route: Route) -> Model:
    assert route.model is not None
    row = world.objects.get(route.model)
    assert row is not None, f"the access world has no {route.model.__name__}: add one"
    return row


def url_for(route: Route, world: World, *, guessed: bool = False) -> str:
    """The URL with real objects of team A (a guessed token for secret links, if asked)."""
    if route.pattern.endswith("(?P<url>.*)$"):
        return reverse("admin:index") + "no-such-page/"
    values: dict[str, object] = {}
    for param in route.params:
        if param == "reference":
            values[param] = world.case.reference
        elif param == "token":
            receipt = route.name.startswith("public:complaint_received")
            token = world.receipt if receipt else world.token
            values[param] = token[:-4] + "AAAA" if guessed else token
        elif route.name == "admin:view_on_site":
            contact = world.contact
            values[param] = contact.pk
            if param == "content_type_id":
                values[param] = ContentType.objects.get_for_model(contact).pk
        elif param in ("object_id", "id") or (param == "pk" and route.model is not None):
            values[param] = _admin_row(world, route).pk
        elif param == "source_id":
            values[param] = Source.objects.get(kind="webhook").pk
        elif param == "app_label":
            values[param] = "cases"
        elif param == "pk":
            values[param] = {
                "web:attachment": world.attachment_pk,
                "web:contact": world.contact.pk,
                "web:contact_merge": world.contact.pk,
                "web:contact_add_identity": world.contact.pk,
                "web:intake_reprocess": world.failed_raw.pk,
                "web:intake_raw": world.failed_raw.pk,
                "notifications:read": world.notification.pk,
                "triage:correct": world.triage.pk,
            }[route.key]
        else:
            raise AssertionError(f"{route.key}: say how to fill in the parameter {param!r}")
    if route.view == "object":
        changelist = f"admin:{route.model._meta.app_label}_{route.model._meta.model_name}"
        return reverse(f"{changelist}_changelist") + f"{values['object_id']}/"
    return reverse(route.name, kwargs=values)


def post_data(route: Route, world: World) -> dict[str, object]:
    """A valid form for the write URLs: a refused visitor must not get it through."""
    data: dict[str, dict[str, object]] = {
        "web:case_reply": {"text": "Eindringling schreibt dem Kunden."},
        "web:case_note": {"text": "Eindringling notiert."},
        "web:case_assign": {"team": world.team_b.pk, "owner": ""},
        "web:case_status": {"status": "closed"},
        "web:case_priority": {"priority": "urgent"},
        "web:case_subject": {"subject": "Übernommen"},
        "web:case_merge": {"target": world.other_case.reference},
        "web:contact_merge": {"identity": "hugo.teama@example.ch"},
        "web:contact_add_identity": {"kind": "email", "value": "intruder@example.org"},
        "playbook:gesture": {"kind": "voucher", "value": "50", "currency": "CHF"},
        "playbook:complaint": {"is_complaint": "no"},
        "triage:correct": {"label": "sentiment", "value": "positive"},
        "answers:insert": {
            "item": f"article:{world.article.pk}",
            "message": world.message.pk,
            "rank": 1,
            "score": 0.5,
        },
    }
    return data.get(route.key, {})


# -- what each visitor must get -----------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    text: str  # for the failure message
    check: Callable[[int, str], bool]  # status, Location
    reads_team_a: bool = False
    reads_token: bool = False


def _let_in(status: int, location: str) -> bool:
    """Neither refused nor sent to log in; a form's 400 is an answer too."""
    refused = status in (401, 403, 404, 405) or status >= 500
    return not refused and not (status == 302 and location.startswith(reverse("login")))


OK = Outcome("let in (not 401/403/404/405/5xx, not sent to log in)", _let_in)
PUBLIC_PAGE = Outcome(
    "an answer (not 401/403/404/5xx)", lambda s, loc: s < 500 and s not in (401, 403, 404)
)
TO_LOGIN = Outcome(
    "a redirect to the login page", lambda s, loc: s == 302 and loc.startswith(reverse("login"))
)
FORBIDDEN = Outcome("403", lambda s, loc: s == 403)
NOT_FOUND = Outcome("404", lambda s, loc: s == 404)
TO_ADMIN_LOGIN = Outcome(
    "a redirect to the admin login",
    lambda s, loc: s == 302 and loc.startswith(reverse("admin:login")),
)
NOT_SHOWN = Outcome(
    "403, or the admin's “does not exist” redirect",
    lambda s, loc: s == 403 or (s == 302 and not loc.startswith(reverse("admin:login"))),
)
ANY_ANSWER = Outcome("any answer but a server error", lambda s, loc: s < 500)


def _reads(outcome: Outcome, role: str) -> Outcome:
    """The outcome, for a visitor who may read team A's data if they are one of its readers."""
    return Outcome(outcome.text, outcome.check, reads_team_a=role in SEES_TEAM_A)


def app_rule(kind: str, role: str) -> Outcome:
    if kind == PUBLIC:
        return PUBLIC_PAGE
    if kind == TOKEN:  # no login opens it, and nobody here holds the source's token
        return Outcome("401 without the token", lambda s, loc: s == 401)
    if kind == SECRET:  # the holder of the link, whoever they are
        return Outcome(
            "200, or 410 for an expired link",
            lambda s, loc: s in (200, 410),
            reads_team_a=True,
            reads_token=True,
        )
    if role == "anonymous":
        return TO_LOGIN
    if kind == LOGIN:
        return _reads(OK, role)
    if role == "no_role":
        return FORBIDDEN
    if kind == AGENT:
        return _reads(OK, role)
    if kind == TEAM:
        return _reads(OK, role) if role in SEES_TEAM_A else NOT_FOUND
    assert kind == LEAD, kind
    return _reads(OK, role) if role in ("lead", "admin") else FORBIDDEN


def admin_rule(route: Route, role: str, method: str) -> Outcome:
    """Only staff get past the admin's login; staff see only what their teams may see."""
    if route.pattern.endswith("(?P<url>.*)$"):
        return Outcome("404 or the admin login", lambda s, loc: s in (302, 404))
    if route.name in ("admin:login", "admin:logout"):
        return PUBLIC_PAGE
    if role not in ("staff_b", "admin"):
        return TO_ADMIN_LOGIN
    if role == "admin":
        if route.view in ("changelist", "change") and method == "GET":
            # A superuser may read team A's data, but never a status token.
            return Outcome("200 (superuser)", lambda s, loc: s == 200, reads_team_a=True)
        return Outcome(ANY_ANSWER.text, ANY_ANSWER.check, reads_team_a=True)
    customer_data = route.model is not None and holds_customer_data(route.model)
    if customer_data and route.view in ADMIN_OBJECT_VIEWS:
        return NOT_SHOWN
    return ANY_ANSWER


def expected(route: Route, role: str, method: str) -> Outcome:
    if route.key.startswith("admin:") or route.pattern.startswith("/admin/"):
        return admin_rule(route, role, method)
    assert route.key in RULES, f"{route.key} ({route.pattern}) has no access rule: add one"
    return app_rule(RULES[route.key][0], role)


def methods(route: Route) -> str:
    if route.key in RULES:
        return RULES[route.key][1]
    return "GET POST"  # the admin's pages


# -- the test -----------------------------------------------------------------------------

MATRIX: dict[tuple[str, str], str] = {}
LOGIN_COOKIES: dict[str, SimpleCookie] = {}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for all the module's tests; each test's changes are rolled back after it."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        built = build_world()
        for role, user in built.users.items():
            if user is not None:  # logged in once; each test's logout is rolled back
                client = Client()
                client.force_login(user)
                LOGIN_COOKIES[role] = client.cookies
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def matrix_file(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if MATRIX:
        path = request.config.rootpath / ".pytest_cache" / "access-matrix.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(summary())
        plugins = request.config.pluginmanager
        reporter = plugins.get_plugin("terminalreporter")
        capture = plugins.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"\naccess matrix ({len(MATRIX)} URL × visitor pairs): {path}")


def summary() -> str:
    """One line per URL: its rule, then GET/POST status per visitor."""
    keys = sorted({key for key, _role in MATRIX})
    width = max(len(key) for key in keys)
    lines = [f"{'URL':<{width}}  {'rule':<6}  " + "  ".join(f"{r:<9}" for r in ROLES)]
    for key in keys:
        rule = RULES.get(key, ("admin", ""))[0]
        cells = "  ".join(f"{MATRIX.get((key, role), '-'):<9}" for role in ROLES)
        lines.append(f"{key:<{width}}  {rule:<6}  {cells}")
    return "\n".join(lines) + "\n"


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", "replace") + "\n" + response.get("Location", "")


def _client(world: World, role: str) -> Client:
    client = Client()
    if role in LOGIN_COOKIES:
        client.cookies = copy.deepcopy(LOGIN_COOKIES[role])
    return client


def _leaks(world: World, outcome: Outcome, text: str) -> list[str]:
    allowed = {"e-mail address", "name", "subject"} if outcome.reads_team_a else set()
    if outcome.reads_token:
        allowed.add("status token")
    return sorted(
        {name for name, value in world.secrets() if name not in allowed and value in text}
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_every_url_answers_each_visitor_as_its_rule_says(
    db: None, world: World, route: Route, role: str
) -> None:
    before = fingerprint(world)
    client = _client(world, role)
    url = url_for(route, world)
    cells, problems, writes = [], [], False
    for method in ("GET", "POST"):
        outcome = expected(route, role, method)
        writes = writes or outcome.reads_team_a
        data = post_data(route, world)
        response = client.get(url) if method == "GET" else client.post(url, data)
        status, location = response.status_code, response.get("Location", "")
        cells.append(str(status))
        if status == 405 and method not in methods(route):
            continue
        if not outcome.check(status, location):
            problems.append(f"{method} {url} gave {status} {location}, expected {outcome.text}")
        leaked = _leaks(world, outcome, _text(response))
        if leaked:
            problems.append(f"{method} {url} shows team A's {', '.join(leaked)}")
    MATRIX[(route.key, role)] = "/".join(cells)
    if not writes:
        assert fingerprint(world) == before, f"{role} changed team A's case through {url}"
    assert not problems, f"{route.key} as {role}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if RULES.get(r.key, ("",))[0] == SECRET], ids=lambda r: r.key
)
def test_a_guessed_secret_link_is_not_found_for_anyone(
    db: None, world: World, route: Route
) -> None:
    url = url_for(route, world, guessed=True)
    for role in ROLES:
        client = _client(world, role)
        response = client.post(url) if methods(route) == "POST" else client.get(url)
        assert response.status_code == 404, (route.key, role)
        assert not _leaks(world, NOT_FOUND, _text(response)), (route.key, role)


def test_every_url_of_the_project_has_a_rule() -> None:
    """Named, so a URL added without deciding who may open it is one clear failure."""
    missing = [r.key for r in ROUTES if not r.pattern.startswith("/admin/") and r.key not in RULES]
    assert not missing, f"URLs without an access rule: {missing}"
    assert not set(RULES) - {r.key for r in ROUTES}, "rules for URLs that no longer exist"


def test_every_admin_model_has_a_row_in_the_world(db: None, world: World) -> None:
    missing = set(admin.site._registry) - set(world.objects)
    assert not missing, f"add rows of {sorted(m._meta.label for m in missing)} to the world"


def test_the_staff_agent_edits_the_faq_but_finds_no_case_of_team_a(db: None, world: World) -> None:
    """The role really is what the matrix claims: the FAQ opens, team A's case does not."""
    client = _client(world, "staff_b")
    assert client.get(reverse("admin:answers_article_changelist")).status_code == 200
    cases = client.get(reverse("admin:cases_case_changelist"))
    assert cases.status_code == 200 and world.case.reference not in cases.content.decode()
    found = client.get(reverse("admin:cases_case_changelist"), {"q": world.case.reference})
    assert found.context["cl"].result_count == 0
