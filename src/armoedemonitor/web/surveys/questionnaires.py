"""Questionnaires into the database: from an uploaded XLSForm or the default one."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

from .models import Questionnaire
from .xlsform import read_xlsform

DEFAULT = Path(__file__).resolve().parent / "questionnaires" / "ervaringen.xlsx"


def import_xlsform(data: bytes, filename: str) -> Questionnaire:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(data)
        handle.flush()
        form = read_xlsform(handle.name, filename)
    return Questionnaire.objects.create(titel=form.title, form_id=form.form_id, versie=form.version,
                                        bestand=filename, definition={"questions": [asdict(q) for q in form.questions]})


def import_default() -> Questionnaire:
    return import_xlsform(DEFAULT.read_bytes(), DEFAULT.name)
