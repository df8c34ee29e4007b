# A share hidden to protect other figures may be published less precisely, as a range
# (release status "bereik", columns value_lower/value_upper; issue 11).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorvalue",
            name="value_lower",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="indicatorvalue",
            name="value_upper",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="indicatorvalue",
            name="status",
            field=models.CharField(
                choices=[
                    ("ok", "gepubliceerd"),
                    ("primair", "te weinig gegevens"),
                    ("secundair", "weggelaten om andere cijfers te beschermen"),
                    ("afgerond", "afgerond"),
                    ("bereik", "minder precies: alleen een bereik"),
                ],
                max_length=20,
            ),
        ),
    ]
