"""Demo competition (``demo/data/competitions.json``), loaded by ``lintas loaddemo``: the third
China-ASEAN Innovation and Entrepreneurship Competition with 40 entries from 13 countries in
both groups, run the way an officer runs it — eligibility checked, judges from the talent
directory assigned by the engine (conflicts honoured), every stage scored by its judges,
advancement decided, the final's pitch schedule built, prizes and Creative Stars awarded,
results published — and its camp with mentors and sessions.

Listed in lintas.demo.loader.LOADERS after talents (judges and team members are talents).
Idempotent: an edition that exists already is left as it is."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import transaction

from lintas.demo.files import DATA as DATA_DIR

DATA = DATA_DIR / "competitions.json"
# How each judge uses the scale (harsh judges below 0): the reason the ranking is normalised.
BIASES = [-2.0, 1.5, 0.0, -1.0, 2.0, 0.5, -0.5, 1.0, -1.5]


def _unit(*parts) -> float:
    """A stable pseudo-random number in [0, 1) from the given parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _scores(stage, assignment, judge_index: int) -> dict:
    entry = assignment.entry
    quality = 4.0 + 5.0 * _unit("quality", entry.project_name)
    bias = BIASES[judge_index % len(BIASES)]
    return {
        c["criterion"]: max(1, min(10, round(quality + bias + 2 * _unit(stage.pk, entry.pk,
                                                                       judge_index, c) - 1)))
        for c in stage.criteria
    }  # fmt: skip


@transaction.atomic
def load(log=print) -> dict:
    from lintas.competitions.domain import camps, entries, final, judging, ranking
    from lintas.competitions.models import Competition, Entry, Field, Group, Stage, TeamMember
    from lintas.core.models import Organisation, Sector, User
    from lintas.talents.models import Talent

    if not DATA.exists():
        return {}
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if Competition.objects.filter(slug=data["slug"]).exists():
        log("competitions: demo edition already loaded")
        return {}
    officer = User.objects.filter(username="officer").first()
    if officer is None:
        return {}
    talents = {t.slug: t for t in Talent.objects.select_related("user")}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    competition = Competition.objects.create(
        slug=data["slug"], name=data["name"], edition=data["edition"],
        organisers=data["organisers"], description=data["description"], status="open",
    )  # fmt: skip
    groups = {
        kind: Group.objects.create(competition=competition, kind=kind, eligibility=rules)
        for kind, rules in data["groups"].items()
    }
    fields = {
        slug: Field.objects.create(
            competition=competition, name=sectors[slug].name, sector=sectors[slug], position=i
        )  # fmt: skip
        for i, slug in enumerate(data["fields"])
    }
    stages = []
    for i, row in enumerate(data["stages"], start=1):
        stages.append(
            Stage.objects.create(
                competition=competition, position=i, name=row["name"],
                starts_on=dt.date.fromisoformat(row["starts_on"]),
                ends_on=dt.date.fromisoformat(row["ends_on"]),
                rubric=data["final_rubric"] if row.get("final") else data["rubric"],
                judges_per_entry=row["judges_per_entry"],
                advance_per_cell=row["advance_per_cell"], is_final=bool(row.get("final")),
            )
        )  # fmt: skip
    for number, row in enumerate(data["entries"], start=1):
        org = orgs.get(row.get("organisation", ""))
        lead = next((talents[m["talent"]] for m in row["members"] if m.get("talent") in talents),
                    None)  # fmt: skip
        submitter = lead.user if lead else (org.users.order_by("pk").first() if org else None)
        entry = Entry.objects.create(
            competition=competition, number=number, project_name=row["project_name"],
            summary=row["summary"], group=groups[row["group"]], field=fields[row["field"]],
            country=row["country"], organisation=org,
            organisation_name=row.get("organisation_name", ""),
            founded_year=row.get("founded_year"), capital_usd=row.get("capital_usd"),
            revenue_usd=row.get("revenue_usd"), submitted_by=submitter,
        )  # fmt: skip
        TeamMember.objects.bulk_create(
            [
                TeamMember(
                    entry=entry,
                    name=m["name"],
                    nationality=m["nationality"],
                    talent=talents.get(m.get("talent", "")),
                )  # fmt: skip
                for m in row["members"]
            ]
        )
    counts = entries.check_eligibility(user=officer, competition=competition)
    competition.status = "judging"
    competition.save(update_fields=["status"])
    scored = 0
    for stage, row in zip(stages, data["stages"], strict=True):
        pool = [judging.add_judge(user=officer, stage=stage, talent=talents[slug], max_load=20)
                for slug in row["judges"] if slug in talents]  # fmt: skip
        order = {j.pk: i for i, j in enumerate(pool)}
        if stage.is_final:
            final.build_schedule(
                user=officer, stage=stage, rooms=data["final_schedule"]["rooms"],
                starts_at=dt.datetime.fromisoformat(data["final_schedule"]["starts_at"]),
            )  # fmt: skip
        for a in judging.assign_judges(user=officer, stage=stage):
            judging.submit_score(user=a.judge.talent.user, assignment=a,
                                 values=_scores(stage, a, order[a.judge_id]))  # fmt: skip
            scored += 1
        if stage.is_final:
            ranking.award_prizes(user=officer, stage=stage)
        else:
            ranking.advance(user=officer, stage=stage)
    for award in data["special_awards"]:
        entry = competition.entries.get(project_name=award["project_name"])
        ranking.add_special_award(user=officer, competition=competition, name=award["name"],
                                  entry=entry)  # fmt: skip
    ranking.publish_results(user=officer, competition=competition)
    competition.status = "closed"
    competition.save(update_fields=["status"])
    camp_row = data["camp"]
    camp = camps.create_camp(user=officer, competition=competition, name=camp_row["name"],
                             location=camp_row["location"])  # fmt: skip
    for entry in competition.entries.filter(advancements__stage=stages[-1]):
        camps.add_to_cohort(user=officer, camp=camp, entry=entry)
    for slug in camp_row["mentors"]:
        if slug in talents:
            camps.add_mentor(user=officer, camp=camp, talent=talents[slug])
    for title, day in camp_row["sessions"]:
        camps.add_session(user=officer, camp=camp, title=title, date=dt.date.fromisoformat(day))
    log(f"competitions: {competition.entries.count()} entries ({counts['eligible']} eligible), "
        f"{scored} scores, camp of {camp.cohort.count()} entries")  # fmt: skip
    return {"competition_entries": competition.entries.count(), "competition_scores": scored}
