import datetime

from django.db import migrations

from befus.networks.charter_text import CHARTER_V1 as TEXT


def create_charter(apps, schema_editor):
    Charter = apps.get_model("networks", "Charter")
    Charter.objects.get_or_create(
        version=1,
        defaults={
            "text": TEXT["nl"],
            "text_nl": TEXT["nl"],
            "text_fr": TEXT["fr"],
            "text_en": TEXT["en"],
            "published_on": datetime.date(2026, 11, 23),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]
    operations = [migrations.RunPython(create_charter, migrations.RunPython.noop)]
