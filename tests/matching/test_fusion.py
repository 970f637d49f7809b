import pytest

from lintas.matching.fusion import reciprocal_rank_fusion


def test_rrf_matches_hand_computed_scores():
    fused = reciprocal_rank_fusion({"vector": ["a", "b", "c"], "lexical": ["b", "d"]}, k=60)
    # b: 1/62 + 1/61, a: 1/61, d: 1/62, c: 1/63
    assert [h.id for h in fused] == ["b", "a", "d", "c"]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 61)
    assert fused[0].ranks == {"vector": 2, "lexical": 1}
    assert fused[3].score == pytest.approx(1 / 63)


def test_rrf_weights_change_the_order():
    fused = reciprocal_rank_fusion(
        {"vector": ["a", "b"], "lexical": ["b", "a"]}, k=0, weights={"vector": 3.0}
    )
    # a: 3/1 + 1/2 = 3.5; b: 3/2 + 1/1 = 2.5
    assert [(h.id, h.score) for h in fused] == [("a", 3.5), ("b", 2.5)]
    assert fused[0].contributions == {"vector": 3.0, "lexical": 0.5}


def test_rrf_ties_break_by_best_rank_then_first_seen_and_limit():
    fused = reciprocal_rank_fusion({"x": [1, 2], "y": [2, 1]}, limit=1)
    assert [h.id for h in fused] == [1]


def test_rrf_duplicate_in_one_list_counts_once():
    fused = reciprocal_rank_fusion({"x": ["a", "a"]}, k=1)
    assert fused[0].score == pytest.approx(0.5)
