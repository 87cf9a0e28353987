"""The detectors on single replies: what counts, what does not, and the evidence shown."""

from __future__ import annotations

from brandwache.playbook.detectors import (
    apology,
    check_personal,
    check_playbook,
    concrete_action,
    excuse,
    greeting_by_name,
    next_step,
    refers_to_customer,
    unchanged_standard_text,
)

CUSTOMER = (
    "Meine Rechnung vom März ist doppelt belastet worden, CHF 49.90 zu viel. "
    "Ich erwarte die Rückerstattung."
)


def test_an_apology_is_found_with_its_words_as_evidence() -> None:
    text = "Guten Tag Frau Muster\n\nEs tut mir sehr leid, dass die Rechnung falsch war."
    found = apology(text)
    assert found.found
    assert found.evidence == "Es tut mir sehr leid"
    assert text[found.start : found.end] == "Es tut mir sehr leid"


def test_leider_alone_is_no_apology() -> None:
    assert not apology("Leider ist die Ware nicht mehr an Lager.").found
    assert not apology("Unfortunately the item is out of stock.").found


def test_an_apology_inside_the_quoted_customer_text_does_not_count() -> None:
    text = "Danke für Ihre Nachricht.\n\n> Ein „es tut mir leid“ reicht mir nicht.\n> P. Muster"
    assert not apology(text).found
    assert not apology("Sie schreiben: „Es tut mir leid reicht nicht.“").found


def test_a_negated_apology_does_not_count() -> None:
    assert not apology("You don't need to apologise, this is on us.").found
    assert not apology("I'm not sorry for enforcing the rules.").found


def test_a_concrete_action_needs_a_precise_time() -> None:
    assert concrete_action("Wir erstatten Ihnen den Betrag bis Freitag.").found
    assert concrete_action("Die Gutschrift erscheint mit der nächsten Rechnung.").found
    assert concrete_action("A replacement will be shipped within 48 hours.").found
    assert not concrete_action("Wir erstatten den Betrag so bald wie möglich.").found
    assert not concrete_action("We'll fix this as soon as possible.").found


def test_asking_the_customer_to_act_is_no_concrete_action() -> None:
    assert not concrete_action("Können Sie uns das Gerät bis Freitag zurückschicken?").found
    assert not concrete_action("Bitte senden Sie uns die Quittung bis zum 3. Dezember.").found
    assert not concrete_action("Please return the device within 14 days.").found


def test_a_remedy_already_carried_out_counts_as_concrete_action() -> None:
    assert concrete_action("Ich habe die Gutschrift von EUR 30 soeben ausgelöst.").found
    assert concrete_action("The refund has already been issued.").found


def test_an_excuse_about_internal_trouble_is_found() -> None:
    found = excuse("Aufgrund einer Systemumstellung kam es zu Verzögerungen.")
    assert found.found and found.evidence == "Systemumstellung"
    assert excuse("Due to a staff shortage, your request was delayed.").found
    assert excuse("Wir hatten technische Probleme bei uns im Rechenzentrum.").found


def test_trouble_on_the_customers_side_or_owning_up_is_no_excuse() -> None:
    assert not excuse("Technische Probleme mit Ihrem Router lassen sich oft lösen.").found
    assert not excuse("Dass wir ein hohes Aufkommen haben, ist keine Entschuldigung.").found
    assert not excuse("There is no excuse for this, the mistake was ours.").found


def test_the_next_step_is_found_but_not_a_request_to_call_us() -> None:
    assert next_step("Wir melden uns bis Donnerstag bei Ihnen.").found
    assert next_step("I will call you tomorrow morning.").found
    assert not next_step("Bitte melden Sie sich, wenn Sie Fragen haben.").found
    assert not next_step("Did you receive our email from last week?").found


def test_the_four_checks_run_together_on_one_draft() -> None:
    draft = (
        "Grüezi Frau Muster\n\nEs tut mir leid. Die CHF 49.90 buchen wir bis Freitag zurück. "
        "Sie hören morgen von mir."
    )
    found = {name: result.found for name, result in check_playbook(draft).items()}
    assert found == {
        "apology": True,
        "concrete_action": True,
        "excuse": False,
        "next_step": True,
    }


def test_a_greeting_must_name_the_contact() -> None:
    assert greeting_by_name("Grüezi Frau Muster\n\nDanke.", "Petra Muster").found
    assert greeting_by_name("Hallo Petra,\nwir prüfen das.", "Petra Muster").found
    assert greeting_by_name("Dear Mrs Schneider-Huber,", "Anna Schneider-Huber").found
    assert not greeting_by_name("Sehr geehrte Damen und Herren\n\nDanke.", "Petra Muster").found
    assert not greeting_by_name("Guten Tag Herr Keller", "Petra Muster").found
    assert not greeting_by_name("Guten Tag Frau Muster", "").found


def test_the_name_later_in_the_text_is_no_greeting() -> None:
    text = "Guten Tag\n\nWir haben mit Frau Muster gesprochen."
    assert not greeting_by_name(text, "P. Muster").found


def test_a_reply_that_takes_up_details_refers_to_the_customer() -> None:
    found = refers_to_customer("Die doppelte Belastung vom März buchen wir zurück.", CUSTOMER)
    assert found.found
    assert "März" in found.evidence
    assert refers_to_customer("Die CHF 49,90 erstatten wir.", CUSTOMER).found


def test_a_generic_reply_refers_to_nothing_the_customer_wrote() -> None:
    generic = "Vielen Dank für Ihre Nachricht. Wir kümmern uns so rasch wie möglich darum."
    assert not refers_to_customer(generic, CUSTOMER).found


def test_the_contacts_name_alone_is_no_reference_to_the_message() -> None:
    customer = "Petra Muster hier. Mein Paket ist nicht angekommen, obwohl bezahlt."
    assert not refers_to_customer("Liebe Frau Muster, danke.", customer, "Petra Muster").found


def test_a_standard_text_sent_unchanged_is_recognised_also_with_another_greeting() -> None:
    standard = (
        "Guten Tag Frau Muster\n\nVielen Dank für Ihre Nachricht. Wir haben Ihr Anliegen "
        "erhalten und kümmern uns so rasch wie möglich darum.\n\nFreundliche Grüsse"
    )
    assert unchanged_standard_text(standard, [standard]).found
    regreeted = standard.replace("Guten Tag Frau Muster", "Grüezi Herr Keller")
    assert unchanged_standard_text(regreeted, ["Andere Antwort", standard]).found


def test_a_standard_text_with_a_personal_sentence_added_is_changed() -> None:
    standard = "Vielen Dank für Ihre Nachricht. Wir kümmern uns so rasch wie möglich darum."
    adapted = standard + " Die doppelte Belastung vom März über CHF 49.90 buchen wir zurück."
    assert not unchanged_standard_text(adapted, [standard]).found
    assert not unchanged_standard_text(standard, []).found


def test_impersonal_means_no_greeting_and_no_reference_or_a_standard_text() -> None:
    generic = "Guten Tag\n\nVielen Dank für Ihre Nachricht. Wir kümmern uns darum."
    named = "Grüezi Frau Muster\n\nVielen Dank für Ihre Nachricht. Wir kümmern uns darum."
    name, customer = "Petra Muster", CUSTOMER
    assert check_personal(generic, name=name, customer_text=customer).impersonal
    assert not check_personal(named, name=name, customer_text=customer).impersonal
    standard = check_personal(named, name=name, customer_text=customer, standard_texts=[named])
    assert standard.impersonal
