"""Session-scoped encoder fixtures: the real model is loaded and small texts encoded once."""

from __future__ import annotations

import pytest

# Short multilingual fixture: pairs of translations plus unrelated sentences.
FIXTURE_TEXTS = [
    "Solar panels convert sunlight into electricity.",
    "太阳能电池板把阳光转化为电能。",
    "Panel surya mengubah sinar matahari menjadi listrik.",
    "Shrimp farming needs clean water.",
    "Nuôi tôm cần nguồn nước sạch.",
    "The meeting starts at nine tomorrow.",
]


@pytest.fixture(scope="session")
def fixture_texts():
    """The short multilingual texts behind ``fixture_passages``."""
    return list(FIXTURE_TEXTS)


@pytest.fixture(scope="session")
def real_encoder():
    """The process-wide E5 encoder (the same instance the CLI uses)."""
    from lintas.matching.encoder import get_encoder

    return get_encoder()


@pytest.fixture(scope="session")
def fixture_passages(real_encoder):
    """FIXTURE_TEXTS encoded as passages, once per test session."""
    return real_encoder.encode_passages(FIXTURE_TEXTS)
