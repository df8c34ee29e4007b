"""An invented but plausible register for demonstrations (make demo).

55 interventions matching the 2022 picture of the werktafel presentation: 28 without
indications of effect (goed beschreven / goed onderbouwd), 11 with first indications,
5 with an effect study running, 1 with strong indications, and 10 not yet assessed.
Names and organisations are made up; municipalities are real (Groningen and Drenthe).
"""

ORGANISATIONS = [
    ("Welzijn Veenkracht", "welzijn", "GM0114"),
    ("Stichting Kansrijk Opgroeien", "vrijwilligers", "GM0037"),
    ("Budgetmaatjes Oost", "vrijwilligers", "GM1895"),
    ("Sociaal Team Veendam", "gemeente", "GM0047"),
    ("Werkplein Veenkoloniën", "gemeente", "GM1681"),
    ("GGD Noord", "zorg", "GM0014"),
    ("Onderwijsgroep De Monden", "onderwijs", "GM0114"),
    ("Woonstichting Het Veen", "wonen", "GM0037"),
    ("Huis van de Buurt Pekela", "welzijn", "GM0765"),
    ("Kenniswerkplaats Armoede Noord", "kennis", "GM0014"),
    ("Jeugdhulp Drenthe-Oost", "zorg", "GM0109"),
    ("Vrouwennetwerk Westerwolde", "vrijwilligers", "GM1950"),
]

# (naam, samenvatting in B1, doelgroepen, thema's en kapitaalsvormen, eigenaar-index, gemeenten)
INTERVENTIONS = [
    ("Vroeg Eropaf", "Als iemand een betaling mist, gaat een medewerker snel langs. Samen zoeken ze een oplossing voordat de schuld groot wordt.",
     ["volwassenen", "gezinnen"], ["schulden", "economisch-kapitaal", "mentaal-kapitaal"], 3, ["GM0047", "GM0037", "GM0765"]),
    ("Samen Rond", "Een maatje helpt een jaar lang met post, rekeningen en een weekbudget. Het maatje komt thuis.",
     ["volwassenen"], ["schulden", "economisch-kapitaal", "sociaal-kapitaal"], 2, ["GM1895", "GM0765"]),
    ("Kansrijk Starten", "Jonge ouders krijgen vanaf de zwangerschap een vaste begeleider. Die helpt bij opvoeden, geld en gezondheid.",
     ["gezinnen", "kinderen"], ["opvoeding", "pedagogisch-kapitaal", "gezondheid"], 1, ["GM0037", "GM0114"]),
    ("Huiswerkkamer in de wijk", "Kinderen maken na school hun huiswerk in het buurthuis. Vrijwilligers helpen en er is iets te eten.",
     ["kinderen"], ["onderwijs", "cultureel-kapitaal"], 8, ["GM0765"]),
    ("Taalcafé", "Volwassenen oefenen Nederlands in een ontspannen groep. Zo kunnen ze beter brieven lezen en meedoen.",
     ["volwassenen"], ["onderwijs", "cultureel-kapitaal", "sociaal-kapitaal"], 0, ["GM0114", "GM0109"]),
    ("Werkfit Veenkoloniën", "Mensen met een uitkering werken in kleine stappen toe naar betaald werk, met een vaste coach.",
     ["volwassenen"], ["werk", "economisch-kapitaal", "mentaal-kapitaal"], 4, ["GM1681", "GM0114", "GM0037"]),
    ("Geldfit op school", "Leerlingen leren in de klas omgaan met geld: sparen, lenen en wat een abonnement kost.",
     ["jongeren"], ["schulden", "onderwijs", "economisch-kapitaal"], 6, ["GM0114"]),
    ("Gezin centraal", "Eén hulpverlener voor het hele gezin, in plaats van vijf. Het gezin maakt samen één plan.",
     ["gezinnen"], ["opvoeding", "pedagogisch-kapitaal", "mentaal-kapitaal"], 10, ["GM0109", "GM0114", "GM1681"]),
    ("Stressvrij Rondkomen", "Een training over geldstress: wat het met je doet en hoe je weer overzicht krijgt.",
     ["volwassenen"], ["schulden", "mentaal-kapitaal"], 0, ["GM0114", "GM0118"]),
    ("Sportmaatje", "Kinderen uit gezinnen met weinig geld sporten gratis bij een club, met een maatje dat ze ophaalt.",
     ["kinderen", "jongeren"], ["gezondheid", "sociaal-kapitaal"], 1, ["GM0037", "GM0047"]),
    ("Moeders in Kracht", "Moeders komen elke week samen. Ze delen ervaringen en leren van elkaar over opvoeden en geld.",
     ["gezinnen", "volwassenen"], ["opvoeding", "sociaal-kapitaal", "pedagogisch-kapitaal"], 11, ["GM1950"]),
    ("Schuldhulp Zonder Wachtlijst", "Wie zich meldt met schulden, krijgt binnen drie dagen een gesprek. Er is geen wachtlijst.",
     ["volwassenen"], ["schulden", "economisch-kapitaal"], 3, ["GM0047"]),
    ("Buurtmentor", "Een vrijwilliger uit de buurt helpt een jongere bij school, werk en vrije tijd.",
     ["jongeren"], ["onderwijs", "werk", "sociaal-kapitaal"], 8, ["GM0765", "GM1952"]),
    ("Voorleesexpress", "Vrijwilligers lezen twintig weken voor in gezinnen. Ouders leren zelf ook voorlezen.",
     ["kinderen", "gezinnen"], ["onderwijs", "cultureel-kapitaal", "pedagogisch-kapitaal"], 1, ["GM0114", "GM1681"]),
    ("Woonlastenwijzer", "Huurders met een betaalachterstand krijgen snel hulp van de woonstichting en de gemeente samen.",
     ["volwassenen", "gezinnen"], ["wonen", "schulden", "economisch-kapitaal"], 7, ["GM0037"]),
    ("Gezonde Start", "Een verpleegkundige komt thuis bij gezinnen met een baby en geeft tips over eten, slapen en geld.",
     ["gezinnen", "kinderen"], ["gezondheid", "pedagogisch-kapitaal"], 5, ["GM0014", "GM1952"]),
    ("Jongerenloket", "Jongeren tot 27 kunnen met alle vragen over geld, school en werk terecht bij één loket.",
     ["jongeren"], ["werk", "schulden", "economisch-kapitaal"], 4, ["GM1681", "GM0114"]),
    ("Kledingbank met Kapper", "Gratis kleding en een knipbeurt, zodat mensen zich goed voelen bij een sollicitatie.",
     ["volwassenen"], ["werk", "mentaal-kapitaal"], 11, ["GM1950"]),
    ("Ouders aan Zet", "Ouders praten in een groep over opvoeden met weinig geld, onder leiding van een ervaringsdeskundige.",
     ["gezinnen"], ["opvoeding", "pedagogisch-kapitaal", "sociaal-kapitaal"], 0, ["GM0114"]),
    ("Digitaal Meedoen", "Hulp bij de computer en de telefoon: DigiD, bankzaken en toeslagen aanvragen.",
     ["volwassenen", "ouderen"], ["onderwijs", "cultureel-kapitaal"], 8, ["GM0765", "GM0047"]),
    ("Cultuurkaart Jong", "Kinderen krijgen een pas voor muziekles, theater en museum, betaald door het fonds.",
     ["kinderen", "jongeren"], ["cultureel-kapitaal"], 1, ["GM0037", "GM0047", "GM0765"]),
    ("Thuisadministratie", "Vrijwilligers helpen thuis om de papieren op orde te brengen en te houden.",
     ["volwassenen", "ouderen"], ["schulden", "economisch-kapitaal"], 2, ["GM1895"]),
    ("Leerwerkplek Groen", "Mensen zonder werk doen ervaring op in het groenonderhoud en halen een diploma.",
     ["volwassenen", "jongeren"], ["werk", "cultureel-kapitaal", "economisch-kapitaal"], 4, ["GM1681"]),
    ("Schoolmaatschappelijk werk Plus", "Een maatschappelijk werker op school praat met kinderen en ouders als thuis iets speelt.",
     ["kinderen", "gezinnen"], ["onderwijs", "opvoeding", "mentaal-kapitaal"], 6, ["GM0114", "GM0109"]),
    ("Eetclub Samen", "Eén keer per week samen koken en eten in het buurthuis, voor een klein bedrag.",
     ["volwassenen", "ouderen"], ["gezondheid", "sociaal-kapitaal"], 8, ["GM0765"]),
    ("Energiecoach", "Een coach komt thuis, kijkt naar de energierekening en helpt om te besparen.",
     ["volwassenen", "gezinnen"], ["wonen", "economisch-kapitaal"], 7, ["GM0037", "GM1950"]),
    ("Toekomstgesprek", "Een gesprek met een jongere over dromen en plannen, en wat er nodig is om ze waar te maken.",
     ["jongeren"], ["onderwijs", "werk", "mentaal-kapitaal"], 10, ["GM0109"]),
    ("Financiële APK", "Een jaarlijkse check van inkomsten, uitgaven en toeslagen, bij de bibliotheek.",
     ["volwassenen"], ["schulden", "economisch-kapitaal"], 3, ["GM0047", "GM0037"]),
    ("Peuterplein", "Peuters spelen twee ochtenden per week samen. Ouders drinken koffie en krijgen tips.",
     ["kinderen", "gezinnen"], ["opvoeding", "pedagogisch-kapitaal", "sociaal-kapitaal"], 6, ["GM0114"]),
    ("Bewegen op Recept", "De huisarts verwijst naar een sportgroep in de buurt, de eerste maanden gratis.",
     ["volwassenen"], ["gezondheid", "mentaal-kapitaal"], 5, ["GM1952", "GM0014"]),
    ("Armoedevriendelijke school", "Scholen letten erop dat uitjes en spullen geen drempel zijn voor kinderen uit arme gezinnen.",
     ["kinderen"], ["onderwijs", "cultureel-kapitaal"], 6, ["GM0114", "GM1681"]),
    ("Budgetcursus Rondkomen", "Zes avonden over budgetteren, sparen en verleidingen, in een kleine groep.",
     ["volwassenen"], ["schulden", "economisch-kapitaal"], 2, ["GM1895", "GM1950"]),
    ("Jong Ondernemen", "Jongeren starten een klein bedrijfje op school en leren rekenen met geld.",
     ["jongeren"], ["werk", "economisch-kapitaal", "cultureel-kapitaal"], 6, ["GM0114"]),
    ("Maatjesproject Ouderen", "Een vrijwilliger bezoekt een oudere die alleen is, en helpt met kleine klussen.",
     ["ouderen"], ["sociaal-kapitaal", "mentaal-kapitaal"], 8, ["GM0765"]),
    ("Vaders Doen Mee", "Vaders leren in een groep over opvoeden en over hun eigen rol in het gezin.",
     ["gezinnen", "volwassenen"], ["opvoeding", "pedagogisch-kapitaal"], 0, ["GM0114", "GM0109"]),
    ("Ontzorgen bij Schulden", "Een bewindvoerder betaalt tijdelijk de vaste lasten, zodat het gezin rust krijgt.",
     ["gezinnen"], ["schulden", "economisch-kapitaal", "mentaal-kapitaal"], 3, ["GM0047"]),
    ("Werkervaring in de Zorg", "Mensen zonder werk lopen mee in de zorg en kunnen daarna een opleiding volgen.",
     ["volwassenen"], ["werk", "cultureel-kapitaal"], 5, ["GM0014"]),
    ("Tienerclub", "Een plek voor tieners na school met activiteiten en een jongerenwerker om mee te praten.",
     ["jongeren"], ["sociaal-kapitaal", "mentaal-kapitaal"], 0, ["GM0114"]),
    ("Zomerschool", "In de zomervakantie twee weken les en uitjes, zodat kinderen geen achterstand oplopen.",
     ["kinderen"], ["onderwijs", "cultureel-kapitaal"], 6, ["GM0114", "GM1681"]),
    ("Toeslagencheck", "Medewerkers kijken samen met mensen of ze alle toeslagen en regelingen krijgen.",
     ["volwassenen", "gezinnen"], ["schulden", "economisch-kapitaal"], 3, ["GM0047", "GM0037"]),
    ("Herstelcirkel", "Mensen met ervaring in armoede helpen elkaar in een groep om weer grip te krijgen.",
     ["volwassenen"], ["mentaal-kapitaal", "sociaal-kapitaal"], 9, ["GM0014"]),
    ("Gezond Gewicht Kids", "Kinderen en ouders leren samen over gezond eten en bewegen, met een vaste coach.",
     ["kinderen", "gezinnen"], ["gezondheid", "pedagogisch-kapitaal"], 5, ["GM1952"]),
    ("Wijkteam Aan Tafel", "Bewoners, wijkteam en woonstichting zitten elke maand samen om problemen vroeg te zien.",
     ["volwassenen", "gezinnen"], ["wonen", "sociaal-kapitaal"], 7, ["GM0037"]),
    ("Opstapbaan", "Een betaalde baan van een jaar bij de gemeente, met begeleiding naar vast werk.",
     ["volwassenen"], ["werk", "economisch-kapitaal"], 4, ["GM1681"]),
    ("Mentorschap Studenten", "Studenten begeleiden leerlingen van het vmbo bij de keuze voor een vervolgopleiding.",
     ["jongeren"], ["onderwijs", "cultureel-kapitaal", "sociaal-kapitaal"], 9, ["GM0014", "GM1969"]),
    ("Speelgoedbank", "Gezinnen met weinig geld halen gratis speelgoed en cadeaus voor verjaardagen.",
     ["kinderen", "gezinnen"], ["pedagogisch-kapitaal"], 11, ["GM1950"]),
    ("Rijbewijsfonds", "Een lening voor het rijbewijs, zodat mensen werk verder weg kunnen aannemen.",
     ["jongeren", "volwassenen"], ["werk", "economisch-kapitaal"], 4, ["GM1681", "GM0109"]),
    ("Praatgroep Geldzorgen", "Een vaste groep waar mensen over geldzorgen praten, begeleid door een ervaringsdeskundige.",
     ["volwassenen"], ["schulden", "mentaal-kapitaal", "sociaal-kapitaal"], 9, ["GM0047"]),
    ("Ouderkamer op School", "Een kamer in de school waar ouders elkaar ontmoeten en vragen kunnen stellen.",
     ["gezinnen"], ["onderwijs", "opvoeding", "sociaal-kapitaal"], 6, ["GM0114"]),
    ("Klusbus", "Vrijwilligers doen kleine reparaties in huis, zodat het veilig en zuinig blijft.",
     ["ouderen", "volwassenen"], ["wonen"], 7, ["GM0037"]),
    ("Beroepenmarkt Veenkoloniën", "Leerlingen maken kennis met beroepen in de eigen regio, met stages bij bedrijven.",
     ["jongeren"], ["werk", "onderwijs", "cultureel-kapitaal"], 4, ["GM1681", "GM0114"]),
    ("Samen Sterk Thuis", "Een gezinscoach helpt gezinnen met veel problemen tegelijk om weer overzicht te krijgen.",
     ["gezinnen"], ["opvoeding", "mentaal-kapitaal"], 10, ["GM0109"]),
    ("Fietsmaatjes", "Vrijwilligers fietsen samen met mensen die zelf niet (meer) kunnen fietsen.",
     ["ouderen"], ["gezondheid", "sociaal-kapitaal"], 8, ["GM0765"]),
    ("Trainingsprogramma Armoedebewust Werken", "Professionals leren hoe armoede voelt en hoe ze mensen beter kunnen helpen.",
     ["professionals"], ["mentaal-kapitaal"], 9, ["GM0014", "GM0114", "GM0037"]),
    ("Vakantiefonds Gezinnen", "Gezinnen met weinig geld gaan een weekend op vakantie, met activiteiten voor de kinderen.",
     ["gezinnen", "kinderen"], ["sociaal-kapitaal", "mentaal-kapitaal"], 1, ["GM0037"]),
]
assert len(INTERVENTIONS) == 55

# Position in INTERVENTIONS -> (bewijsniveau, effectonderzoek_loopt). 1 + 11 + 5 + 28 + 10 = 55.
LEVELS = (
    [("sterke_aanwijzingen", False)]
    + [("eerste_aanwijzingen", False)] * 11
    + [("goed_onderbouwd", True)] * 5
    + [("goed_onderbouwd", False)] * 12 + [("goed_beschreven", False)] * 16
    + [("geen_beoordeling", False)] * 10
)
assert len(LEVELS) == 55

SCALE = ("Vier punten", [
    {"waarde": 1, "label": "Nee, helemaal niet"},
    {"waarde": 2, "label": "Een beetje"},
    {"waarde": 3, "label": "Grotendeels"},
    {"waarde": 4, "label": "Ja, helemaal"},
])

FRAMEWORK = ("Toetsingskader Alliantie van Kracht",
             "Met deze vragen kijken professionals en ervaringsdeskundigen samen of een aanpak werkt.")

# (code, vraag, uitleg, perspectief)
CRITERIA = [
    ("doel", "Is duidelijk wat de aanpak wil bereiken?", "Kijk naar het doel: voor wie en wat moet er beter worden.", "beide"),
    ("past-bij-leven", "Past de aanpak bij het leven van mensen in armoede?", "Denk aan tijd, geld, vervoer en stress.", "ervaring"),
    ("gezien", "Voelen deelnemers zich gezien en serieus genomen?", "", "ervaring"),
    ("drempel", "Is het makkelijk om mee te doen?", "Zijn er geen hoge drempels, zoals kosten of lastige formulieren?", "ervaring"),
    ("onderbouwing", "Is goed uitgelegd waarom de aanpak zou werken?", "Is er een theorie of eerder onderzoek?", "professional"),
    ("uitvoerbaar", "Kan een organisatie de aanpak goed uitvoeren?", "Denk aan handleiding, training en kosten.", "professional"),
    ("resultaat", "Wordt zichtbaar dat er iets verbetert?", "Bijvoorbeeld door metingen of verhalen van deelnemers.", "beide"),
]

PASSWORD = "demo-armoedemonitor"
USERS = [
    # (username, voornaam, achternaam, rol)
    ("team", "Tineke", "Mulder", "programmateam"),
    ("redacteur", "Rik", "Smit", "redacteur"),
    ("prof1", "Petra", "de Boer", "beoordelaar_professional"),
    ("prof2", "Jan", "Bakker", "beoordelaar_professional"),
    ("ervaring1", "Esther", "Kuipers", "beoordelaar_ervaring"),
    ("ervaring2", "Henk", "Oosting", "beoordelaar_ervaring"),
]
