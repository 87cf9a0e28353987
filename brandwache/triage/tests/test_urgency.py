from brandwache.triage.urgency import find_urgency


def kinds(text: str) -> dict[str, str]:
    return {signal.kind: signal.evidence for signal in find_urgency(text)}


def test_a_cancellation_is_found_in_its_inflections_and_swiss_spelling():
    assert kinds("Hiermit kündige ich meinen Vertrag.")["cancellation"] == "kündige"
    assert kinds("ich kuendige per ende monat")["cancellation"] == "kuendige"
    assert "cancellation" in kinds("Das Abo ist auf Ende Monat gekündigt.")
    assert "cancellation" in kinds("I'm cancelling my membership.")


def test_a_question_about_notice_periods_or_an_announcement_is_no_cancellation():
    assert "cancellation" not in kinds("Wie lange ist die Kündigungsfrist?")
    assert "cancellation" not in kinds("Die angekündigte Lieferung kam nicht.")


def test_a_negation_cancels_the_signal():
    assert "cancellation" not in kinds("Ich will nicht kündigen, aber der Preis ist zu hoch.")
    assert "cancellation" not in kinds("Ich kündige nicht, aber zufrieden bin ich nicht.")
    assert "safety" not in kinds("Zum Glück keine Verletzung.")
    assert "legal" not in kinds("I don't need a lawyer, just my money back.")
    assert "cancellation" not in kinds("Ich würde nie zu einem anderen Anbieter wechseln.")
    assert "cancellation" in kinds("Ich wechsle zu einem anderen Anbieter.")


def test_legal_threats_are_found_in_compounds():
    assert kinds("Mein Rechtsanwalt meldet sich.")["legal"] == "Rechtsanwalt"
    assert "legal" in kinds("Ich gehe zur Schlichtungsstelle und zum Konsumentenschutz.")
    assert "legal" not in kinds("Das Gericht im Speisewagen war kalt.")


def test_safety_public_and_storm_signals_keep_the_original_words_as_evidence():
    found = kinds("Das Ladegerät hat Funken geschlagen, mein Sohn hat sich verbrüht!")
    assert found["safety"] == "Funken, verbrüht"
    assert kinds("Das kommt in die Zeitung und auf Instagram.")["public"] == "Zeitung, Instagram"
    assert kinds("Was für eine Frechheit. #bahnfail")["storm"] == "Frechheit, #bahnfail"


def test_several_exclamation_marks_or_shouting_make_a_storm_but_one_does_not():
    assert "storm" in kinds("Schon wieder kein Internet!!!")
    assert "storm" in kinds("DRITTE WOCHE OHNE INTERNET, was ist los")
    assert "storm" not in kinds("Schon wieder kein Internet!")
    assert "storm" not in kinds("Die SBB ist AGAIN zu spät.")


def test_figures_of_speech_raise_nothing():
    assert find_urgency("Feuer und Flamme für die neue Kaffeemaschine!") == ()
    assert find_urgency("Wann kommt meine Bestellung?") == ()
    assert "safety" not in kinds("Somebody should fire the manager, so rude.")
    assert "safety" in kinds("The charger caught fire on my desk.")


def test_storm_phrases_carry_their_own_negation_and_a_negation_ends_with_its_sentence():
    assert "storm" in kinds("Never again StreamBox. Never, ever again.")
    assert "storm" in kinds("Ich will nie wieder einen Vertrag mit euch.")
    assert "storm" in kinds("Another 50 minutes late and not one announcement. Unbelievable.")
    assert "legal" not in kinds("Nein, ich brauche keinen Anwalt.")
    assert "safety" in kinds("Nichts funktioniert. Mein Sohn hat sich verletzt.")
