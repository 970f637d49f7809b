import importlib.util

import pytest

from lintas.programmes.domain import affinity

RICE = ["Salt tolerance of rice landraces. Sodium exclusion in saline paddies."]
BATTERY = ["Lithium battery cathode coatings for longer cycle life."]


def test_backend_lexical_when_configured():
    assert affinity.backend() == "lexical"


def test_backend_is_the_real_module_unless_a_test_asks_for_the_stand_in(settings):
    del settings.PROGRAMMES_AFFINITY
    assert affinity.backend() == "real"
    settings.PROGRAMMES_AFFINITY = "auto"  # the value the docs once listed: the real module
    assert affinity.backend() == "real"


def test_lexical_similarity_prefers_shared_terms():
    sims = affinity.lexical_similarity(["rice sodium saline"], RICE + BATTERY)
    assert sims[0, 0] > 0.2
    assert sims[0, 1] == 0.0


def test_affinity_matrix_ranks_matching_expert_first():
    scores = affinity.affinity_matrix([RICE, BATTERY], [["Breeding rice for saline soils."]])
    assert scores.shape == (2, 1)
    assert scores[0, 0] > scores[1, 0]


def test_affinity_matrix_empty_expert_scores_zero():
    scores = affinity.affinity_matrix([[], RICE], [["rice"]])
    assert scores[0, 0] == 0.0


def test_explain_picks_sentence_and_text():
    why = affinity.explain(
        ["We study batteries. We also breed rice for saline soils."], RICE + BATTERY
    )
    assert why["host_text"] == "We also breed rice for saline soils."
    assert why["applicant_text"] == RICE[0]


def test_explain_with_no_texts():
    assert affinity.explain([], RICE) == {"host_text": "", "applicant_text": "", "score": 0.0}


@pytest.mark.encoder
@pytest.mark.skipif(
    importlib.util.find_spec("lintas.matching.affinity") is None,
    reason="lintas.matching.affinity not installed",
)
def test_real_affinity_module_ranks_across_languages(settings):
    settings.PROGRAMMES_AFFINITY = "real"
    assert affinity.backend() == "real"
    scores = affinity.affinity_matrix(
        [["Giống lúa chịu mặn cho vùng ven biển."], ["锂电池正极材料涂层。"]],
        [["Breeding salt tolerant rice for coastal farms."], ["Lithium battery cathodes."]],
    )
    assert scores[0, 0] > scores[1, 0]
    assert scores[1, 1] > scores[0, 1]


def test_explain_pairs_agrees_with_explain_one_by_one():
    from lintas.programmes.domain import affinity

    pairs = [
        (
            ["Rice breeding for saline soils. Sodium uptake in roots."],
            ["Salt tolerant rice.", "Yield."],
        ),
        (["Lithium battery cathodes. Coatings."], ["Cathode coatings for batteries."]),
        ([""], ["Anything."]),
    ]

    def texts(found):  # the lexical fallback's scores depend on the corpus (IDF); the choice not
        return [(w["host_text"], w["applicant_text"]) for w in found]

    assert texts(affinity.explain_pairs(pairs)) == texts(affinity.explain(a, b) for a, b in pairs)
