"""Offer–need recommendations judged by a person: nDCG@10 per need and per offer.

Uses the labelled set in benchmarks/data/offer_need_judgements.tsv (guidelines beside it)
over the demo catalogue's published profiles, and compares, in the same run and on the
same vectors:

- raw cosine of the e5 passage vectors (the baseline);
- language-centred cosine (``LanguageMeans``, shared with the search engine);
- the platform's recommendation score as in ``matching/domain/recommend.py``: centred
  cosine with CSLS hubness reduction (k = 10) plus the sector, TRL and country bonuses.

Unjudged pairs count as grade 0. "per need" ranks every published offer for each need
with at least one judged pair of grade > 0; "per offer" ranks every published need.

    .venv/bin/python benchmarks/bench_matches.py [--cache /work/wt/cache/demo_p.npy]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lintas.matching.rankeval import ndcg_at  # noqa: E402
from lintas.matching.retrieval import LanguageMeans  # noqa: E402

DATA = ROOT / "src/lintas/demo/data"
KNN, SECTOR, TRL, COUNTRY = 10, 0.04, 0.02, 0.02


def load():
    profiles = [
        p
        for f in ("offers_a", "offers_b", "needs")
        for p in json.loads((DATA / f"{f}.json").read_text())
    ]
    orgs = {
        o["slug"]: o for f in DATA.glob("organisations*.json") for o in json.loads(f.read_text())
    }
    return profiles, orgs


def text(p):
    parts = (p["title"], p["summary"], p.get("description", ""), " ".join(p.get("keywords") or []))
    return "\n".join(x for x in parts if x)


def top_mean(sims, k=KNN):
    k = max(1, min(k, sims.shape[-1]))
    return np.partition(sims, -k, axis=-1)[..., -k:].mean(axis=-1)


def bonus(offer, need, orgs):
    b = SECTOR * bool(set(offer["sectors"]) & set(need["sectors"]))
    if offer.get("trl") and need.get("trl") and offer["trl"] >= need["trl"]:
        b += TRL
    oc = orgs.get(offer["organisation"], {}).get("country")
    nc = orgs.get(need["organisation"], {}).get("country")
    if nc in (offer.get("target_countries") or []) or oc in (need.get("target_countries") or []):
        b += COUNTRY
    return b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help=".npy of all demo profiles' passage vectors")
    args = parser.parse_args()
    profiles, orgs = load()
    if args.cache and args.cache.exists():
        vectors = np.load(args.cache)
    else:
        from lintas.matching.encoder import get_encoder

        vectors = get_encoder().encode_passages([text(p) for p in profiles])
        if args.cache:
            np.save(args.cache, vectors)
    live = [i for i, p in enumerate(profiles) if p["status"] == "published"]
    pub = [profiles[i] for i in live]
    raw = vectors[live]
    langs = [p["content_language"] for p in pub]
    centred = LanguageMeans.fit(raw, langs).centre(raw, langs)
    refs = [p["ref"] for p in pub]
    offers = [i for i, p in enumerate(pub) if p["ref"].startswith("OF")]
    needs = [i for i, p in enumerate(pub) if p["ref"].startswith("ND")]
    grades = defaultdict(dict)
    with open(ROOT / "benchmarks/data/offer_need_judgements.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            grades[row["need"]][row["offer"]] = int(row["grade"])
    by_offer = defaultdict(dict)
    for n, table in grades.items():
        for o, g in table.items():
            by_offer[o][n] = g
    B = np.array([[bonus(pub[o], pub[n], orgs) for o in offers] for n in needs])

    def scores(method):
        if method == "raw cosine (baseline)":
            return raw[needs] @ raw[offers].T
        sims = centred[needs] @ centred[offers].T
        if method == "centred cosine":
            return sims
        r_need = top_mean(sims)  # each need's neighbourhood among offers
        r_offer = top_mean(sims.T)  # each offer's neighbourhood among needs
        return 2 * sims - r_need[:, None] - r_offer[None, :] + B

    print(f"{len(grades)} needs, {sum(len(t) for t in grades.values())} judged pairs")
    for method in (
        "raw cosine (baseline)",
        "centred cosine",
        "recommendation score (CSLS + bonuses)",
    ):
        S = scores(method)
        per_need = [
            ndcg_at([refs[offers[j]] for j in np.argsort(-S[i], kind="stable")], grades[refs[n]])
            for i, n in enumerate(needs)
            if any(g > 0 for g in grades.get(refs[n], {}).values())
        ]
        per_offer = [
            ndcg_at(
                [refs[needs[i]] for i in np.argsort(-S[:, j], kind="stable")], by_offer[refs[o]]
            )
            for j, o in enumerate(offers)
            if any(g > 0 for g in by_offer.get(refs[o], {}).values())
        ]
        print(
            f"  {method:<40} nDCG@10 per need {np.mean(per_need):.3f} ({len(per_need)} needs)"
            f"   per offer {np.mean(per_offer):.3f} ({len(per_offer)} offers)"
        )


if __name__ == "__main__":
    main()
