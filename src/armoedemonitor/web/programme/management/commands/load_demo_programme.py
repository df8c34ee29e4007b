from django.core.management.base import BaseCommand

from ...services.demo import load_faseplan


class Command(BaseCommand):
    help = "Laad de doelenboom uit het faseplan 2025-2026 (demo-gebruikers komen van load_demo_interventions)."

    def handle(self, *args, **options):
        counts = load_faseplan()
        self.stdout.write(f"Doelenboom geladen: {counts['nodes']} onderdelen, {counts['indicators']} indicatoren.")
