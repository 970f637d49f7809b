from lintas.matching import text
from lintas.matching.text import TermStats, fold_accents, key_terms, segment_for_fts, tokens


def test_tokens_chinese_keeps_two_character_words():
    assert tokens("水泵节能技术", "zh") == ["水泵", "节能", "技术"]


def test_tokens_chinese_mixed_with_latin_and_stop_words():
    assert tokens("PLC控制的水泵", "zh") == ["plc", "控制", "水泵"]


def test_tokens_chinese_document_expansion_adds_sub_words():
    assert tokens("太阳能光伏", "zh", expand=True) == ["太阳", "太阳能", "光伏"]


def test_tokens_thai_segmented_offline():
    assert tokens("เทคโนโลยีการเกษตรสมัยใหม่ และ IoT", "th") == [
        "เทคโนโลยี",
        "การเกษตร",
        "สมัยใหม่",
        "iot",
    ]


def test_tokens_vietnamese_keeps_diacritics_and_drops_stop_words():
    assert tokens("Máy bơm nước và điện", "vi") == ["máy", "bơm", "nước", "điện"]


def test_tokens_vietnamese_expansion_adds_folded_forms():
    assert tokens("Máy bơm đa năng", "vi", expand=True) == [
        "máy", "may", "bơm", "bom", "đa", "da", "năng", "nang",
    ]  # fmt: skip


def test_tokens_vietnamese_fold_matches_query_without_diacritics():
    assert tokens("may bom nuoc", "vi") == tokens("Máy bơm nước", "vi", fold=True)


def test_fold_accents_maps_d_with_stroke():
    assert fold_accents("Đường ống") == "Duong ong"


def test_tokens_indonesian_drops_stop_words():
    assert tokens("Teknologi pengolahan air untuk industri kelapa sawit", "id") == [
        "teknologi", "pengolahan", "air", "industri", "kelapa", "sawit",
    ]  # fmt: skip


def test_tokens_english_normalises_width_and_case():
    assert tokens("ＰＬＣ Control of the Pumps", "en") == ["plc", "control", "pumps"]


def test_tokens_khmer_with_icu_splits_words():
    if not text.has_icu():
        return
    assert tokens("បច្ចេកវិទ្យាកសិកម្មទំនើប", "km") == ["បច្ចេកវិទ្យា", "កសិកម្ម", "ទំនើប"]


def test_tokens_khmer_without_icu_falls_back_to_bigrams(monkeypatch):
    monkeypatch.setattr(text, "_icu", None)
    assert tokens("កសិកម្ម", "km") == ["កស", "សិ", "ិក", "កម", "ម្", "្ម"]


def test_segment_for_fts_space_joins_words():
    assert segment_for_fts("水泵节能技术", "zh") == "水泵 节能 技术"
    assert segment_for_fts("Máy bơm", "vi", query=True) == "máy bơm"


def test_key_terms_prefers_rare_terms_with_corpus_stats():
    stats = TermStats.from_token_lists([["pump", "water"], ["pump"], ["pump", "solar"]])
    terms = key_terms("solar pump", "en", 2, stats=stats)
    assert [t for t, _ in terms] == ["solar", "pump"]


def test_key_terms_empty_text_gives_nothing():
    assert key_terms("", "en", 3) == []
