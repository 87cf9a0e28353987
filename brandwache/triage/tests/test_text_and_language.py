from brandwache.triage.language import detect_language
from brandwache.triage.text import join_subject, normalise


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
