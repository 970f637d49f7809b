import numpy as np
import pytest

from lintas.matching.index import VectorIndex, normalise

DIM = 16


def _data(n, seed=0):
    rng = np.random.default_rng(seed)
    return np.arange(n, dtype=np.int64) * 3 + 10, rng.standard_normal((n, DIM)).astype(np.float32)


def _brute(ids, vecs, q, k, allowed=None):
    scores = normalise(vecs) @ normalise(q)
    if allowed is not None:
        scores = np.where(np.isin(ids, list(allowed)), scores, -np.inf)
    order = np.argsort(-scores, kind="stable")[:k]
    return ids[order], scores[order]


def test_index_exact_search_equals_brute_force():
    ids, vecs = _data(500)
    index = VectorIndex.from_arrays(ids, vecs)
    q = np.random.default_rng(9).standard_normal(DIM)
    got_ids, got_scores = index.search(q, 10)
    want_ids, want_scores = _brute(ids, vecs, q, 10)
    assert index.backend == "exact"
    assert got_ids.tolist() == want_ids.tolist()
    np.testing.assert_allclose(got_scores, want_scores, rtol=1e-5)


def test_index_update_and_remove_change_results():
    ids, vecs = _data(200)
    index = VectorIndex.from_arrays(ids, vecs)
    q = vecs[5]
    index.update([ids[7]], q[None, :])
    assert index.search(q, 2)[0].tolist()[:2] in ([ids[5], ids[7]], [ids[7], ids[5]])
    assert index.remove([ids[5], 999_999]) == 1
    assert len(index) == 199 and ids[5] not in index
    assert index.search(q, 1)[0].tolist() == [ids[7]]
    keep = np.ones(200, bool)
    keep[5] = False
    vecs2 = vecs.copy()
    vecs2[7] = q
    want, _ = _brute(ids[keep], vecs2[keep], q, 20)
    assert index.search(q, 20)[0].tolist() == want.tolist()


def test_index_filtered_search_returns_k_when_enough_allowed():
    ids, vecs = _data(3000)
    index = VectorIndex.from_arrays(ids, vecs, ann_threshold=1000, exact_limit=50)
    assert index.backend == "ann"
    q = np.random.default_rng(3).standard_normal(DIM)
    for allowed in (ids[::300], ids[::40], ids[::2]):  # 10, 75 and 1500 allowed rows
        got, _ = index.search(q, 10, allowed=allowed)
        assert len(got) == 10
        assert set(got.tolist()) <= set(allowed.tolist())
    allowed = ids[::300]
    assert sorted(index.search(q, 10, allowed=allowed)[0]) == sorted(allowed)
    want, _ = _brute(ids, vecs, q, 10, allowed=ids[::40])
    assert index.search(q, 10, allowed=ids[::40])[0].tolist() == want.tolist()


def test_index_filter_forms_agree():
    ids, vecs = _data(300)
    index = VectorIndex.from_arrays(ids, vecs)
    q = vecs[0]
    allowed = set(ids[::7].tolist())
    by_ids = index.search(q, 5, allowed=allowed)[0].tolist()
    by_mask = index.search(q, 5, allowed=np.isin(index.ids, list(allowed)))[0].tolist()
    by_pred = index.search(q, 5, allowed=lambda a: np.isin(a, list(allowed)))[0].tolist()
    assert by_ids == by_mask == by_pred == _brute(ids, vecs, q, 5, allowed)[0].tolist()
    assert index.search(q, 5, allowed=[])[0].tolist() == []


def test_index_ann_recall_on_clustered_vectors():
    rng = np.random.default_rng(1)
    centres = rng.standard_normal((40, DIM)).astype(np.float32)
    vecs = centres[rng.integers(0, 40, 4000)] + 0.3 * rng.standard_normal((4000, DIM))
    ids = np.arange(4000)
    index = VectorIndex.from_arrays(ids, vecs, ann_threshold=1000, nprobe=8)
    hits = 0
    for q in vecs[:50] + 0.1 * rng.standard_normal((50, DIM)):
        hits += len(set(index.search(q, 10)[0].tolist()) & set(_brute(ids, vecs, q, 10)[0]))
    assert hits / 500 >= 0.9


def test_index_ann_add_update_remove_keep_ids_consistent():
    ids, vecs = _data(2000)
    index = VectorIndex.from_arrays(ids, vecs, ann_threshold=1000, exact_limit=0, nprobe=64)
    index.remove(ids[:10])
    index.add([1, 2], vecs[:2])
    index.update([ids[500]], -vecs[0][None, :])
    assert index.search(vecs[0], 1)[0].tolist() == [1]
    assert index.search(-vecs[0], 1)[0].tolist() == [ids[500]]
    got = index.search(vecs[3], 5)[0].tolist()
    assert not set(got) & set(ids[:10].tolist())


def test_index_save_load_round_trip(tmp_path):
    ids, vecs = _data(1500)
    for threshold in (1000, 50_000):
        index = VectorIndex.from_arrays(ids, vecs, ann_threshold=threshold)
        path = tmp_path / f"index-{threshold}.npz"
        index.save(path)
        loaded = VectorIndex.load(path)
        assert loaded.backend == index.backend
        assert loaded.ids.tolist() == index.ids.tolist()
        q = vecs[11]
        assert loaded.search(q, 10)[0].tolist() == index.search(q, 10)[0].tolist()


def test_index_rejects_mismatched_input():
    index = VectorIndex(DIM)
    with pytest.raises(ValueError):
        index.add([1, 2], np.zeros((3, DIM)))
    with pytest.raises(ValueError):
        index.add([1, 1], np.ones((2, DIM)))
    assert index.search(np.ones(DIM), 5)[0].tolist() == []
