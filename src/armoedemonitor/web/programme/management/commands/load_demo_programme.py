from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from armoedemonitor.web.accounts.roles import PROGRAMMATEAM, REDACTEUR, grant

from ...services.demo import load_faseplan


class Command(BaseCommand):
    help = "Laad de doelenboom uit het faseplan 2025-2026 (en met --users twee demo-gebruikers)."

    def add_arguments(self, parser):
        parser.add_argument("--users", action="store_true",
                            help="maak demo-gebruikers 'programma' en 'redacteur' (wachtwoord: demo-wachtwoord)")

    def handle(self, *args, users=False, **options):
        counts = load_faseplan()
        self.stdout.write(f"Doelenboom geladen: {counts['nodes']} onderdelen, {counts['indicators']} indicatoren.")
        if users:
            User = get_user_model()
            for username, role in (("programma", PROGRAMMATEAM), ("redacteur", REDACTEUR)):
                user, created = User.objects.get_or_create(username=username)
                if created:
                    user.set_password("demo-wachtwoord")
                    user.save()
                grant(user, role)
            self.stdout.write("Demo-gebruikers: programma, redacteur (wachtwoord: demo-wachtwoord).")
