from brandwache.triage import language
from brandwache.triage.dataset import read_corpus, shipped_corpora
from brandwache.triage.language import (
    FUNCTION_WORDS,
    LANGUAGE_OF_WORD,
    by_function_words,
    detect_language,
)
from brandwache.triage.text import join_subject, normalise
from brandwache.triage.values import Label


def test_swiss_german_and_austrian_spellings_meet_in_one_form():
    assert normalise("Grüße aus der Straße") == normalise("Grüsse aus der Strasse")
    assert normalise("Grüsse") == normalise("Gruesse") == "gruesse"
    assert normalise("ÄRGER über Öffnungszeiten") == "aerger ueber oeffnungszeiten"


def test_addresses_handles_and_digits_become_placeholders():
    text = "@Alpenbahn 40 min zu spät, siehe https://example.ch/x und mail an a.b@example.ch"
    assert normalise(text) == ("_user_ alpenbahn 00 min zu spaet, siehe _url_ und mail an _email_")


def test_shouted_letters_count_as_three():
    assert normalise("Neeeeein!!!") == normalise("Neeein!!!")


def test_subject_and_text_are_read_as_one():
    assert join_subject("Body", "Subject") == "Subject\nBody"
    assert join_subject("Body") == "Body"


def test_the_four_languages_are_recognised():
    assert (
        detect_language("Mein Zug ist schon wieder ausgefallen, das ist ärgerlich.").value == "de"
    )
    assert detect_language("My train was cancelled again, this is so annoying.").value == "en"
    assert detect_language("Mon train a encore été supprimé, c'est vraiment pénible.").value == "fr"
    assert detect_language("Il mio treno è stato cancellato di nuovo, che fastidio.").value == "it"


def test_too_short_or_unclear_text_is_undetermined():
    assert detect_language("ok").value == "und"
    assert detect_language("@alpenbahn 👍 https://example.ch").value == "und"
    assert detect_language("").confidence == 0.0


def test_function_words_belong_to_one_language_only():
    listed = [word for words in FUNCTION_WORDS.values() for word in words.split()]
    assert len(listed) == len(set(listed)) == len(LANGUAGE_OF_WORD)


def test_plain_texts_are_settled_by_their_function_words(monkeypatch):
    def refuse():
        raise AssertionError("lingua was asked although the function words are clear")

    monkeypatch.setattr(language, "detector", refuse)
    label = detect_language("Ich habe mit dem Kundendienst gesprochen, aber es ist nichts los.")
    assert label == Label("de", 1.0)
    assert detect_language("I have been waiting for the refund since May.").value == "en"


def test_mixed_or_thin_texts_go_to_lingua():
    # Two German and one English function word: not clear enough for the shortcut.
    assert by_function_words("Der Zug the Verspätung und Olten") is None
    assert by_function_words("Zugausfall Olten") is None
    assert detect_language("Der Zug the Verspätung und Olten").value == "de"


def test_the_shortcut_agrees_with_the_labelled_corpus():
    decided = agreed = 0
    for path in shipped_corpora():
        for example in read_corpus(path):
            label = by_function_words(example.text)
            if label is not None:
                decided += 1
                agreed += label.value == example.language
    assert decided > 1000
    assert agreed / decided > 0.995
