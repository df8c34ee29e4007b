"""The shared word lists of the register: target groups, themes (incl. the programme's
five forms of capital), outcome domains and working elements.

Loaded by a data migration, so every installation has them; the programme team can
extend them in the admin. Codes are stable: imports refer to them.
"""

TARGET_GROUPS = [
    ("kinderen", "Kinderen (0-12 jaar)"),
    ("jongeren", "Jongeren (12-27 jaar)"),
    ("volwassenen", "Volwassenen"),
    ("gezinnen", "Gezinnen"),
    ("ouderen", "Ouderen"),
    ("professionals", "Professionals"),
]

CAPITALS = [
    ("cultureel-kapitaal", "Cultureel kapitaal", "Kennis, vaardigheden en gewoontes, zoals opleiding en taal."),
    ("economisch-kapitaal", "Economisch kapitaal", "Geld en bezit: inkomen, spaargeld, geen schulden, een huis."),
    ("sociaal-kapitaal", "Sociaal kapitaal", "Mensen om je heen die je kunnen helpen: familie, vrienden, buren."),
    ("pedagogisch-kapitaal", "Pedagogisch kapitaal", "Wat ouders en opvoeders kinderen kunnen meegeven."),
    ("mentaal-kapitaal", "Mentaal kapitaal", "Rust in je hoofd, vertrouwen in jezelf en ruimte om vooruit te kijken."),
]

THEMES = [
    ("schulden", "Geldzaken en schulden"),
    ("werk", "Werk en meedoen"),
    ("onderwijs", "Onderwijs en taal"),
    ("gezondheid", "Gezondheid"),
    ("wonen", "Wonen"),
    ("opvoeding", "Opvoeding en gezin"),
]

OUTCOME_DOMAINS = [
    ("financiele-zelfredzaamheid", "Financiële zelfredzaamheid", "Zelf rondkomen en geldzaken regelen."),
    ("schuldenvrij", "Minder schulden", "Geen of minder problematische schulden."),
    ("werk-en-inkomen", "Werk en inkomen", "Betaald werk of een hoger inkomen."),
    ("kansen-kinderen", "Kansen voor kinderen", "Kinderen doen mee op school, sport en cultuur."),
    ("welbevinden", "Welbevinden", "Minder stress, meer rust en vertrouwen."),
    ("sociaal-netwerk", "Sociaal netwerk", "Meer mensen om op terug te vallen."),
    ("gezondheid", "Gezondheid", "Gezonder leven en je gezonder voelen."),
]

WORKING_ELEMENTS = [
    ("vaste-contactpersoon", "Eén vaste contactpersoon", "Iemand die je kent en die blijft."),
    ("ervaringsdeskundige-inzet", "Inzet van ervaringsdeskundigen", "Mensen die armoede zelf kennen helpen mee."),
    ("outreachend", "Outreachend werken", "De hulp komt naar je toe, thuis of in de wijk."),
    ("stressbewust", "Stress-sensitief werken", "Rekening houden met wat geldstress met je doet."),
    ("gezinsgericht", "Het hele gezin betrekken", "Niet alleen naar één persoon kijken."),
    ("vertrouwen", "Werken vanuit vertrouwen", "Geen wantrouwen en weinig regels vooraf."),
    ("laagdrempelig", "Laagdrempelig", "Makkelijk te vinden en zonder verwijzing."),
]


def ensure_vocabulary(apps) -> None:
    """Create missing entries; never overwrite what the programme team changed."""
    TargetGroup = apps.get_model("interventions", "TargetGroup")
    Theme = apps.get_model("interventions", "Theme")
    OutcomeDomain = apps.get_model("interventions", "OutcomeDomain")
    WorkingElement = apps.get_model("interventions", "WorkingElement")
    for n, (code, naam) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": n})
    for n, (code, naam, uitleg) in enumerate(CAPITALS):
        Theme.objects.get_or_create(code=code, defaults={"naam": naam, "soort": "kapitaal",
                                                         "omschrijving_b1": uitleg, "volgorde": n})
    for n, (code, naam) in enumerate(THEMES):
        Theme.objects.get_or_create(code=code, defaults={"naam": naam, "soort": "thema", "volgorde": n})
    for code, naam, uitleg in OUTCOME_DOMAINS:
        OutcomeDomain.objects.get_or_create(code=code, defaults={"naam": naam, "omschrijving_b1": uitleg})
    for code, naam, uitleg in WORKING_ELEMENTS:
        WorkingElement.objects.get_or_create(code=code, defaults={"naam": naam, "omschrijving_b1": uitleg})
