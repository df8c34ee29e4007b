"""Load the demo register, framework, users and an assessment round. Safe to run twice."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from armoedemonitor.web.accounts.roles import grant
from armoedemonitor.web.interventions import assessment, demo_data
from armoedemonitor.web.interventions.models import (
    AssessmentRound,
    BestPracticeSet,
    Criterion,
    ExternalRecognition,
    Framework,
    Intervention,
    InterventionSite,
    Organisation,
    Perspectief,
    Scale,
    Study,
    TargetGroup,
    Theme,
)
from armoedemonitor.web.interventions.vocabulary import ensure_vocabulary


class Command(BaseCommand):
    help = "Laad een voorbeeldregister met 55 interventies, een toetsingskader en een beoordelingsronde."

    def add_arguments(self, parser):
        parser.add_argument("--zonder-gebruikers", action="store_true",
                            help=f"Maak geen demo-accounts aan (wachtwoord: {demo_data.PASSWORD}).")

    @transaction.atomic
    def handle(self, *args, **options):
        ensure_vocabulary(apps)
        organisations = [
            Organisation.objects.get_or_create(naam=naam, defaults={"soort": soort, "gemeente_code": code})[0]
            for naam, soort, code in demo_data.ORGANISATIONS
        ]
        interventions = [self._intervention(n, row, organisations) for n, row in enumerate(demo_data.INTERVENTIONS)]
        framework = self._framework()
        # The shared demo password is published: accounts only under the demo settings.
        if not options["zonder_gebruikers"] and settings.ARMOEDEMONITOR_DEMO:
            users = self._users(organisations)
            self._round(interventions[0], framework, users)
        self._best_practices(interventions[0])
        self.stdout.write(self.style.SUCCESS(
            f"Voorbeeldregister geladen: {Intervention.objects.count()} interventies, "
            f"{Framework.objects.count()} toetsingskader(s), {AssessmentRound.objects.count()} ronde(s)."
        ))

    def _intervention(self, n, row, organisations):
        naam, samenvatting, groups, themes, owner, gemeenten = row
        level, running = demo_data.LEVELS[n]
        intervention, created = Intervention.objects.get_or_create(
            slug=slugify(naam),
            defaults={
                "naam": naam, "samenvatting_b1": samenvatting, "eigenaar": organisations[owner],
                "bewijsniveau": level, "effectonderzoek_loopt": running,
                "status": Intervention.Status.GEPUBLICEERD,
                "kosten_band": None if n % 7 == 3 else 1 + n % 5,
                "duur": f"{3 + n % 10} maanden", "intensiteit": "één keer per week" if n % 2 else "twee keer per maand",
                "handleiding": level != "geen_beoordeling",
                "beschrijving": samenvatting + " De aanpak is ontwikkeld samen met bewoners en partners in de regio.",
            },
        )
        if not created:
            return intervention
        intervention.target_groups.set(TargetGroup.objects.filter(code__in=groups))
        intervention.themes.set(Theme.objects.filter(code__in=themes))
        if n % 3 == 0:
            intervention.partners.add(organisations[(owner + 1) % len(organisations)])
        for code in gemeenten:
            InterventionSite.objects.create(intervention=intervention, gemeente_code=code,
                                            organisation=organisations[owner],
                                            sinds=datetime.date(2016 + n % 7, 1, 1))
        if level in ("eerste_aanwijzingen", "sterke_aanwijzingen"):
            Study.objects.create(intervention=intervention, titel=f"Evaluatie {naam}", jaar=2019 + n % 4,
                                 ontwerp=(Study.Ontwerp.RCT if level == "sterke_aanwijzingen"
                                          else Study.Ontwerp.VOOR_NAMETING),
                                 n=40 + 13 * n, richting=Study.Richting.POSITIEF,
                                 onafhankelijk=level == "sterke_aanwijzingen")
            ExternalRecognition.objects.create(intervention=intervention, bron=ExternalRecognition.Bron.MOVISIE
                                               if n % 2 else ExternalRecognition.Bron.NJI, niveau=level)
        if running:
            Study.objects.create(intervention=intervention, titel=f"Effectonderzoek {naam}", jaar=2022,
                                 ontwerp=Study.Ontwerp.QUASI_EXPERIMENT, richting=Study.Richting.LOOPT)
        return intervention

    def _framework(self):
        scale, _ = Scale.objects.get_or_create(naam=demo_data.SCALE[0], defaults={"punten": demo_data.SCALE[1]})
        naam, toelichting = demo_data.FRAMEWORK
        framework, created = Framework.objects.get_or_create(naam=naam, versie=1,
                                                             defaults={"toelichting_b1": toelichting})
        if created:
            for n, (code, vraag, uitleg, perspectief) in enumerate(demo_data.CRITERIA, start=1):
                Criterion.objects.create(framework=framework, code=code, vraag_b1=vraag, uitleg=uitleg,
                                         volgorde=n, perspectief=perspectief, schaal=scale)
            assessment.adopt_framework(framework)
        return framework

    def _users(self, organisations):
        User = get_user_model()
        users = {}
        for username, first, last, role in demo_data.USERS:
            user, created = User.objects.get_or_create(username=username,
                                                       defaults={"first_name": first, "last_name": last})
            if created:
                user.set_password(demo_data.PASSWORD)
                user.save()
            grant(user, role)
            users[username] = user
        organisations[0].leden.add(users["redacteur"])
        return users

    def _round(self, intervention, framework, users):
        if intervention.rondes.exists():
            return
        round = assessment.start_round(intervention, framework, users["team"])
        for username, perspectief in (("prof1", Perspectief.PROFESSIONAL), ("prof2", Perspectief.PROFESSIONAL),
                                      ("ervaring1", Perspectief.ERVARING), ("ervaring2", Perspectief.ERVARING)):
            assessment.invite(round, users[username], perspectief)

    def _best_practices(self, intervention):
        year = datetime.date.today().year
        best, _ = BestPracticeSet.objects.get_or_create(jaar=year, defaults={"naam": "Werkende interventies"})
        if not best.memberships.filter(intervention=intervention).exists():
            assessment.add_to_best_practices(
                intervention, best, herzien_op=datetime.date(year + 2, 6, 1),
                reden="Onderzoek in meerdere gemeenten laat zien dat schulden kleiner blijven. "
                      "Ervaringsdeskundigen zeggen: de hulp komt op tijd en zonder oordeel.",
            )
