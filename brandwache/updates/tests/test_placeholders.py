"""The placeholder renderer (`brandwache.placeholders`): plain names only, whatever is typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from brandwache.placeholders import PlaceholderError, placeholders, render, validate

VALUES = {"contact_name": "Petra Muster", "case_reference": "BW-2026-00042"}


@pytest.fixture
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_it_fills_in_the_given_names():
    text = "Guten Tag {contact_name}, Ihr Fall {case_reference}. {contact_name}!"
    assert render(text, VALUES) == "Guten Tag Petra Muster, Ihr Fall BW-2026-00042. Petra Muster!"


def test_double_braces_are_literal_braces():
    assert render("{{contact_name}} = {contact_name}", VALUES) == "{contact_name} = Petra Muster"


def test_values_are_inserted_as_they_are_and_never_read_as_placeholders():
    assert render("{contact_name}", {"contact_name": "{case_reference} {0}"}) == (
        "{case_reference} {0}"
    )


def test_unknown_names_are_all_listed_with_the_allowed_ones(english):
    with pytest.raises(PlaceholderError) as raised:
        render("{vorname} {contact_name} {nachname} {vorname}", VALUES)
    assert raised.value.unknown == ("vorname", "nachname")
    assert str(raised.value) == (
        "Unknown placeholders {vorname}, {nachname}. Allowed are: {contact_name}, {case_reference}."
    )


def test_validation_uses_the_allowed_list_without_values(english):
    validate("{a} {b}", ["a", "b"])
    with pytest.raises(PlaceholderError, match=r"Unknown placeholder \{c\}\."):
        validate("{a} {c}", ["a", "b"])


def test_the_names_used_are_listed_once_in_order():
    assert placeholders("{b} {a} {b} {{c}}") == ["b", "a"]


HOSTILE = [
    "{0.__class__}",
    "{contact_name.__class__.__init__.__globals__}",
    "{contact_name[0]}",
    "{x[0]}",
    "{contact_name:>999999}",
    "{contact_name:{case_reference}}",
    "{contact_name!r}",
    "{contact_name!s:^100000}",
    "{}",
    "{0}",
    "{ contact_name }",
    "{contact-name}",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_attribute_index_format_and_positional_fields_are_refused(template, english):
    with pytest.raises(PlaceholderError, match="is not allowed"):
        render(template, VALUES)


@pytest.mark.parametrize("template", ["{", "}", "a { b", "{contact_name", "x}}}", "{x!}"])
def test_lone_braces_are_refused_with_a_hint(template, english):
    with pytest.raises(PlaceholderError, match="lone"):
        render(template, VALUES)


def test_messages_are_german_for_german_readers():
    with translation.override("de"), pytest.raises(PlaceholderError) as raised:
        render("{vorname}", VALUES)
    assert str(raised.value) == (
        "Unbekannter Platzhalter {vorname}. Erlaubt sind: {contact_name}, {case_reference}."
    )


@given(st.text(max_size=200))
def test_any_text_renders_or_is_refused_with_a_placeholder_error(text):
    try:
        result = render(text, VALUES)
    except PlaceholderError:
        return
    # Rendering never makes a text longer than its values allow.
    longest = max(len(value) for value in VALUES.values())
    assert len(result) <= len(text) * max(1, longest)


@given(st.text(alphabet=st.characters(exclude_characters="{}"), max_size=200))
def test_text_without_braces_comes_back_unchanged(text):
    assert render(text, VALUES) == text


@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.characters(exclude_characters="{}"), max_size=20),
            st.sampled_from(["{contact_name}", "{case_reference}", "{{", "}}"]),
        ),
        max_size=20,
    )
)
def test_rendering_agrees_with_filling_in_piece_by_piece(pieces):
    expected = "".join(
        VALUES.get(piece[1:-1], piece[0]) if piece.startswith("{") or piece == "}}" else piece
        for piece in pieces
    )
    assert render("".join(pieces), VALUES) == expected
