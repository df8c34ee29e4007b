"""A small synthetic population generated once for the synth tests."""

from pathlib import Path

import pytest
from synth_data import make


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    return make(tmp_path_factory.mktemp("synth") / "small", persons=4000)
