"""The world the access matrix runs in: two teams, seven kinds of visitor, and one of
everything of team A (case, contact, message, attachment, triage, KB article, …),
built with the real actions, as production builds them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from django.contrib.auth.models import Permission, User
from django.db.models import ForeignKey, Model
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from brandwache.accounts.actions import start_two_factor_setup
from brandwache.answers.actions import record_choice, save_article
from brandwache.answers.models import Article, Category, TextModule
from brandwache.audit.actions import record_audit
from brandwache.audit.models import AuditEntry
from brandwache.cases import actions, replies
from brandwache.cases.categories import category_choices
from brandwache.cases.models import Case, CaseEvent, Message, Team
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Contact, Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.listening.models import ListeningQuery, Source
from brandwache.notifications.actions import notify
from brandwache.notifications.models import Notification
from brandwache.organisations.models import Organisation
from brandwache.playbook.actions import mark_complaint, record_gesture
from brandwache.playbook.models import GoodwillGesture
from brandwache.public.access import receipt_token
from brandwache.routing.models import Absence, RoutingRule, TopicOwner
from brandwache.triage.corrections import correct_label
from brandwache.triage.models import Triage
from conftest import PASSWORD, make_user

ROLES = ("anonymous", "no_role", "agent_a", "agent_b", "staff_b", "lead", "admin")
# What lets an agent edit the FAQ in the admin, and so what gets them `is_staff`.
FAQ_PERMISSIONS = [
    f"{verb}_{model}"
    for verb in ("view", "add", "change")
    for model in ("article", "category", "textmodule")
]

CUSTOMER_EMAIL = "petra.teama@example.ch"
CUSTOMER_NAME = "Petra Teama"
SUBJECT = "Rechnung 4711 doppelt belastet"


@dataclass
class World:
    team_a: Team
    team_b: Team
    users: dict[str, User | None]
    case: Case
    other_case: Case
    contact: Contact
    message: Message
    attachment_pk: int
    triage: Triage
    notification: Notification
    failed_raw: RawMessage
    receipt: str
    article: Article
    # One row of every model the admin shows, for its change view.
    objects: dict[type[Model], Model] = field(default_factory=dict)

    def secrets(self) -> list[tuple[str, str]]:
        """What only those who may see team A's cases may read; status tokens only the customer."""
        tokens = Case.objects.filter(team=self.team_a).values_list("status_token", flat=True)
        found = [("e-mail address", CUSTOMER_EMAIL), ("name", CUSTOMER_NAME), ("subject", SUBJECT)]
        return found + [("status token", token) for token in tokens]

    @property
    def token(self) -> str:
        return self.case.status_token


def _people(team_a: Team, team_b: Team) -> dict[str, User | None]:
    agent_a = make_user("anna", "Agents")
    agent_b = make_user("beat", "Agents")
    staff_b = make_user("stefan", "Agents")
    staff_b.is_staff = True
    staff_b.save(update_fields=["is_staff"])
    staff_b.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="answers", codename__in=FAQ_PERMISSIONS)
    )
    team_a.members.add(agent_a)
    team_b.members.add(agent_b, staff_b)
    admin = User.objects.create_superuser("root", "root@example.ch", "correct horse")
    return {
        "anonymous": None,
        "no_role": make_user("otto"),
        "agent_a": agent_a,
        "agent_b": agent_b,
        "staff_b": staff_b,
        "lead": make_user("lena", "Team leads"),
        "admin": admin,
    }


def _team_a_case(team_a: Team) -> Message:
    """The customer's e-mail as the mail fetcher hands it in, with a receipt attached."""
    mail = EmailMessage()
    mail["From"] = f"{CUSTOMER_NAME} <{CUSTOMER_EMAIL}>"
    mail["To"] = "service@example.ch"
    mail["Subject"] = SUBJECT
    mail["Message-ID"] = "<4711@mail.example.ch>"
    mail["Date"] = formatdate()
    mail.set_content("Meine Rechnung 4711 wurde doppelt belastet. Ich erwarte eine Gutschrift.")
    mail.add_attachment(b"Beleg 4711", maintype="text", subtype="plain", filename="beleg.txt")
    result = ingest("email", bytes(mail))
    assert result.message is not None, result.error
    actions.assign_case(result.message.case, None, owner=None, team=team_a)
    return result.message


def _letter_case(team_a: Team) -> Case:
    """A letter: the update is due by letter, its words (with the status link) kept."""
    payload = {"name": CUSTOMER_NAME, "postal": "Seeweg 4, 8001 Zürich", "text": "Brief zu 4711."}
    result = ingest("letter", json.dumps(payload).encode())
    assert result.message is not None, result.error
    return actions.assign_case(result.message.case, None, owner=None, team=team_a)


def _configuration(users: dict[str, User | None], team_a: Team) -> None:
    """Rows of the admin's configuration models, and of the login's records."""
    agent_a, agent_b, admin = users["agent_a"], users["agent_b"], users["admin"]
    assert agent_a is not None and agent_b is not None and admin is not None
    category = next(key for key, _label in category_choices() if key)
    TopicOwner.objects.create(category=category, pate=agent_a, deputy=users["lead"], team=team_a)
    Absence.objects.create(user=agent_b, starts_on=date(2026, 8, 3), ends_on=date(2026, 8, 14))
    RoutingRule.objects.create(
        name="Rechnungen", keywords="Rechnung", action=RoutingRule.Action.TEAM, team=team_a
    )
    start_two_factor_setup(admin)
    login = reverse("login")
    Client().post(login, {"username": "anna", "password": PASSWORD}, REMOTE_ADDR="192.0.2.9")
    with override_settings(AXES_ENABLE_ACCESS_FAILURE_LOG=True):
        Client().post(login, {"username": "beat", "password": "wrong"}, REMOTE_ADDR="192.0.2.9")


@override_settings(BRANDWACHE_CUSTOMER_UPDATES=True)  # as in production: status links in mail
def build_world() -> World:
    """Everything the URLs of the project take as parameters; call inside a transaction."""
    # Each step's after-commit work (triage, mail) runs before the next step looks at it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        team_a, team_b = Team.objects.create(name="Billing"), Team.objects.create(name="Rail")
        users = _people(team_a, team_b)
        agent_a, admin = users["agent_a"], users["admin"]
        assert agent_a is not None and admin is not None
        message = _team_a_case(team_a)
        _letter_case(team_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        case = Case.objects.get(pk=message.case_id)
        actions.assign_case(case, agent_a, owner=agent_a, team=team_a)
        replies.record_reply(case, agent_a, "Guten Tag, wir prüfen die Rechnung 4711.")
        actions.add_note(case, agent_a, "Buchhaltung angefragt.")
        record_gesture(
            case, agent_a, kind=GoodwillGesture.Kind.VOUCHER, value=Decimal("20"), currency="CHF"
        )
        mark_complaint(case, agent_a, True)
        record_audit(agent_a, AuditEntry.Action.CONTACT_VIEWED, case.contact)
        notification = notify([agent_a], kind="assigned", title=f"Fall {case.reference}", case=case)
        # A second case of team A, the target of a case merge.
        other = actions.record_inbound_message(
            ParsedMessage(
                channel="email",
                sender=IdentityRef(Identity.Kind.EMAIL, "hugo.teama@example.ch", "Hugo"),
                subject="Zweiter Fall",
                text="Noch eine Frage zur Rechnung.",
            ),
            None,
        ).case
        actions.assign_case(other, None, owner=None, team=team_a)
        category = Category.objects.create(key="billing", name_de="Rechnung", name_en="Billing")
        organisation = Organisation.objects.create(
            slug="alpenbahn", name="Alpenbahn", handles=["@alpenbahn"], domains=["alpenbahn.ch"]
        )
        Source.objects.create(name="Hinweise", kind="webhook", organisation=organisation)
        ListeningQuery.objects.create(
            organisation=organisation, name="Verspätungen", query="Alpenbahn verspät*"
        )
        article = Article(
            slug="doppelte-belastung",
            title="Doppelte Belastung",
            body="So erstatten wir doppelte Belastungen.",
            category=category,
            visibility=Article.Visibility.PUBLIC,
        )
        save_article(article, admin)
        TextModule.objects.create(
            shortcut="dank", name="Dank", body="Vielen Dank für Ihre Nachricht.", category=category
        )
        choice = record_choice(case, message, agent_a, article=article, rank=1, score=0.9)
        triage = Triage.objects.get(message=message)
        correct_label(triage, "sentiment", "negative", agent_a)
        failed = ingest("email", b"")
        submission = ingest(
            "webform",
            json.dumps(
                {"name": "Kurt", "email": "kurt.form@example.ch", "text": "Formular."}
            ).encode(),
            metadata={"submission_id": "access-matrix"},
        )
        _configuration(users, team_a)
        DBTaskResult.objects.create(
            task_path="brandwache.public.tasks.send_confirmation",
            args_kwargs={"args": [message.pk, "de"], "kwargs": {}},
            queue_name="default",
            backend_name="default",
        )
    case.refresh_from_db()
    world = World(
        team_a=team_a,
        team_b=team_b,
        users=users,
        case=case,
        other_case=other,
        contact=Contact.objects.get(pk=case.contact_id),
        message=message,
        attachment_pk=message.attachments.get().pk,
        triage=triage,
        notification=notification[0],
        failed_raw=failed.raw,
        receipt=receipt_token(submission.raw),
        article=article,
    )
    world.objects = _one_of_each(world, choice)
    return world


def _one_of_each(world: World, *extra: Model) -> dict[type[Model], Model]:
    """A row of team A (or of everyone, for configuration) for each model in the admin."""
    from django.contrib import admin

    found: dict[type[Model], Model] = {type(row): row for row in extra}
    by_case = {"case": world.case, "triage__case": world.case}
    for model in admin.site._registry:
        if model in found:
            continue
        if model is Case:
            found[model] = world.case
            continue
        if model is Contact:
            found[model] = world.contact
            continue
        if model is RawMessage:
            found[model] = world.message.raw  # type: ignore[assignment]
            continue
        names = {f.name for f in model._meta.get_fields()}
        lookup = next(({k: v} for k, v in by_case.items() if k.split("__")[0] in names), {})
        row = model._default_manager.filter(**lookup).order_by("pk").first()
        if row is not None:
            found[model] = row
    return found


CUSTOMER_DATA = (Case, Contact, Message, RawMessage)


def holds_customer_data(model: type[Model], seen: frozenset[type[Model]] = frozenset()) -> bool:
    """A case, contact, message or raw message, or a row tied to one (also through another)."""
    if model in CUSTOMER_DATA:
        return True
    seen = seen | {model}
    return any(
        isinstance(field, ForeignKey)
        and field.related_model not in seen
        and holds_customer_data(field.related_model, seen)
        for field in model._meta.get_fields()
    )


def fingerprint(world: World) -> dict[str, Any]:
    """What a denied visitor must not have changed on team A's case and contact."""
    case = Case.objects.get(pk=world.case.pk)
    contact = Contact.objects.get(pk=world.contact.pk)
    return {
        "case": [getattr(case, f) for f in ("status", "priority", "category", "subject")]
        + [case.owner_id, case.team_id, case.merged_into_id],
        "messages": Message.objects.filter(case=case).count(),
        "events": CaseEvent.objects.filter(case=case).exclude(kind=CaseEvent.Kind.VIEWED).count(),
        "identities": sorted(contact.identities.values_list("value", flat=True)),
        "contact merged into": contact.merged_into_id,
        "notification read": Notification.objects.get(pk=world.notification.pk).read_at,
    }
