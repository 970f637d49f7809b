"""Shared technical codes: language-neutral evidence in the recommendation and its explanation."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from django.apps import apps as django_apps
from rest_framework.test import APIClient

from lintas.matching.codes import CodeSpace, codes_in, evidence
from lintas.matching.domain import indexing, recommend
from lintas.matching.models import Match, ProfileVector
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory
from tests.matching.test_engine import memo_encoder, use_memo_encoder  # noqa: F401


def test_codes_are_capitalised_acronyms_case_folded():
    text = "清液进入 UASB+好氧处理，外排 COD 低于 100 mg/L; RTK-GNSS, DIV1, pH 7, Mg and A."
    assert codes_in(text) == {"uasb", "cod", "rtk", "gnss", "div1"}
    assert codes_in("") == set() and codes_in(None) == set()


def test_evidence_weighs_rare_codes_more_and_a_lone_common_code_little():
    sets = [["uasb", "cod"], ["uasb", "cod"], ["cod"], ["usd"], ["usd"]] + [["usd"]] * 5
    space = CodeSpace.fit(sets)
    assert space.size == 10
    assert space.weight("uasb") > space.weight("cod") > space.weight("usd") > 0
    assert space.weight("unknown") == 0.0
    m = space.matrix(sets)
    ev = evidence(m, m)
    assert np.allclose(ev, ev.T, atol=1e-6)
    assert ev.max() < 1.0 and ev.min() >= 0.0
    # the same two codes (one rare) > one shared mid-frequency code > one shared common code
    assert ev[0, 1] > ev[0, 2] > 0
    assert ev[0, 2] > ev[3, 4] > 0
    # nothing shared, or no codes at all: no evidence
    assert ev[0, 3] == 0.0
    empty = space.matrix([[], ["uasb"]])
    assert evidence(empty, empty)[0].tolist() == [0.0, 0.0]
    assert space.shared(["cod", "uasb", "x"], ["uasb", "cod"]) == ["uasb", "cod"]


def test_the_migration_fills_codes_of_vectors_already_stored(db):
    profile = ProfileFactory(
        title="Biogas", summary="UASB reactor for cassava starch wastewater", keywords=["COD"]
    )
    ProfileVector.objects.create(profile=profile, model="m", dim=1, text_hash="x", vector=b"")
    assert ProfileVector.objects.get(profile=profile).codes == []
    migration = importlib.import_module("lintas.matching.migrations.0005_vector_codes")
    migration.fill_codes(django_apps, None)
    assert ProfileVector.objects.get(profile=profile).codes == ["cod", "uasb"]


@pytest.fixture
def code_pair(db):
    """A Chinese offer and a Thai need that share a rare code (UASB), and a Thai need about
    another subject; sectors, TRL and countries alike so only the texts differ."""
    sector = SectorFactory(slug="green-environment")
    cn = OrganisationFactory(slug="cn-codes", country="CN")
    th = OrganisationFactory(slug="th-codes", country="TH")
    common = {
        "status": "published",
        "trl": 8,
        "keywords": [],
        "description": "",
        "target_countries": [],
    }
    offer = ProfileFactory(
        kind="offer",
        ref="OF-C",
        organisation=cn,
        content_language="zh",
        title="木薯淀粉废水 UASB 厌氧处理与沼气利用",
        summary="酒糟液经 UASB 厌氧消化，沼气回用于锅炉，COD 削减 95%。",
        sectors=[sector],
        **common,
    )
    needs = [
        ProfileFactory(
            kind="need",
            ref=ref,
            organisation=th,
            content_language="th",
            title=title,
            summary=summary,
            sectors=[sector],
            **common,
        )
        for ref, title, summary in (
            (
                "ND-C",
                "ระบบบำบัดน้ำเสียโรงงานแป้งมันแบบ UASB",
                "ต้องการระบบ UASB ผลิตก๊าซชีวภาพจากน้ำเสียโรงงานแป้งมันสำปะหลัง",
            ),
            (
                "ND-X",
                "ระบบน้ำหยดสำหรับสวนทุเรียน",
                "ต้องการระบบให้น้ำแบบหยดที่ควบคุมด้วยเซนเซอร์ความชื้นในดิน",
            ),
        )
    ]
    indexing.reindex()
    return offer, needs


@pytest.mark.encoder
def test_shared_code_is_evidence_and_is_shown_in_the_readers_language(code_pair):
    offer, (with_code, without) = code_pair
    stored = ProfileVector.objects.get(profile=offer).codes
    assert stored == ["cod", "uasb"]
    found = {p.ref: (score, why) for p, score, why in recommend.candidates_for(offer)}
    assert found["ND-C"][1]["codes"] == ["UASB"] and found["ND-X"][1]["codes"] == []
    assert found["ND-C"][0] > found["ND-X"][0]
    # the score is CSLS plus the bonuses; the code evidence is inside the CSLS similarity
    why = found["ND-C"][1]
    bonus = recommend.SECTOR_BONUS * bool(why["sectors"]) + recommend.TRL_BONUS * bool(
        why["trl"]["ok"]
    )
    assert found["ND-C"][0] == pytest.approx(why["csls"] + bonus, abs=1e-4)

    owner = UserFactory(organisation=offer.organisation, role="provider", language="en")
    page = login(owner).get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200 and with_code.title in body
    assert 'Shared technical codes: <span class="tag">UASB</span>' in body
    thai = login(owner).get(offer.get_absolute_url() + "?lang=th", HTTP_ACCEPT_LANGUAGE="th")
    assert thai.status_code == 200
    assert 'รหัสทางเทคนิคที่ตรงกัน: <span class="tag">UASB</span>' in thai.content.decode()

    api = APIClient()
    api.force_authenticate(owner)
    answer = api.get(f"/api/v1/profiles/{offer.ref}/matches/")
    assert answer.status_code == 200
    by_need = {row["need"]["ref"]: row for row in answer.json()}
    assert by_need["ND-C"]["explanation"]["codes"] == ["UASB"]
    assert "csls" not in by_need["ND-C"]["explanation"]
    assert Match.objects.filter(offer=offer).count() == 2
