"""Delete the raw answers of closed waves whose retention date has passed; the stored
figures stay. Run daily (cron or a systemd timer)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from armoedemonitor.web.surveys.models import Wave


class Command(BaseCommand):
    help = "Verwijder de losse antwoorden van gesloten rondes na hun bewaardatum (de cijfers blijven)."

    def add_arguments(self, parser):
        parser.add_argument("--op", type=date.fromisoformat, default=None,
                            help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD).")

    def handle(self, *args, op=None, **options):
        today = op or timezone.localdate()
        waves = Wave.objects.filter(status=Wave.Status.GESLOTEN, bewaren_tot__lt=today,
                                    ruwe_antwoorden_verwijderd_op=None)
        for wave in waves:
            with transaction.atomic():
                deleted, _detail = wave.responses.all().delete()
                wave.invitations.all().delete()
                wave.ruwe_antwoorden_verwijderd_op = timezone.now()
                wave.save(update_fields=["ruwe_antwoorden_verwijderd_op"])
            self.stdout.write(f"{wave.naam}: {deleted} antwoorden verwijderd; de cijfers blijven.")
