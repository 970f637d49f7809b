from lintas.catalogue.domain.quality import assess

GOOD_OFFER = dict(
    kind="offer",
    title="Salt-tolerant rice variety for coastal paddies",
    summary="A rice variety that yields 6.5 t/ha at salinity of 6 dS/m.",
    description=" ".join(
        ["The variety was bred at Guangxi University and tested in three provinces."] * 10
    )
    + " It yields 6.5 t/ha under 6 dS/m salinity, 30 % more than local varieties, and reduces fertiliser use.",
    content_language="en",
    trl=8,
    ipr_status="granted_patent",
    cooperation_modes=["licence"],
    target_countries=["ID"],
    sectors=["agriculture"],
    keywords=["rice", "salinity", "seed"],
)


def test_quality_complete_offer_scores_full():
    report = assess(**GOOD_OFFER)
    assert report.hints == []
    assert report.score == 100


def test_quality_vague_offer_gets_concrete_hints():
    report = assess(
        kind="offer",
        title="Advanced technology",
        summary="",
        description="High quality innovative solution.",
    )
    codes = {h.code for h in report.hints}
    assert {
        "summary",
        "length",
        "figures",
        "benefit",
        "trl",
        "ipr",
        "cooperation",
        "countries",
        "sectors",
        "keywords",
        "vague",
    } <= codes
    assert report.score == 0


def test_quality_chinese_length_counted_in_characters():
    text = "本品种在广西三个地区试验，盐度6 dS/m条件下亩产比当地品种提高30%。" * 8
    report = assess(**{**GOOD_OFFER, "description": text, "content_language": "zh"})
    assert "length" not in {h.code for h in report.hints}


def test_quality_need_benefit_by_measured_goal():
    report = assess(
        kind="need",
        title="Irrigation",
        summary="Pumps fail",
        description="Reduce pump failures from 12 per month to 2.",
        trl=7,
        cooperation_modes=["equipment_supply"],
        target_countries=["ID"],
        sectors=["agriculture"],
        keywords=["a", "b", "c"],
    )
    assert "benefit" not in {h.code for h in report.hints}
    assert "ipr" not in {h.code for h in report.hints}
