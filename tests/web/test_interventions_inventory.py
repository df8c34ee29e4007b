"""CSV/Excel import and export of the register: atomic, per-row errors, round trip."""

import pytest
from test_interventions_support import ensure_vocabulary

from armoedemonitor.errors import InputError
from armoedemonitor.web.interventions import inventory
from armoedemonitor.web.interventions.models import Intervention, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary(db):
    ensure_vocabulary()

GOOD = (
    "slug,naam,samenvatting_b1,doelgroepen,themas,eigenaar,partners,gemeenten,kosten_band,"
    "kosten_per_deelnemer_eur,bewijsniveau,effectonderzoek_loopt,status\n"
    "vroeg-eropaf,Vroeg Eropaf,Snel langs bij een gemiste betaling.,volwassenen;gezinnen,"
    "schulden;economisch-kapitaal,Sociaal Team,Budgetmaatjes;GGD,GM0047;Stadskanaal,2,\"1.250,50\","
    "eerste_aanwijzingen,nee,gepubliceerd\n"
    ",Taalcafé,Oefenen met Nederlands.,volwassenen,onderwijs,,,,,,goed_onderbouwd,ja,\n"
)


def test_import_creates_interventions_with_all_links():
    summary = inventory.import_inventory(GOOD.encode(), "inventaris.csv")
    assert (summary.created, summary.updated) == (2, 0)
    vroeg = Intervention.objects.get(slug="vroeg-eropaf")
    assert sorted(g.code for g in vroeg.target_groups.all()) == ["gezinnen", "volwassenen"]
    assert sorted(t.code for t in vroeg.themes.all()) == ["economisch-kapitaal", "schulden"]
    assert vroeg.eigenaar.naam == "Sociaal Team"
    assert sorted(p.naam for p in vroeg.partners.all()) == ["Budgetmaatjes", "GGD"]
    # "Stadskanaal" is matched by name to its CBS code GM0037
    assert vroeg.gemeente_codes() == ["GM0037", "GM0047"]
    assert vroeg.kosten_band == 2 and str(vroeg.kosten_per_deelnemer_eur) == "1250.50"
    assert vroeg.status == "gepubliceerd" and vroeg.bewijsniveau == "eerste_aanwijzingen"
    # The slug is made from the name when empty; empty costs stay unknown (null), not zero
    taal = Intervention.objects.get(slug="taalcafe")
    assert taal.kosten_band is None and taal.kosten_per_deelnemer_eur is None
    assert taal.effectonderzoek_loopt and taal.status == "concept" and taal.eigenaar is None


def test_import_again_updates_by_slug():
    inventory.import_inventory(GOOD.encode(), "inventaris.csv")
    changed = GOOD.replace("Snel langs bij een gemiste betaling.", "Nieuwe samenvatting.")
    changed = changed.replace("GM0047;Stadskanaal", "GM0047")
    summary = inventory.import_inventory(changed.encode(), "inventaris.csv")
    assert (summary.created, summary.updated) == (0, 2)
    vroeg = Intervention.objects.get(slug="vroeg-eropaf")
    assert vroeg.samenvatting_b1 == "Nieuwe samenvatting." and vroeg.gemeente_codes() == ["GM0047"]
    # history keeps the old text (m2m changes add records of their own, so no fixed count)
    texts = [h.samenvatting_b1 for h in vroeg.history.order_by("history_date", "history_id")]
    assert texts[0] == "Snel langs bij een gemiste betaling." and texts[-1] == "Nieuwe samenvatting."


def test_bad_rows_are_all_reported_with_row_and_column_and_nothing_is_written():
    bad = (
        "naam,samenvatting_b1,doelgroepen,gemeenten,kosten_band,bewijsniveau,effectonderzoek_loopt\n"
        "Goed,Prima.,volwassenen,GM0114,3,goed_beschreven,nee\n"
        "Fout een,,peuters,Amsterdam,9,heel_goed,misschien\n"
        "Fout twee,Tekst.,kinderen,,,,\n"
        "Fout twee,Dubbel.,,,,,\n"
    )
    with pytest.raises(InputError) as error:
        inventory.import_inventory(bad.encode(), "lijst.csv")
    problems = error.value.problems
    assert "lijst.csv, rij 3, kolom samenvatting_b1: is leeg; dit veld is verplicht." in problems
    assert any(p.startswith("lijst.csv, rij 3, kolom doelgroepen: onbekende code(s) peuters") for p in problems)
    assert "lijst.csv, rij 3, kolom gemeenten: 'Amsterdam' is geen gemeente in Groningen of Drenthe." in problems
    assert any(p.startswith("lijst.csv, rij 3, kolom kosten_band:") for p in problems)
    assert any(p.startswith("lijst.csv, rij 3, kolom bewijsniveau: 'heel_goed'") for p in problems)
    assert "lijst.csv, rij 3, kolom effectonderzoek_loopt: 'misschien' moet ja of nee zijn." in problems
    assert "lijst.csv, rij 5, kolom slug: 'fout-twee' staat ook in rij 4." in problems
    assert len(problems) == 7
    assert not Intervention.objects.exists() and not Organisation.objects.exists()


def test_missing_required_column_and_unknown_column_are_named():
    with pytest.raises(InputError, match="kolom ontbreekt: samenvatting_b1"):
        inventory.import_inventory(b"naam\nIets\n", "x.csv")
    with pytest.raises(InputError, match="onbekende kolom"):
        inventory.import_inventory(b"naam,samenvatting_b1,kleur\nA,B,rood\n", "x.csv")
    with pytest.raises(InputError, match=r"kies een \.csv- of \.xlsx-bestand"):
        inventory.import_inventory(b"", "x.pdf")
    with pytest.raises(InputError, match="geen UTF-8"):
        inventory.import_inventory("naam,samenvatting_b1\nCafé,x\n".encode("latin-1"), "x.csv")
    assert not Intervention.objects.exists()


def test_semicolon_csv_from_dutch_excel():
    text = "naam;samenvatting_b1;doelgroepen\nKlusbus;Kleine klussen in huis.;ouderen\n"
    inventory.import_inventory(text.encode("utf-8-sig"), "klus.csv")
    assert Intervention.objects.get(slug="klusbus").target_groups.get().code == "ouderen"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_round_trips_through_import(fmt):
    inventory.import_inventory(GOOD.encode(), "inventaris.csv")
    before = inventory.export_rows()
    data = inventory.export_csv() if fmt == "csv" else inventory.export_xlsx()
    Intervention.objects.all().delete()
    summary = inventory.import_inventory(data, f"export.{fmt}")
    assert summary.created == 2
    assert inventory.export_rows() == before
    assert before[0] == inventory.COLUMNS
    row = dict(zip(before[0], before[1], strict=True))  # ordered by naam: Taalcafé < Vroeg
    assert row["slug"] == "taalcafe" and row["kosten_band"] == "" and row["effectonderzoek_loopt"] == "ja"
