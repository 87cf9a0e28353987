from django.db import migrations

from brandwache.cases.repairs import rotate_links_shown_to_form_senders


class Migration(migrations.Migration):
    """Status links a web-form sender could see on the receipt of a case they joined."""

    dependencies = [("cases", "0014_subjects_on_one_line")]

    operations = [
        migrations.RunPython(rotate_links_shown_to_form_senders, migrations.RunPython.noop)
    ]
