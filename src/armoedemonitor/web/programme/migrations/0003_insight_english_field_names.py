# Insight's fields follow the naming rule (code English, domain values Dutch):
# soort -> kind, tekst_b1 -> text_b1, bron -> source. Data is kept as it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0002_story"),
    ]

    operations = [
        operation
        for model in ("insight", "historicalinsight")
        for operation in (
            migrations.RenameField(model_name=model, old_name="soort", new_name="kind"),
            migrations.RenameField(model_name=model, old_name="tekst_b1", new_name="text_b1"),
            migrations.RenameField(model_name=model, old_name="bron", new_name="source"),
        )
    ]
