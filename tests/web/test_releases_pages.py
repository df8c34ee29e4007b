"""Release pages and the OUTPUT_CHECK.md renderer (safe: nothing in the file becomes markup)."""

import pytest

from armoedemonitor.web.releases.markdown import render

pytestmark = pytest.mark.django_db


def test_markdown_blocks_become_html():
    html = render(
        "# Controle\n\nDe regels zijn **toegepast**.\nTweede regel.\n\n"
        "- n < 10: primair\n- afronden op `5`\n\n"
        "| cel | reden |\n|---|---|\n| GM0047 | n = 7 |\n"
    )
    assert "<h2>Controle</h2>" in html  # the page has its own h1
    assert "<p>De regels zijn <strong>toegepast</strong>. Tweede regel.</p>" in html
    assert "<ul><li>n &lt; 10: primair</li><li>afronden op <code>5</code></li></ul>" in html
    assert '<thead><tr><th scope="col">cel</th><th scope="col">reden</th></tr></thead>' in html
    assert "<tbody><tr><td>GM0047</td><td>n = 7</td></tr></tbody>" in html


def test_markdown_cannot_inject_markup():
    html = render('<script>alert(1)</script>\n\n## <img src=x onerror="y">\n\n```\n<b>code</b>\n```')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<pre>&lt;b&gt;code&lt;/b&gt;</pre>" in html


def test_release_list_and_detail(client, hand_release):
    listing = client.get("/releases/").content.decode()
    assert f'/releases/{hand_release.pk}/' in listing and "1.0.0" in listing
    assert "Release toevoegen" not in listing  # only for the programme team
    detail = client.get(f"/releases/{hand_release.pk}/").content.decode()
    assert "<h2>Controle</h2>" in detail and "Alles in orde." in detail
    assert "Van elke 100 kinderen groeien er zoveel op" in detail
    assert "definitie van laag_inkomen_personen" in detail
    assert client.get("/releases/999999/").status_code == 404


def test_release_page_summarises_the_omitted_cells_and_offers_the_full_file(client, hand_release):
    rows = "".join(f"| laag_inkomen_personen | 2022 | wijk | WK01140{i} | | | primair | n < 10 |\n" for i in range(3))
    hand_release.output_check = (
        "# Controle\n\n## Audit\n\nGESLAAGD\n\n## Weggelaten cellen\n\n"
        "| indicator | jaar | niveau | gebied | uitsplitsing | categorie | status | reden |\n"
        "|---|---|---|---|---|---|---|---|\n" + rows
    )
    hand_release.save()
    page = client.get(f"/releases/{hand_release.pk}/").content.decode()
    assert "GESLAAGD" in page
    assert "WK011400" not in page  # the cell list stays in the file
    assert "3 cellen zijn weggelaten." in page
    full = client.get(f"/releases/{hand_release.pk}/OUTPUT_CHECK.md")
    assert full["Content-Disposition"] == 'attachment; filename="OUTPUT_CHECK-test-1.0.0.md"'
    assert full.content.decode() == hand_release.output_check
