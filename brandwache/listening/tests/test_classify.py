"""Explicit and implicit complaints about organisations, and `listen classify`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brandwache.listening.classify import classify_posts
from brandwache.listening.organisations import (
    Organisation,
    OrganisationsError,
    load_organisations,
    parse_organisations,
)

ORGS = [
    {
        "slug": "alpenbahn",
        "name": "Alpenbahn",
        "aliases": ["Alpen-Bahn"],
        "handles": ["@alpenbahn", "@alpenbahn_hilft", "alpenbahn.bsky.social"],
        "domains": ["alpenbahn.ch"],
        "products": ["Sparbillett"],
    },
    {
        "slug": "seeland-bank",
        "name": "Seeland Bank",
        "aliases": ["Seelandbank"],
        "handles": ["@seelandbank"],
        "domains": ["seelandbank.ch"],
        "products": [],
    },
]
ORGANISATIONS = parse_organisations(ORGS)
ANGRY = "Zug schon wieder 40 Minuten zu spät, keine Durchsage, nichts. Eine Frechheit."


def post(post_id: str, text: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": post_id,
        "source": "mastodon",
        "url": fields.pop("url", f"https://social.example/@tom_sample/{post_id}"),
        "author": fields.pop("author", "@tom_sample@social.example"),
        "created_at": "2026-10-01T08:00:00+00:00",
        "lang": "de",
        "text": text,
        "in_reply_to": fields.pop("in_reply_to", None),
        **fields,
    }


def one(text: str, **fields: Any) -> tuple[str | None, str]:
    result = classify_posts([post("p1", text, **fields)], ORGANISATIONS)[0]
    return result["organisation"], result["label"]


def test_a_complaint_with_the_handle_is_explicit() -> None:
    assert one(f"@alpenbahn {ANGRY}") == ("alpenbahn", "explicit_complaint")


def test_a_bluesky_handle_without_at_sign_also_addresses_it() -> None:
    assert one(f"alpenbahn.bsky.social {ANGRY}") == ("alpenbahn", "explicit_complaint")


def test_a_complaint_naming_it_without_address_is_implicit() -> None:
    assert one(f"Die Alpen-Bahn wieder. {ANGRY}") == ("alpenbahn", "implicit_complaint")


def test_a_complaint_on_its_own_forum_is_explicit() -> None:
    url = "https://community.alpenbahn.ch/t/verspaetung/1"
    assert one(f"Alpenbahn: {ANGRY}", url=url) == ("alpenbahn", "explicit_complaint")


def test_praise_is_other_about_the_organisation() -> None:
    text = "Danke Alpenbahn, super pünktlich heute und sehr freundliches Personal 👍"
    assert one(text) == ("alpenbahn", "other_about_org")


def test_the_region_is_not_the_bank() -> None:
    assert one("Wunderschöner Abend im Seeland, der See glitzert") == (None, "unrelated")


def test_a_name_in_a_novel_is_not_the_organisation() -> None:
    text = "Im Roman heisst die Bahn Alpenbahn und ist ein Geisterzug. Spannend."
    assert one(text) == (None, "unrelated")


def test_posts_of_its_own_account_are_other_about_org() -> None:
    text = "Zwischen Olten und Aarau eine Störung, es kommt zu Verspätungen. Entschuldigung!"
    assert one(text, author="@alpenbahn_hilft") == ("alpenbahn", "other_about_org")


def test_a_reply_to_its_own_post_is_explicit_and_inherits_the_organisation() -> None:
    posts = [
        post("a", "Neu: die Sparbillett-Suche in der App.", author="@alpenbahn"),
        post("b", ANGRY, in_reply_to="a"),
    ]
    results = classify_posts(posts, ORGANISATIONS)
    assert results[1] == {"id": "b", "organisation": "alpenbahn", "label": "explicit_complaint"}


def test_replies_inherit_the_organisation_down_the_chain_in_any_order() -> None:
    posts = [
        post("c", ANGRY, in_reply_to="b"),
        post("a", f"Alpenbahn. {ANGRY}"),
        post("b", "Bei mir auch, nie wieder. Schon wieder ausgefallen.", in_reply_to="a"),
    ]
    results = classify_posts(posts, ORGANISATIONS)
    assert [r["organisation"] for r in results] == ["alpenbahn"] * 3
    assert [r["label"] for r in results] == ["implicit_complaint"] * 3


def test_a_repost_is_classified_by_its_content() -> None:
    assert one(f"RT @pendlerin: @alpenbahn {ANGRY}") == ("alpenbahn", "explicit_complaint")


def run(lines: str, orgs_file: Path) -> tuple[str, str, CommandError | None]:
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command(
            "listen",
            "classify",
            "--organisations",
            str(orgs_file),
            stdin=StringIO(lines),
            stdout=stdout,
            stderr=stderr,
        )
    except CommandError as error:
        return stdout.getvalue(), stderr.getvalue(), error
    return stdout.getvalue(), stderr.getvalue(), None


@pytest.fixture
def orgs_file(tmp_path: Path) -> Path:
    path = tmp_path / "orgs.json"
    path.write_text(json.dumps(ORGS), encoding="utf-8")
    return path


def test_the_command_writes_exactly_id_organisation_and_label_in_input_order(
    orgs_file: Path,
) -> None:
    lines = "".join(
        json.dumps(p) + "\n"
        for p in (post("x2", f"@alpenbahn {ANGRY}"), post("x1", "Rösti zum Znacht."))
    )
    stdout, _, error = run(lines, orgs_file)
    assert error is None
    assert [json.loads(line) for line in stdout.splitlines()] == [
        {"id": "x2", "organisation": "alpenbahn", "label": "explicit_complaint"},
        {"id": "x1", "organisation": None, "label": "unrelated"},
    ]


def test_a_bad_line_is_named_skipped_and_fails_the_command_at_the_end(orgs_file: Path) -> None:
    lines = json.dumps(post("ok", "Rösti zum Znacht.")) + "\n{not json\n"
    stdout, stderr, error = run(lines, orgs_file)
    assert error is not None
    assert "line 2" in stderr
    assert [json.loads(line)["id"] for line in stdout.splitlines()] == ["ok"]


def test_an_unreadable_organisations_file_stops_the_command(tmp_path: Path) -> None:
    path = tmp_path / "orgs.json"
    path.write_text("[{", encoding="utf-8")
    _, _, error = run("", path)
    assert error is not None and "not valid JSON" in str(error)


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({"slug": "x"}, "expected a list"),
        ([{"slug": "x"}], "'name'"),
        ([{"slug": "X Y", "name": "X"}], "'slug'"),
        ([{"slug": "x", "name": "X", "handles": "@x"}], "'handles'"),
        ([{"slug": "x", "name": "X", "colour": "red"}], "unknown field"),
        ([{"slug": "x", "name": "X"}, {"slug": "x", "name": "Y"}], "twice"),
    ],
)
def test_bad_organisations_are_refused_with_the_reason(data: object, complaint: str) -> None:
    with pytest.raises(OrganisationsError, match=complaint):
        parse_organisations(data)


def test_organisations_load_from_a_file(orgs_file: Path) -> None:
    loaded = load_organisations(orgs_file)
    assert loaded[1] == Organisation(
        slug="seeland-bank",
        name="Seeland Bank",
        aliases=("Seelandbank",),
        handles=("@seelandbank",),
        domains=("seelandbank.ch",),
    )


def test_a_missing_organisations_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(OrganisationsError, match="Cannot read"):
        load_organisations(tmp_path / "missing.json")


@pytest.mark.parametrize(
    "text",
    [
        "@alpenbahn are you aware the ticket machines in Thun only take cash?",
        "@alpenbahn Warum ist der Billettautomat in Spiez seit Montag ausser Betrieb?",
        "@alpenbahn Die App lädt seit drei Tagen keine Verbindungen mehr.",
        "@seelandbank why is the card reader broken again?",
        "@seelandbank Wann kommt endlich die neue Karte? Die alte ist abgelaufen.",
    ],
)
def test_a_failure_asked_or_stated_to_its_handle_is_an_explicit_complaint(text: str) -> None:
    assert one(text)[1] == "explicit_complaint"


def test_a_plain_question_to_its_handle_is_not_a_complaint() -> None:
    text = "@alpenbahn Gibt es das Sparbillett auch für Familien mit zwei Kindern?"
    assert one(text) == ("alpenbahn", "other_about_org")


def test_a_failure_reported_as_over_to_its_handle_with_thanks_is_not_a_complaint() -> None:
    text = "@seelandbank Heute ist die Überweisung endlich angekommen. Danke fürs Nachfragen!"
    assert one(text) == ("seeland-bank", "other_about_org")


def test_the_same_failure_said_about_it_without_addressing_it_is_not_explicit() -> None:
    text = "Are you aware the Alpenbahn ticket machines in Thun only take cash?"
    assert one(text)[1] != "explicit_complaint"


def test_a_failure_question_below_its_own_post_is_an_explicit_complaint() -> None:
    posts = [
        post("a", "Ab heute gilt der neue Fahrplan.", author="@alpenbahn"),
        post("b", "Und wieso hält der Zug nach Brig nicht mehr in Visp?", in_reply_to="a"),
    ]
    assert classify_posts(posts, ORGANISATIONS)[1]["label"] == "explicit_complaint"


@pytest.mark.parametrize(
    "handle",
    ["@seelandbank@social.example.ch", "@seelandbank.bsky.social", "@seelandbank"],
)
def test_its_account_name_on_any_server_or_as_its_bluesky_handle_addresses_it(handle) -> None:
    text = f"{handle} seit drei Tagen kein E-Banking, die Hotline nimmt nicht ab. Frechheit!"
    assert one(text) == ("seeland-bank", "explicit_complaint")


def test_its_name_in_someones_mail_address_neither_names_nor_addresses_it() -> None:
    assert one("Schreibt mir an seelandbank@mail.example, ich sammle Zinstipps.")[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "Unser Verein tauft die neue Anlage in Spur H0 auf Alpenbahn, Fahrtag am Sonntag.",
        "Seeland Bank am Fluss: die Bank am Ufer ist wieder frisch gestrichen.",
        "Reading tonight: my poem about the Kaufhafen, a harbour of forgotten wishes.",
        "Northline lost 3-1 in the Sunday league, awful refereeing again.",
    ],
)
def test_a_name_among_words_of_clubs_poems_rivers_or_hobbies_is_not_the_organisation(
    text,
) -> None:
    assert one(text) == (None, "unrelated")


def test_a_hobby_word_does_not_hide_a_complaint_addressed_to_the_organisation() -> None:
    text = "@alpenbahn mein Zug zum Vereinsabend fiel schon wieder aus, liga-reif schlecht."
    assert one(text)[0] == "alpenbahn"
