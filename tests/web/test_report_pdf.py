"""The yearly report's PDF is tagged (PDF/UA-1): structure, language and title inside."""

import re
import shutil
import subprocess

import pytest

from armoedemonitor.web.yearly_report.render import document, to_pdf


def test_report_pdf_is_tagged_with_language_and_title(tmp_path):
    pdf = to_pdf(document("<h1>Jaarrapportage 2025</h1><p>In het kort</p>", "Jaarrapportage 2025"))
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) not installed")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Jaarrapportage 2025$", info, re.M)
