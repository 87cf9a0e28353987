"""The placeholders a text module may use, and the reply text an inserted suggestion becomes.

Text modules are rendered by `brandwache.placeholders.render`, which knows nothing but
the names handed to it: the variables below, computed for one case and one agent.
Articles carry no placeholders (they are also the public FAQ); an inserted article is
framed with the salutation and the agent's closing instead, so no reply goes out as an
impersonal standard text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import dateformat, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brandwache import placeholders
from brandwache.answers.models import Article, TextModule
from brandwache.cases.models import Case, Message
from brandwache.people import person_name
from brandwache.sla.calendar import BusinessCalendar

MAX_BUSINESS_DAYS = 10

BUSINESS_DAY_NAMES = tuple(f"in_{n}_business_days" for n in range(1, MAX_BUSINESS_DAYS + 1))
VARIABLE_NAMES = (
    "salutation",
    "contact_name",
    "case_reference",
    "case_subject",
    "agent_name",
    "today",
    *BUSINESS_DAY_NAMES,
)


def describe_variables() -> list[tuple[str, str]]:
    """Every placeholder with what it stands for, in the active language."""
    fixed: dict[str, str | Promise] = {
        "salutation": _(
            "Greeting with the contact's name: “Guten Tag Frau Muster” / “Dear Ms Muster”, "
            "or the full name when the form of address is unknown"
        ),
        "contact_name": _("The contact's name as stored"),
        "case_reference": _("The case reference, e.g. BW-2026-00042"),
        "case_subject": _("The case's subject"),
        "agent_name": _("The name of the agent who inserts the text"),
        "today": _("Today's date, e.g. “Thursday, 20 November 2026”"),
    }
    rows = [(name, str(text)) for name, text in fixed.items()]
    rows += [
        (name, gettext("The date %(n)s business days from today") % {"n": n})
        for n, name in enumerate(BUSINESS_DAY_NAMES, start=1)
    ]
    return rows


# Forms of address: the word in a text → (German, English).
TITLES = {
    "frau": ("Frau", "Ms"),
    "herr": ("Herr", "Mr"),
    "ms": ("Frau", "Ms"),
    "mrs": ("Frau", "Mrs"),
    "miss": ("Frau", "Ms"),
    "mr": ("Herr", "Mr"),
}
TITLE_PATTERN = r"(Frau|Herrn?|Mrs?|Ms|Miss)\.?"
DATE_FORMATS = {"de": "l, j. F Y", "en": "l, j F Y"}


def _title_of(name: str, texts: Iterable[str]) -> tuple[str | None, str]:
    """The form of address (key of TITLES) and the name without it.

    Taken from the name itself ("Frau Anna Muster") or else from how earlier messages of
    the case address the person ("Herr Aebi ruft an", "Guten Tag Frau Pichler").
    """
    parts = name.split()
    first = parts[0].lower().rstrip(".") if parts else ""
    if first in TITLES or first == "herrn":
        return ("herr" if first == "herrn" else first), " ".join(parts[1:])
    if len(parts) < 2:
        return None, name
    pattern = re.compile(rf"\b{TITLE_PATTERN}\s+{re.escape(parts[-1])}\b")
    for text in texts:
        match = pattern.search(text)
        if match:
            word = match.group(1).lower()
            return ("herr" if word == "herrn" else word), name
    return None, name


def salutation(name: str, language: str, texts: Iterable[str] = ()) -> str:
    """ "Guten Tag Frau Muster", "Dear Mr Muster", or with the full name if unsure."""
    name = " ".join(name.split())
    german = language != "en"
    if not name or "@" in name:
        return "Guten Tag" if german else "Hello"
    title, bare = _title_of(name, texts)
    if title is not None and bare:
        surname = bare.split()[-1]
        word = TITLES[title][0 if german else 1]
        return f"Guten Tag {word} {surname}" if german else f"Dear {word} {surname}"
    return f"Guten Tag {name}" if german else f"Dear {name}"


def business_days_ahead(calendar: BusinessCalendar | None, today: date, count: int) -> date:
    """The `count`-th day after `today` on which the desk is open (Mon–Fri without one)."""
    day = today
    found = 0
    for _step in range(count * 7 + 60):  # long holidays end; the bound only stops a bad calendar
        day += timedelta(days=1)
        open_day = bool(calendar.intervals_on(day)) if calendar else day.weekday() < 5
        if open_day:
            found += 1
            if found == count:
                return day
    return day


def _default_calendar() -> BusinessCalendar | None:
    from brandwache.sla.models import BusinessCalendar as StoredCalendar

    stored = StoredCalendar.default()
    return stored.as_calendar() if stored else None


def format_date(day: date, language: str) -> str:
    with translation.override(language):
        return dateformat.format(day, DATE_FORMATS.get(language, DATE_FORMATS["de"]))


def case_texts(case: Case) -> list[str]:
    """The latest texts of a case, where a form of address may be found."""
    rows = Message.objects.filter(case=case).order_by("-created_at", "-pk")[:20]
    return [m.text for m in rows]


def text_variables(
    case: Case,
    agent: AbstractBaseUser,
    language: str,
    *,
    now: datetime | None = None,
    calendar: BusinessCalendar | None = None,
    use_default_calendar: bool = True,
) -> dict[str, str]:
    """The value of every documented placeholder for one case, agent and language."""
    if calendar is None and use_default_calendar:
        calendar = _default_calendar()
    zone = calendar.zone if calendar else timezone.get_current_timezone()
    today = (now or timezone.now()).astimezone(zone).date()
    name = case.contact.display_name if case.contact else ""
    values = {
        "salutation": salutation(name, language, case_texts(case)),
        "contact_name": name,
        "case_reference": case.reference,
        "case_subject": case.subject,
        "agent_name": person_name(agent),
        "today": format_date(today, language),
    }
    for n in range(1, MAX_BUSINESS_DAYS + 1):
        values[f"in_{n}_business_days"] = format_date(
            business_days_ahead(calendar, today, n), language
        )
    return values


def article_reply(article: Article, variables: dict[str, str]) -> str:
    """An article as the start of a personal reply: greeting, text, closing, agent."""
    with translation.override(article.language):
        closing = gettext("Kind regards")
    return (
        f"{variables['salutation']}\n\n{article.body.strip()}\n\n"
        f"{closing}\n{variables['agent_name']}"
    )


def module_reply(module: TextModule, variables: dict[str, str]) -> str:
    """A text module with its placeholders filled in (raises PlaceholderError if unknown)."""
    return placeholders.render(module.body.strip(), variables)


def reply_text(item: Article | TextModule, variables: dict[str, str]) -> str:
    if isinstance(item, Article):
        return article_reply(item, variables)
    return module_reply(item, variables)
