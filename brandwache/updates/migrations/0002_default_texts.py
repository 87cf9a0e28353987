"""The default update texts, German and English; administrators adapt them afterwards.

Existing rows are left alone, so running this again never overwrites an edited text.
"""

from django.db import migrations

TEXTS = {
    ("received", "de"): (
        "Ihre Nachricht ist angekommen",
        "{greeting},\n\n"
        "vielen Dank für Ihre Nachricht – sie ist gut bei uns angekommen. Ein Mensch aus "
        "unserem Team liest sie und meldet sich persönlich bei Ihnen.\n\n"
        "Wie es um Ihr Anliegen steht, sehen Sie jederzeit auf Ihrer persönlichen Seite:\n"
        "{status_url}\n\n"
        "Möchten Sie noch etwas ergänzen? Antworten Sie einfach auf diese E-Mail.\n\n"
        "Freundliche Grüße\n"
        "{organisation}",
    ),
    ("received", "en"): (
        "Your message has arrived",
        "{greeting},\n\n"
        "thank you for your message – it has reached us safely. A person on our team will "
        "read it and get back to you personally.\n\n"
        "You can see how your concern is progressing at any time on your personal page:\n"
        "{status_url}\n\n"
        "Would you like to add something? Just reply to this e-mail.\n\n"
        "Kind regards\n"
        "{organisation}",
    ),
    ("assigned", "de"): (
        "{agent_name} kümmert sich um Ihr Anliegen",
        "{greeting},\n\n"
        "ab jetzt kümmert sich {agent_name} persönlich um Ihr Anliegen. Sie haben damit eine "
        "feste Ansprechperson, die Ihren Fall kennt und sich bei Ihnen meldet.\n\n"
        "Den aktuellen Stand sehen Sie jederzeit hier:\n"
        "{status_url}\n\n"
        "Freundliche Grüße\n"
        "{agent_name}\n"
        "{organisation}",
    ),
    ("assigned", "en"): (
        "{agent_name} is taking care of your concern",
        "{greeting},\n\n"
        "from now on {agent_name} is personally taking care of your concern. You have one "
        "person to talk to who knows your case and will be in touch with you.\n\n"
        "You can see where things stand at any time here:\n"
        "{status_url}\n\n"
        "Kind regards\n"
        "{agent_name}\n"
        "{organisation}",
    ),
    ("waiting_third_party", "de"): (
        "Kurzer Zwischenstand zu Ihrem Anliegen",
        "{greeting},\n\n"
        "ein kurzer Zwischenstand: Für Ihr Anliegen brauchen wir eine Auskunft von einer "
        "anderen Stelle. Wir haben dort nachgefragt und warten auf die Antwort. Sobald sie "
        "da ist, melden wir uns wieder bei Ihnen – Sie müssen nichts weiter tun.\n\n"
        "Den aktuellen Stand sehen Sie jederzeit hier:\n"
        "{status_url}\n\n"
        "Freundliche Grüße\n"
        "{agent_name}\n"
        "{organisation}",
    ),
    ("waiting_third_party", "en"): (
        "A short update on your concern",
        "{greeting},\n\n"
        "a short update: for your concern we need information from another party. We have "
        "asked them and are waiting for their answer. As soon as we have it, we will be in "
        "touch again – there is nothing you need to do.\n\n"
        "You can see where things stand at any time here:\n"
        "{status_url}\n\n"
        "Kind regards\n"
        "{agent_name}\n"
        "{organisation}",
    ),
    ("resolved", "de"): (
        "Ihr Anliegen ist erledigt",
        "{greeting},\n\n"
        "wir haben Ihr Anliegen erledigt. Danke für Ihre Geduld – und dafür, dass Sie uns "
        "darauf aufmerksam gemacht haben.\n\n"
        "Ist noch etwas offen, oder sind Sie mit der Lösung nicht zufrieden? Dann antworten "
        "Sie einfach auf diese E-Mail; wir nehmen den Fall sofort wieder auf.\n\n"
        "Freundliche Grüße\n"
        "{agent_name}\n"
        "{organisation}",
    ),
    ("resolved", "en"): (
        "Your concern has been resolved",
        "{greeting},\n\n"
        "we have resolved your concern. Thank you for your patience – and for letting us "
        "know.\n\n"
        "Is anything still open, or are you not happy with the solution? Just reply to this "
        "e-mail and we will pick your case up again straight away.\n\n"
        "Kind regards\n"
        "{agent_name}\n"
        "{organisation}",
    ),
}


def add_texts(apps, schema_editor):
    UpdateTemplate = apps.get_model("updates", "UpdateTemplate")
    for (moment, language), (subject, body) in TEXTS.items():
        UpdateTemplate.objects.get_or_create(
            moment=moment, language=language, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("updates", "0001_initial")]

    operations = [migrations.RunPython(add_texts, migrations.RunPython.noop)]
