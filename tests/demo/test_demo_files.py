"""Strict checks of the hand-written demo data (sectors, seekers, needs, users, network, events,
programmes). Plain JSON and langidentify only: no Django needed."""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest
from langidentify import Detector, Language, Model

DATA = Path(__file__).resolve().parents[2] / "src" / "lintas" / "demo" / "data"
PROVIDER_FILES = ("organisations_providers.json", "organisations_providers_b.json")

ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"}
COUNTRIES = ASEAN | {"CN"}
PROVINCES = {
    "Guangxi", "Guangdong", "Yunnan", "Beijing", "Shanghai", "Jiangsu", "Zhejiang", "Hubei",
    "Sichuan", "Hainan", "Fujian", "Shandong", "Hunan", "Shaanxi", "Tianjin", "Chongqing",
}  # fmt: skip
SECTORS = [
    "digital", "new-energy", "biomedicine", "agriculture", "green-environment",
    "manufacturing-materials", "aerospace-navigation", "smart-city", "marine",
]  # fmt: skip
SECTOR_NAME_LANGUAGES = {"en", "zh-hans", "id", "ms", "th", "vi", "km", "lo", "my", "fil"}
ORG_TYPES = {"university", "institute", "enterprise", "government", "intermediary"}
SIZES = {"micro", "small", "medium", "large"}
MEMBER_TYPES = {"full", "associate"}
CONTENT_LANGUAGES = {"en", "zh", "id", "ms", "th", "vi", "fil", "km", "lo", "my"}
IPR = {
    "granted_patent", "patent_application", "utility_model", "software_copyright", "know_how",
    "none",
}  # fmt: skip
MODES = {
    "licence", "assignment", "joint_venture", "technical_cooperation", "joint_rnd", "consulting",
    "equipment_supply", "investment",
}  # fmt: skip
STATUSES = {"draft", "submitted", "published"}
ROLES = {"admin", "broker", "provider", "seeker", "officer"}
USER_LANGUAGES = {"en", "zh-hans", "id", "ms", "th", "vi", "km", "lo", "my", "fil"}
EVENT_KINDS = {"forum", "exhibition", "matchmaking", "training"}

ORG_KEYS = {
    "slug", "name", "name_local", "type", "size", "country", "province", "website",
    "description", "member",
}  # fmt: skip
PROFILE_KEYS = {
    "ref", "organisation", "title", "summary", "description", "content_language", "sectors",
    "keywords", "trl", "ipr_status", "patent_numbers", "cooperation_modes", "target_countries",
    "confidential_details", "contact", "status", "expires_in_days",
}  # fmt: skip
USER_KEYS = {"username", "email", "role", "organisation", "first_name", "last_name", "language"}

# Minimum number of needs per content language (the brief's figures; they add up to 60).
LANGUAGE_MINIMUMS = {
    "id": 12, "th": 10, "vi": 10, "ms": 8, "en": 8, "fil": 4, "km": 3, "lo": 2, "zh": 3,
}  # fmt: skip
# langidentify codes for our content_language codes.
DETECTOR_CODES = {
    "en": "en", "zh": "zh-hans", "zh-hans": "zh-hans", "id": "id", "ms": "ms", "th": "th",
    "vi": "vi", "fil": "tl", "km": "km", "lo": "lo", "my": "my",
}  # fmt: skip
# Languages whose script (or diacritics, for Vietnamese) makes detection unambiguous: every
# text field is checked. Latin-script languages are checked on the long description only.
SCRIPT_LANGUAGES = {"zh", "th", "vi", "km", "lo", "my"}

NACE = re.compile(r"^[A-U]\d{2}(\.\d{1,2})?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def parse_date(value: str) -> dt.date:
    assert DATE.match(value), value
    return dt.date.fromisoformat(value)


@functools.cache
def detector() -> Detector:
    languages = Language.from_comma_separated(",".join(sorted(set(DETECTOR_CODES.values()))))
    return Detector(Model.load(languages))


def detected(text: str) -> str:
    return detector().detect(text).value[0]


@functools.cache
def seeker_slugs() -> frozenset[str]:
    return frozenset(o["slug"] for o in load("organisations_seekers.json"))


@functools.cache
def provider_slugs() -> frozenset[str] | None:
    """Slugs from the provider files written elsewhere, or None when none of them exists."""
    present = [name for name in PROVIDER_FILES if (DATA / name).exists()]
    if not present:
        return None
    return frozenset(o["slug"] for name in present for o in load(name))


def assert_org_known(slug: str) -> None:
    """Seeker slugs must exist in our file; other slugs in a provider file, if one is there."""
    if slug.startswith("s-"):
        assert slug in seeker_slugs(), slug
        return
    providers = provider_slugs()
    if providers is not None:
        assert slug in providers, slug


def words(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- every file


@pytest.mark.parametrize(
    "name",
    [
        "sectors.json",
        "organisations_seekers.json",
        "needs.json",
        "users.json",
        "network.json",
        "events.json",
        "programmes.json",
    ],
)
def test_file_is_formatted_json_with_two_space_indent(name):
    text = (DATA / name).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data
    assert text.endswith("\n")
    assert "\\u" not in text  # written with ensure_ascii=False
    assert text.splitlines()[1].startswith("  ") and not text.splitlines()[1].startswith("   ")


def test_demo_package_has_init():
    assert (DATA.parent / "__init__.py").exists()


# ---------------------------------------------------------------- sectors


def test_sectors_are_the_nine_in_order():
    assert [s["slug"] for s in load("sectors.json")] == SECTORS


def test_sectors_have_names_in_all_languages_and_valid_codes():
    for sector in load("sectors.json"):
        assert set(sector) == {"slug", "names", "nace", "sdgs", "description"}
        assert set(sector["names"]) == SECTOR_NAME_LANGUAGES
        assert all(name.strip() for name in sector["names"].values())
        assert sector["nace"] and all(NACE.match(code) for code in sector["nace"]), sector["nace"]
        assert sector["sdgs"] and all(1 <= goal <= 17 for goal in sector["sdgs"])
        assert words(sector["description"]["en"]) >= 10


def test_sector_names_are_in_their_language_for_non_latin_scripts():
    for sector in load("sectors.json"):
        for lang in ("zh-hans", "th", "vi", "km", "lo", "my"):
            name = sector["names"][lang]
            assert detected(name) == DETECTOR_CODES[lang], (sector["slug"], lang, name)


# ---------------------------------------------------------------- organisations


def test_seeker_organisations_follow_schema():
    orgs = load("organisations_seekers.json")
    assert 40 <= len(orgs) <= 60
    slugs = [o["slug"] for o in orgs]
    assert len(slugs) == len(set(slugs))
    for org in orgs:
        assert set(org) == ORG_KEYS, org["slug"]
        assert org["slug"].startswith("s-") and SLUG.match(org["slug"]), org["slug"]
        assert org["type"] in ORG_TYPES
        if org["type"] == "enterprise":
            assert org["size"] in SIZES, org["slug"]
        else:
            assert org["size"] == "", org["slug"]
        assert org["country"] in COUNTRIES
        if org["country"] == "CN":
            assert org["province"] in PROVINCES
        else:
            assert org["province"] == ""
        assert org["website"] == "" or re.match(r"^https?://[\w.-]+", org["website"])
        assert org["name"] and org["name_local"] and org["description"]
        if org["member"] is not None:
            assert set(org["member"]) == {"since", "type"}
            parse_date(org["member"]["since"])
            assert org["member"]["type"] in MEMBER_TYPES


def test_seeker_organisations_cover_every_asean_member_and_timor_leste():
    countries = collections.Counter(o["country"] for o in load("organisations_seekers.json"))
    assert set(countries) >= ASEAN
    for heavy in ("ID", "VN", "TH", "MY", "PH"):
        assert countries[heavy] >= 5, heavy


def test_seed_intermediaries_and_agencies_are_present():
    names = {o["name"] for o in load("organisations_seekers.json")}
    assert "China-ASEAN Technology Transfer Center" in names
    assert "Department of Science and Technology of Guangxi Zhuang Autonomous Region" in names
    assert "National Science and Technology Development Agency" in names


def test_seeker_slugs_do_not_collide_with_provider_slugs():
    providers = provider_slugs()
    if providers is None:
        pytest.skip("no provider organisation file")
    assert not (seeker_slugs() & providers)


# ---------------------------------------------------------------- needs


def test_needs_follow_schema():
    needs = load("needs.json")
    assert [n["ref"] for n in needs] == [f"ND-{i:04d}" for i in range(1, 61)]
    for need in needs:
        ref = need["ref"]
        assert set(need) == PROFILE_KEYS, ref
        assert need["organisation"] in seeker_slugs(), ref
        assert need["content_language"] in CONTENT_LANGUAGES, ref
        assert need["sectors"] and set(need["sectors"]) <= set(SECTORS), ref
        assert len(need["sectors"]) == len(set(need["sectors"])), ref
        assert 3 <= len(need["keywords"]) <= 8, ref
        assert need["trl"] is None or need["trl"] in range(1, 10), ref
        assert need["ipr_status"] in IPR, ref
        assert isinstance(need["patent_numbers"], str)
        assert set(need["cooperation_modes"]) <= MODES, ref
        assert need["target_countries"] and set(need["target_countries"]) <= COUNTRIES, ref
        assert need["status"] in STATUSES, ref
        assert need["expires_in_days"] in (90, 180, 365, 730), ref
        assert set(need["contact"]) == {"name", "email", "phone"}, ref
        assert need["contact"]["email"].endswith(".example.org"), ref
        assert need["contact"]["phone"].startswith("+"), ref
        assert need["title"].strip() and need["summary"].strip(), ref


def test_needs_meet_language_counts():
    counts = collections.Counter(n["content_language"] for n in load("needs.json"))
    for lang, minimum in LANGUAGE_MINIMUMS.items():
        assert counts[lang] >= minimum, (lang, counts[lang])


def test_needs_cover_all_sectors():
    covered = {s for n in load("needs.json") for s in n["sectors"]}
    assert covered == set(SECTORS)


def test_needs_status_mix_is_mostly_published():
    counts = collections.Counter(n["status"] for n in load("needs.json"))
    assert counts["published"] >= 50
    assert 3 <= counts["submitted"] <= 7
    assert 1 <= counts["draft"] <= 3


def is_weak(need: dict) -> bool:
    return len(need["description"]) < 200 or need["trl"] is None or not need["cooperation_modes"]


def test_needs_have_about_fifteen_percent_weak_profiles():
    needs = load("needs.json")
    weak = [n["ref"] for n in needs if is_weak(n)]
    assert 6 <= len(weak) <= 12, weak
    for need in needs:
        if not is_weak(need):
            # Strong profiles: substantial text and concrete figures.
            assert len(need["description"]) >= 280, need["ref"]
            assert re.search(r"\d", need["description"]), need["ref"]
            assert need["confidential_details"], need["ref"]


def test_need_descriptions_are_not_from_one_template():
    needs = load("needs.json")
    openings = [n["description"][:40] for n in needs]
    assert len(openings) == len(set(openings))
    titles = [n["title"] for n in needs]
    assert len(titles) == len(set(titles))


def test_needs_are_written_in_their_declared_language():
    for need in load("needs.json"):
        lang = need["content_language"]
        want = DETECTOR_CODES[lang]
        fields = ("title", "summary", "description") if lang in SCRIPT_LANGUAGES else ()
        for field in fields:
            assert detected(need[field]) == want, (need["ref"], field)
        assert detected(need["description"]) == want, need["ref"]


def test_need_keywords_use_the_profile_script():
    script_language = {"th", "km", "lo", "zh"}
    for need in load("needs.json"):
        if need["content_language"] in script_language:
            joined = " ".join(need["keywords"])
            assert detected(joined) == DETECTOR_CODES[need["content_language"]], need["ref"]


# ---------------------------------------------------------------- users


def test_users_cover_every_role_and_required_accounts():
    users = load("users.json")
    by_name = {u["username"]: u for u in users}
    assert len(by_name) == len(users)
    assert {u["role"] for u in users} == ROLES
    required = {
        "admin": "admin", "broker": "broker", "broker-id": "broker", "provider": "provider",
        "seeker": "seeker", "seeker-th": "seeker", "seeker-vi": "seeker", "officer": "officer",
    }  # fmt: skip
    for username, role in required.items():
        assert by_name[username]["role"] == role
    assert by_name["broker"]["organisation"] == "s-catt"
    assert by_name["officer"]["organisation"] == "s-catt"
    assert by_name["provider"]["organisation"] == "gxu"
    orgs = {o["slug"]: o for o in load("organisations_seekers.json")}
    assert orgs[by_name["broker-id"]["organisation"]]["country"] == "ID"
    assert orgs[by_name["seeker"]["organisation"]]["country"] == "ID"
    assert orgs[by_name["seeker-th"]["organisation"]]["country"] == "TH"
    assert orgs[by_name["seeker-vi"]["organisation"]]["country"] == "VN"


def test_users_follow_schema_without_passwords():
    emails = set()
    for user in load("users.json"):
        assert set(user) == USER_KEYS, user["username"]
        assert user["role"] in ROLES
        assert user["language"] in USER_LANGUAGES
        assert user["email"] == f"{user['username']}@demo.lintas.example"
        emails.add(user["email"])
        assert_org_known(user["organisation"])
    assert len(emails) == len(load("users.json"))


def test_seeker_users_belong_to_organisations_with_needs():
    with_needs = {n["organisation"] for n in load("needs.json")}
    for user in load("users.json"):
        if user["role"] == "seeker":
            assert user["organisation"] in with_needs, user["username"]


# ---------------------------------------------------------------- network


def test_network_joint_labs():
    network = load("network.json")
    labs = network["joint_labs"]
    names = [lab["name"] for lab in labs]
    assert "China-Indonesia Biotechnology Joint Laboratory" in names
    assert "Laos-China Joint Laboratory for Renewable Energy Utilization and Development" in names
    for lab in labs:
        assert "CN" in lab["countries"] and set(lab["countries"]) <= COUNTRIES
        assert lab["sector"] in SECTORS
        assert lab["status"] in {"active", "under_construction", "planned"}
        if lab["launched"] is not None:
            parse_date(lab["launched"])
        if lab["launched"] is None or lab["illustrative"]:
            assert lab["note"], lab["name"]
        for partner in lab["partners"]:
            if SLUG.match(partner):
                assert_org_known(partner)


def test_network_mechanisms_are_the_nine_asean_countries_except_singapore():
    mechanisms = load("network.json")["mechanisms"]
    partners = {c for m in mechanisms for c in m["countries"] if c != "CN"}
    assert partners == ASEAN - {"SG", "TL"}
    for mechanism in mechanisms:
        assert mechanism["countries"][0] == "CN" and len(mechanism["countries"]) == 2
        if mechanism["established"] is None:
            assert mechanism["note"]
        else:
            parse_date(mechanism["established"])


def test_network_parks_and_platforms():
    network = load("network.json")
    for park in network["science_parks"]:
        assert park["country"] in COUNTRIES and park["focus"]
        assert park["status"] in {"active", "negotiation", "planned"}
        assert park["source"] or park["illustrative"]
        assert park["note"]
    platforms = {p["name"]: p for p in network["platforms"]}
    centre = platforms["China-ASEAN Technology Transfer Center"]
    assert centre["figures"]["companies_in_network"] == 8500
    assert platforms["China-ASEAN Technology Trading Platform"]["launched"] == "2021-09-09"
    for platform in network["platforms"]:
        if platform["organisation"]:
            assert_org_known(platform["organisation"])
    figures = {f["source"] for f in network["impact_figures"]}
    assert figures <= {"seed 000", "seed 001", "seed 002", "seed 003", "seed 004"}


# ---------------------------------------------------------------- events


def test_events_follow_schema():
    events = load("events.json")
    slugs = [e["slug"] for e in events]
    assert len(slugs) == len(set(slugs))
    for event in events:
        assert event["kind"] in EVENT_KINDS, event["slug"]
        starts = parse_date(event["starts"])
        if event["ends"] is not None:
            assert parse_date(event["ends"]) >= starts
        assert event["country"] in COUNTRIES or (event["country"] == "" and event.get("online"))
        assert event["description"]
        if event.get("date_approximate") or event["ends"] is None:
            assert event.get("note") or (event["outcomes"] or {}).get("note"), event["slug"]
        outcomes = event["outcomes"]
        if outcomes is not None:
            assert {"projects_promoted", "agreements", "note"} <= set(outcomes)
        for organiser in event["organisers"]:
            if organiser.startswith("s-"):
                assert_org_known(organiser)


def test_events_include_the_seed_forums():
    events = {e["slug"]: e for e in load("events.json")}
    ninth = events["forum-2021-9th"]
    assert (ninth["starts"], ninth["city"], ninth["country"]) == ("2021-09-09", "Nanning", "CN")
    tenth = events["forum-2022-10th"]
    assert tenth["starts"].startswith("2022") and tenth["city"] == "Nanning"
    assert tenth["outcomes"]["projects_promoted"] == 3000
    assert tenth["outcomes"]["agreements"] == 79
    kinds = collections.Counter(e["kind"] for e in events.values())
    assert kinds["exhibition"] >= 2 and kinds["matchmaking"] >= 2 and kinds["training"] >= 1


def test_one_upcoming_matchmaking_has_schedulable_sessions():
    upcoming = [e for e in load("events.json") if e["starts"] >= "2027-01-01"]
    assert len(upcoming) == 1
    event = upcoming[0]
    assert event["kind"] == "matchmaking"
    first, last = parse_date(event["starts"]), parse_date(event["ends"])
    assert event["sessions"]
    for session in event["sessions"]:
        assert set(session) == {"date", "start", "end", "slot_minutes", "tables", "online"}
        assert first <= parse_date(session["date"]) <= last
        assert TIME.match(session["start"]) and TIME.match(session["end"])
        assert session["start"] < session["end"]
        start_h, start_m = map(int, session["start"].split(":"))
        end_h, end_m = map(int, session["end"].split(":"))
        minutes = (end_h * 60 + end_m) - (start_h * 60 + start_m)
        assert minutes % session["slot_minutes"] == 0
        assert session["tables"] >= 1
    past = [e for e in load("events.json") if e["starts"] < "2027-01-01"]
    assert all(e["sessions"] == [] for e in past)


# ---------------------------------------------------------------- programmes


def test_programmes_document_their_schema():
    data = load("programmes.json")
    assert {"programme", "call", "host_lab", "application", "training_session"} <= set(
        data["_schema"]
    )
    assert {p["slug"] for p in data["programmes"]} == {"tysp", "tm-training"}


def test_young_scientist_call_has_eight_labs_and_six_applicants():
    tysp = next(p for p in load("programmes.json")["programmes"] if p["slug"] == "tysp")
    assert tysp["eligibility"]["max_age"] == 45
    assert tysp["placement_months"] == {"min": 6, "max": 12}
    assert tysp["review_rounds"] == "quarterly"
    open_calls = [c for c in tysp["calls"] if c["status"] == "open"]
    assert len(open_calls) == 1
    call = open_calls[0]
    assert parse_date(call["opens"]) < parse_date(call["closes"])
    labs = call["host_labs"]
    assert len(labs) == 8 and len({lab["slug"] for lab in labs}) == 8
    for lab in labs:
        assert 60 <= words(lab["research_area"]) <= 120, lab["slug"]
        assert 1 <= lab["capacity"] <= 3
        assert lab["supervisor"] and lab["province"] in PROVINCES
        assert set(lab["sectors"]) <= set(SECTORS)
        assert_org_known(lab["organisation"])
    lab_slugs = {lab["slug"] for lab in labs}
    applications = call["applications"]
    assert len(applications) == 6
    assert len({a["ref"] for a in applications}) == 6
    for application in applications:
        applicant = application["applicant"]
        assert applicant["nationality"] in ASEAN
        assert applicant["degree"] in {"phd", "master"}
        assert 20 <= applicant["age"] <= 70
        assert len(application["publications"]) == 3
        for publication in application["publications"]:
            assert publication["title"] and words(publication["abstract"]) >= 30
        assert 60 <= words(application["proposal"]) <= 100, application["ref"]
        assert application["preferred_labs"] and set(application["preferred_labs"]) <= lab_slugs
        assert 6 <= application["months"] <= 12


def test_young_scientist_applicants_include_one_who_fails_eligibility():
    tysp = next(p for p in load("programmes.json")["programmes"] if p["slug"] == "tysp")
    rules = tysp["eligibility"]

    def eligible(applicant: dict) -> bool:
        if applicant["age"] > rules["max_age"]:
            return False
        if applicant["nationality"] not in rules["nationalities"]:
            return False
        if applicant["degree"] == "master":
            return applicant["experience_years"] >= rules["master_min_experience_years"]
        return applicant["degree"] in rules["degrees"]

    results = [eligible(a["applicant"]) for a in tysp["calls"][0]["applications"]]
    assert results.count(False) == 1


def test_technology_manager_training_has_ten_participants_from_nine_countries():
    training = next(p for p in load("programmes.json")["programmes"] if p["slug"] == "tm-training")
    assert len(training["sessions"]) == 1
    session = training["sessions"][0]
    assert parse_date(session["starts"]) <= parse_date(session["ends"])
    participants = session["participants"]
    assert len(participants) == 10
    countries = {p["country"] for p in participants}
    assert len(countries) == 9 and countries <= ASEAN
    for participant in participants:
        if participant["organisation"]:
            assert_org_known(participant["organisation"])
