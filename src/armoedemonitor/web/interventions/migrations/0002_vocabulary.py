from django.db import migrations


def load(apps, schema_editor):
    from armoedemonitor.web.interventions.vocabulary import ensure_vocabulary

    ensure_vocabulary(apps)


class Migration(migrations.Migration):
    dependencies = [("interventions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
