"""Query vectors are encoded once per query and model, then served from the process's memory
and, for other processes, from the shared cache (a search's main cost is the encoder)."""

import numpy as np
import pytest
from django.core.cache import cache

from lintas.matching import encoder as encoder_module
from lintas.matching.domain import search


class CountingEncoder(encoder_module.HashingEncoder):
    def __init__(self, name="counting"):
        super().__init__()
        self.name = name
        self.calls = []

    def encode_queries(self, texts):
        self.calls.append(list(texts))
        return super().encode_queries(texts)


@pytest.fixture
def counting(monkeypatch):
    cache.clear()
    search._recent.clear()
    fake = CountingEncoder()
    monkeypatch.setattr(encoder_module, "get_encoder", lambda: fake)
    yield fake
    search._recent.clear()
    cache.clear()


def test_repeated_query_is_encoded_once(counting):
    first = search.query_embedding("salt-tolerant rice")
    second = search.query_embedding("salt-tolerant rice")
    assert counting.calls == [["salt-tolerant rice"]]
    assert np.array_equal(first, second)
    assert np.array_equal(
        first, encoder_module.HashingEncoder().encode_queries(["salt-tolerant rice"])
    )


def test_another_process_reads_the_shared_cache(counting):
    vector = search.query_embedding("pompa irigasi")
    search._recent.clear()  # as a fresh worker process would start
    assert np.array_equal(search.query_embedding("pompa irigasi"), vector)
    assert counting.calls == [["pompa irigasi"]]


def test_another_model_or_query_is_encoded_anew(counting, monkeypatch):
    search.query_embedding("rice")
    search.query_embedding("Rice")
    other = CountingEncoder(name="another-model")
    monkeypatch.setattr(encoder_module, "get_encoder", lambda: other)
    search.query_embedding("rice")
    assert counting.calls == [["rice"], ["Rice"]] and other.calls == [["rice"]]


def test_the_process_keeps_a_bounded_number(counting, monkeypatch):
    monkeypatch.setattr(search, "QUERY_CACHE_SIZE", 3)
    for word in ("a", "b", "c", "d"):
        search.query_embedding(word)
    assert len(search._recent) == 3
