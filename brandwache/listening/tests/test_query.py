"""Listening queries: operators, precedence, NEAR, phrases, wildcards, folding, errors."""

import pytest
from django.utils import translation

from brandwache.listening.query import QueryError, parse
from brandwache.listening.words import Post


def hits(query: str, text: str, language: str | None = None) -> bool:
    return parse(query).matches(text, language)


def error_of(query: str) -> QueryError:
    # The messages are checked in English; the German ones come from the catalogue.
    with translation.override("en"), pytest.raises(QueryError) as caught:
        parse(query)
    return caught.value


# Operators


def test_and_needs_both_terms() -> None:
    assert hits("Zug AND Verspätung", "Der Zug hat Verspätung")
    assert not hits("Zug AND Verspätung", "Der Zug ist pünktlich")


def test_or_needs_either_term() -> None:
    assert hits("Zug OR Bus", "Der Bus kam nicht")
    assert not hits("Zug OR Bus", "Das Tram kam nicht")


def test_not_leaves_out_posts_with_the_term() -> None:
    assert hits("Alpenbahn NOT Gewinnspiel", "Alpenbahn wieder zu spät")
    assert not hits("Alpenbahn NOT Gewinnspiel", "Alpenbahn Gewinnspiel: jetzt mitmachen")


def test_german_operators_mean_the_same() -> None:
    query = "Zug UND (Verspätung ODER Ausfall) NICHT Werbung"

    assert str(parse(query)) == "(Zug AND (Verspätung OR Ausfall) AND NOT Werbung)"
    assert hits(query, "Zug fällt aus, Ausfall Nummer drei")
    assert not hits(query, "Zug Ausfall Werbung")


def test_lower_case_operators_are_ordinary_words() -> None:
    # "nicht" is a complaint word ("funktioniert nicht"), so only capitals are operators.
    assert str(parse("App funktioniert nicht")) == "(App AND funktioniert AND nicht)"
    assert hits("App funktioniert nicht", "Die App funktioniert schon wieder nicht")
    assert not hits("App funktioniert nicht", "Die App funktioniert")
    assert not hits("Zug or Bus", "Der Bus kam nicht")


def test_adjacent_terms_are_joined_by_and() -> None:
    assert hits("Zug Verspätung", "Verspätung beim Zug")
    assert not hits("Zug Verspätung", "Zug pünktlich")


# Precedence and nesting


def test_not_binds_tighter_than_and_which_binds_tighter_than_or() -> None:
    assert (
        str(parse("Zug OR Bus Ausfall NOT Ersatz")) == "(Zug OR (Bus AND Ausfall AND NOT Ersatz))"
    )
    assert hits("Zug OR Bus Ausfall", "nur der Zug")
    assert not hits("Zug OR Bus Ausfall", "nur der Bus")
    assert hits("Zug OR Bus Ausfall", "Bus mit Ausfall")


def test_not_applies_to_the_next_term_only() -> None:
    assert str(parse("NOT Werbung Zug")) == "(NOT Werbung AND Zug)"
    assert hits("Zug NOT Werbung Ausfall", "Zug Ausfall")
    assert not hits("Zug NOT Werbung Ausfall", "Zug Ausfall Werbung")


def test_parentheses_override_precedence() -> None:
    assert not hits("(Zug OR Bus) Ausfall", "nur der Zug")
    assert hits("(Zug OR Bus) Ausfall", "Bus Ausfall")


def test_nested_groups_combine() -> None:
    query = '((@alpenbahn OR Alpenbahn) (verspät* OR "nie wieder")) NOT (Werbung OR Gewinnspiel)'

    assert hits(query, "@alpenbahn nie wieder!")
    assert hits(query, "Alpenbahn verspätet sich")
    assert not hits(query, "Alpenbahn ist super")
    assert not hits(query, "Alpenbahn verspätet? Gewinnspiel!")
    assert not hits(query, "SBB verspätet")


def test_not_can_negate_a_group() -> None:
    assert not hits("Zug NOT (Werbung OR Gewinnspiel)", "Zug Gewinnspiel")
    assert hits("Zug NOT (Werbung OR Gewinnspiel)", "Zug kalt")


# NEAR


def test_near_matches_in_either_order() -> None:
    assert hits("Zug NEAR/3 Verspätung", "Zug hat Verspätung")
    assert hits("Zug NEAR/3 Verspätung", "Verspätung hat der Zug")


def test_near_counts_the_other_term_among_the_next_n_words() -> None:
    # Verspätung is the third word after Zug: within 3, not within 2.
    assert hits("Zug NEAR/3 Verspätung", "Zug hat heute Verspätung")
    assert not hits("Zug NEAR/2 Verspätung", "Zug hat heute Verspätung")
    assert hits("Zug NEAR/3 Verspätung", "Verspätung hat der Zug")
    assert not hits("Zug NEAR/2 Verspätung", "Verspätung hat der Zug")


def test_near_one_means_next_to_each_other() -> None:
    assert hits("Zug NEAR/1 kalt", "kalt, Zug")
    assert not hits("Zug NEAR/1 kalt", "Zug ist kalt")


def test_near_measures_from_the_ends_of_a_phrase() -> None:
    query = '"nie wieder" NEAR/3 Alpenbahn'

    # Counted from "wieder" after the phrase and from "nie" before it.
    assert hits(query, "Nie wieder mit der Alpenbahn")
    assert hits(query, "Alpenbahn? Also gut, nie wieder")
    assert not hits(query, "Nie wieder fahre ich mit der Alpenbahn")
    assert not hits(query, "Alpenbahn? Also gut, dann nie wieder")


def test_near_needs_two_occurrences_for_the_same_word() -> None:
    assert not hits("Zug NEAR/3 Zug", "Der Zug ist kalt")
    assert hits("Zug NEAR/3 Zug", "Zug um Zug")


def test_near_binds_tighter_than_not_and_and() -> None:
    assert str(parse("NOT Zug NEAR/2 kalt Bahn")) == "(NOT (Zug NEAR/2 kalt) AND Bahn)"


# Phrases, words and wildcards


def test_a_phrase_needs_its_words_in_order_and_next_to_each_other() -> None:
    assert hits('"nie wieder"', "Ich fahre nie wieder mit euch")
    assert not hits('"nie wieder"', "wieder nie")
    assert not hits('"nie wieder"', "nie mehr wieder")


def test_a_phrase_matches_across_punctuation_and_emoji() -> None:
    assert hits('"nie wieder"', "Nie… wieder! 😡")
    assert hits('"S-Bahn, Zürich"', "S Bahn Zürich")


def test_typographic_quotation_marks_make_a_phrase() -> None:
    assert str(parse("„nie wieder“ Zug")) == "(„nie wieder“ AND Zug)"
    assert hits("«nie wieder» Zug", "Zug? Nie wieder.")


def test_a_word_with_a_hyphen_is_a_phrase_of_its_parts() -> None:
    assert hits("Alpen-GA", "Mein Alpen GA ist weg")
    assert not hits("Alpen-GA", "GA Alpen")


def test_a_term_matches_whole_words_only() -> None:
    assert not hits("Zug", "Der Zugang ist gesperrt")
    assert hits("Zug", "Zug.")


def test_a_wildcard_matches_the_beginnings_of_words() -> None:
    assert hits("verspät*", "Wieder verspätet")
    assert hits("verspät*", "VERSPÄTUNG")
    assert hits("verspät*", "Verspaetung ohne Ende")
    assert not hits("verspät*", "unverspätet")


def test_a_wildcard_works_inside_a_phrase() -> None:
    assert hits('"Zug verspät*"', "Zug verspätet")
    assert not hits('"Zug verspät*"', "Zug nicht verspätet")


def test_punctuation_and_emoji_are_not_words() -> None:
    assert hits("Zug", "😡Zug😡!!!")
    assert hits('"Zug kalt"', "Zug 😡 🥶 kalt")


# Folding


def test_eszett_and_double_s_are_the_same() -> None:
    assert hits("Seestrasse", "Seestraße gesperrt")
    assert hits("Straße", "STRASSE")


def test_umlauts_match_their_spelled_and_plain_forms() -> None:
    for written in ("Zürich", "Zuerich", "Zurich", "ZÜRICH"):
        assert hits("Zuerich", f"Stau vor {written}"), written
        assert hits("Zürich", f"Stau vor {written}"), written


def test_accents_and_case_are_ignored() -> None:
    assert hits("Cafe", "Le CAFÉ du train")
    assert not hits("Cafe", "Caffe")


# Handles, hashtags and hosts


def test_a_handle_does_not_match_the_plain_word() -> None:
    assert hits("@alpenbahn", "Hallo @AlpenBahn?")
    assert not hits("@alpenbahn", "Hallo Alpenbahn")


def test_a_plain_word_also_matches_handles_and_hashtags() -> None:
    assert hits("alpenbahn", "Hallo @alpenbahn")
    assert hits("alpenbahn", "#Alpenbahn fail")
    assert not hits("alpenbahn", "Hallo @alpenbahn_hilft")


def test_a_handle_is_not_found_inside_an_address_or_a_longer_handle() -> None:
    assert not hits("@alpenbahn", "Schreibt an info@alpenbahn.ch")
    assert not hits("@alpenbahn", "Danke @alpenbahn_hilft")


def test_a_handle_matches_the_same_name_on_a_federated_server() -> None:
    assert hits("@donaustrom", "Hallo @donaustrom@social.example.at")
    assert not hits("@donaustrom@social.example.at", "Hallo @donaustrom")


def test_a_hashtag_term_needs_the_hashtag() -> None:
    assert hits("#bahnchaos", "Heute #BahnChaos")
    assert not hits("#bahnchaos", "Heute Bahnchaos")


def test_a_domain_matches_links_subdomains_and_addresses() -> None:
    for text in (
        "siehe https://www.alpenbahn.ch/fahrplan?x=1",
        "steht auf alpenbahn.ch.",
        "Mail an kundendienst@alpenbahn.ch",
        "siehe https://app.alpenbahn.ch",
    ):
        assert hits("alpenbahn.ch", text), text


def test_a_domain_does_not_match_a_longer_domain_or_the_plain_name() -> None:
    assert not hits("alpenbahn.ch", "siehe alpenbahn.chat")
    assert not hits("alpenbahn.ch", "siehe notalpenbahn.ch")
    assert not hits("alpenbahn.ch", "Alpenbahn CH")


def test_a_link_in_the_query_stands_for_its_domain() -> None:
    assert hits("https://alpenbahn.ch/hilfe", "siehe www.alpenbahn.ch")


def test_the_words_of_a_link_path_are_not_words_of_the_post() -> None:
    assert not hits("fahrplan", "https://alpenbahn.ch/fahrplan")
    assert hits("alpenbahn", "https://alpenbahn.ch/fahrplan")


# Language filter


def test_the_language_filter_reads_the_language_field() -> None:
    query = "Alpenbahn lang:de"

    assert hits(query, "Alpenbahn delay", language="de")
    assert hits(query, "Alpenbahn delay", language="de-CH")
    assert not hits(query, "Alpenbahn Verspätung", language="en")
    assert not hits(query, "Alpenbahn Verspätung", language=None)
    assert not hits(query, "Alpenbahn Verspätung", language="dea")


def test_not_lang_leaves_out_one_language() -> None:
    assert hits("Alpenbahn NOT lang:en", "Alpenbahn", language="de")
    assert not hits("Alpenbahn NOT lang:en", "Alpenbahn", language="EN")


# Explaining a match


def test_matched_terms_name_the_terms_found_as_written() -> None:
    query = parse('(@alpenbahn OR Alpenbahn) (verspät* OR "nie wieder") NOT Gewinnspiel')

    assert query.matched_terms("Alpenbahn: nie, wieder! Gewinnspiel") == [
        "Alpenbahn",
        '"nie wieder"',
        "Gewinnspiel",
    ]
    assert query.matched_terms("Bus") == []


def test_matched_terms_name_a_near_group_only_when_it_holds() -> None:
    query = parse("Zug NEAR/1 kalt")

    assert query.matched_terms("Zug kalt") == ["Zug", "kalt", "Zug NEAR/1 kalt"]
    assert query.matched_terms("Zug ist kalt") == ["Zug", "kalt"]


def test_a_prepared_post_serves_several_queries() -> None:
    post = Post("Alpenbahn wieder verspätet")

    assert parse("verspät*").matches(post)
    assert not parse("Bus").matches(post)


# Errors


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("(Zug OR Bus", "The parenthesis at character 1 is not closed.", 1),
        ("Zug (", "The parenthesis at character 5 is not closed.", 5),
        ("Zug OR Bus)", "The closing parenthesis at character 11 has no opening one.", 11),
        ("Zug ()", "The parentheses at character 5 are empty.", 5),
        ("Zug AND", "AND at character 5 has nothing on its right.", 5),
        ("Zug AND OR Bus", "AND at character 5 has nothing on its right.", 5),
        ("ODER Zug", "ODER at character 1 has nothing on its left.", 1),
        ("Zug (OR Bus)", "OR at character 6 has nothing on its left.", 6),
        ("Zug NICHT", "NICHT at character 5 has nothing on its right.", 5),
        ("Zug NEAR Bus", "NEAR at character 5 needs a distance in words, e.g. NEAR/3.", 5),
        ("Zug NEAR/ Bus", "NEAR at character 5 needs a distance in words, e.g. NEAR/3.", 5),
        ("Zug NEAR/0 Bus", "NEAR at character 5 needs a distance of at least 1.", 5),
        ("Zug near/3 Bus", "Write NEAR at character 5 in capitals: NEAR/3.", 5),
        ("Zug NEAR/3", "NEAR/3 at character 5 has nothing on its right.", 5),
        (
            "(Zug OR Bus) NEAR/2 kalt",
            "NEAR at character 14 joins two words or phrases, not groups.",
            14,
        ),
        (
            "a NEAR/2 b NEAR/2 c",
            "NEAR at character 12 follows another NEAR; join the pairs with AND.",
            12,
        ),
        ('Zug "nie wieder', "The quotation mark at character 5 is not closed.", 5),
        ("Zug ver*spät", "A * can only end a word (character 8): verspät* finds Verspätung.", 8),
        ("Zug a*", "The * at character 6 needs two letters or more before it.", 6),
        (
            "Zug 😡",
            "😡 at character 5 contains no word; punctuation and emoji are not searched.",
            5,
        ),
        ("Zug foo:bar", "Unknown filter “foo:” at character 5; only lang: exists.", 5),
        ("Zug lang:deutsch", "“deutsch” at character 5 is not a language code like de or en.", 5),
    ],
)
def test_a_broken_query_is_refused_at_the_character_concerned(
    query: str, message: str, position: int
) -> None:
    error = error_of(query)

    assert str(error) == message
    assert error.position == position


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_refused(query: str) -> None:
    assert str(error_of(query)) == "The query is empty."


@pytest.mark.parametrize("query", ["NOT Werbung", "lang:de", "Zug OR NOT Bus", "NOT lang:en"])
def test_a_query_that_needs_none_of_its_terms_is_refused(query: str) -> None:
    assert str(error_of(query)).startswith("The query matches posts that contain none of its terms")


def test_a_word_ending_in_a_colon_is_not_a_filter() -> None:
    assert hits("Achtung: Zug", "Achtung, der Zug fällt aus")


def test_errors_are_given_in_german_in_a_german_interface() -> None:
    with translation.override("de"), pytest.raises(QueryError) as caught:
        parse("(Zug OR Bus")
    assert str(caught.value) == "Die Klammer bei Zeichen 1 wird nicht geschlossen."
