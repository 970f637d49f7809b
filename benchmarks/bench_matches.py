"""Offer–need recommendations judged by a person: nDCG@10 per need and per offer.

Uses the labelled set in benchmarks/data/offer_need_judgements.tsv (guidelines beside it)
over the demo catalogue's published profiles, and compares, in the same run and on the
same vectors:

- raw cosine of the e5 passage vectors (the baseline);
- language-centred cosine (``LanguageMeans``, shared with the search engine);
- the previous recommendation score (until 2026-11-30): centred cosine with CSLS hubness
  reduction (k = 10) plus sector 0.04, TRL 0.02 and country 0.02 bonuses;
- the platform's recommendation score as in ``matching/domain/recommend.py``: centred cosine
  plus 0.30 × shared-code evidence (``lintas.matching.codes``), CSLS, then sector 0.12,
  TRL 0.02 and country 0.12 bonuses.

``--grid`` prints nDCG over a grid of the code weight and the three bonuses (how they were
chosen) and a repeated two-fold cross-validation of that choice (weights picked on one half of
the judged needs and offers, scored on the other, against the previous score). ``--bands``
prints, for the current score, the share of judged pairs of each grade at or above each band's
floor (how ``MATCH_BANDS`` in ``lintas.matching.retrieval`` was set).

Unjudged pairs count as grade 0. "per need" ranks every published offer for each need
with at least one judged pair of grade > 0; "per offer" ranks every published need.

``--alternatives`` also scores the engine changes examined for issue 18's cassava case (the
Chinese cassava-ethanol offer OF-0064 should have the Lao cassava-starch biogas need ND-0056
first; tests/matching/test_regressions.py): each is scored like the recommendation (its
similarity, then CSLS and the bonuses), and its line shows nDCG@10 and OF-0064's first three
needs on the whole catalogue and on the regression test's 23 profiles, and the Indonesian
pump need's first offer (must stay OF-0069). Key-term evidence encodes each profile's key
terms (about 1,800, 2-3 minutes; cached beside ``--cache``).

    .venv/bin/python benchmarks/bench_matches.py [--cache /work/wt/cache/demo_p.npy]
        [--alternatives] [--grid] [--bands]
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

from lintas.matching.codes import CodeSpace, codes_in, evidence  # noqa: E402
from lintas.matching.rankeval import ndcg_at  # noqa: E402
from lintas.matching.retrieval import MATCH_BANDS, LanguageMeans  # noqa: E402

DATA = ROOT / "src/lintas/demo/data"
KNN = 10
# (code weight, sector, TRL, country): as in matching/domain/recommend.py, and before.
CURRENT = (0.30, 0.12, 0.02, 0.12)
PREVIOUS = (0.0, 0.04, 0.02, 0.02)
SECTOR, TRL, COUNTRY = CURRENT[1:]


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


def fits(offer, need, orgs):
    """(shared sector, TRL fit, country fit) as recommend.py's explanation tests them."""
    sector = bool(set(offer["sectors"]) & set(need["sectors"]))
    trl = bool(offer.get("trl") and need.get("trl") and offer["trl"] >= need["trl"])
    oc = orgs.get(offer["organisation"], {}).get("country")
    nc = orgs.get(need["organisation"], {}).get("country")
    country = nc in (offer.get("target_countries") or []) or oc in (
        need.get("target_countries") or []
    )
    return sector, trl, country


def bonus(offer, need, orgs, weights=CURRENT):
    return float(np.dot(fits(offer, need, orgs), weights[1:]))


def code_evidence(pub, needs, offers):
    """Shared-code evidence between needs and offers, idf over the profiles given."""
    sets = [codes_in(text(p)) for p in pub]
    space = CodeSpace.fit(sets)
    m = space.matrix(sets)
    return evidence(m[needs], m[offers])


def recommendation(centred_sims, code_sims, fit, weights):
    """recommend.py's score for every (need, offer): CSLS over centred cosine + code evidence,
    then the bonuses. ``fit`` is the (needs, offers, 3) array of ``fits``."""
    sims = centred_sims + weights[0] * code_sims
    return (
        2 * sims - top_mean(sims)[:, None] - top_mean(sims.T)[None, :] + fit @ np.array(weights[1:])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help=".npy of all demo profiles' passage vectors")
    parser.add_argument("--alternatives", action="store_true", help="the cassava-case variants")
    parser.add_argument("--grid", action="store_true", help="the weights' grid and its CV")
    parser.add_argument("--bands", action="store_true", help="band floors against the grades")
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
    fit = np.array([[fits(pub[o], pub[n], orgs) for o in offers] for n in needs], dtype=float)
    dense = centred[needs] @ centred[offers].T
    codes = code_evidence(pub, needs, offers)
    judged_needs = [i for i, n in enumerate(needs) if any(grades.get(refs[n], {}).values())]
    judged_offers = [j for j, o in enumerate(offers) if any(by_offer.get(refs[o], {}).values())]

    def ndcg(S, need_rows=judged_needs, offer_rows=judged_offers):
        per_need = [
            ndcg_at(
                [refs[offers[j]] for j in np.argsort(-S[i], kind="stable")], grades[refs[needs[i]]]
            )
            for i in need_rows
        ]
        per_offer = [
            ndcg_at(
                [refs[needs[i]] for i in np.argsort(-S[:, j], kind="stable")],
                by_offer[refs[offers[j]]],
            )
            for j in offer_rows
        ]
        return float(np.mean(per_need)), float(np.mean(per_offer))

    print(f"{len(grades)} needs, {sum(len(t) for t in grades.values())} judged pairs")
    for method, S in (
        ("raw cosine (baseline)", raw[needs] @ raw[offers].T),
        ("centred cosine", dense),
        ("previous score (CSLS + bonuses)", recommendation(dense, codes, fit, PREVIOUS)),
        (
            "  ablation: codes, previous bonuses",
            recommendation(dense, codes, fit, (CURRENT[0], *PREVIOUS[1:])),
        ),
        (
            "  ablation: new bonuses, no codes",
            recommendation(dense, codes, fit, (0.0, *CURRENT[1:])),
        ),
        ("recommendation score (+ codes)", recommendation(dense, codes, fit, CURRENT)),
    ):
        per_need, per_offer = ndcg(S)
        print(
            f"  {method:<40} nDCG@10 per need {per_need:.3f} ({len(judged_needs)} needs)"
            f"   per offer {per_offer:.3f} ({len(judged_offers)} offers)"
        )
    if args.grid:
        grid(dense, codes, fit, ndcg, judged_needs, judged_offers)
    if args.bands:
        bands(recommendation(dense, codes, fit, CURRENT), refs, needs, offers, grades)
    if args.alternatives:
        alternatives(profiles, orgs, vectors, grades, by_offer, args.cache)


def grid(dense, codes, fit, ndcg, judged_needs, judged_offers) -> None:
    """nDCG over the weights' grid, and two-fold cross-validation of picking the best."""
    import itertools
    import random

    candidates = list(
        itertools.product(
            (0.0, 0.1, 0.2, 0.3, 0.4),
            (0.04, 0.08, 0.12),
            (0.0, 0.02, 0.04),
            (0.02, 0.05, 0.08, 0.12),
        )
    )
    scores = {w: recommendation(dense, codes, fit, w) for w in candidates}

    def mean(w, rows=(judged_needs, judged_offers)):
        return sum(ndcg(scores[w], *rows)) / 2

    ranked = sorted(candidates, key=lambda w: -mean(w))
    print("\ngrid (code weight, sector, TRL, country): mean of nDCG@10 per need and per offer")
    for w in ranked[:8]:
        print(f"  {w}  {mean(w):.4f}")
    print(f"  current {CURRENT}  {mean(CURRENT):.4f};  previous {PREVIOUS}  {mean(PREVIOUS):.4f}")
    rng, gains = random.Random(0), []
    for _ in range(10):
        a, b = judged_needs[:], judged_offers[:]
        rng.shuffle(a)
        rng.shuffle(b)
        halves = ((a[: len(a) // 2], b[: len(b) // 2]), (a[len(a) // 2 :], b[len(b) // 2 :]))
        for train, test in (halves, halves[::-1]):
            best = max(candidates, key=lambda w: mean(w, train))
            gains.append(mean(best, test) - mean(PREVIOUS, test))
    print(
        f"two-fold cross-validation, 10 shuffles: held-out gain over the previous score "
        f"mean {np.mean(gains):+.4f}, min {min(gains):+.4f}, max {max(gains):+.4f}"
    )


def bands(S, refs, needs, offers, grades) -> None:
    """Share of judged pairs of each grade whose score reaches each band's floor."""
    by_grade = {0: [], 1: [], 2: []}
    col = {refs[o]: j for j, o in enumerate(offers)}
    for i, n in enumerate(needs):
        for offer, grade in grades.get(refs[n], {}).items():
            if offer in col:
                by_grade[grade].append(S[i, col[offer]])
    print("\nbands: share of judged pairs at or above each floor (grade 2 / 1 / 0)")
    for name, floor in MATCH_BANDS:
        shares = [np.mean(np.array(by_grade[g]) >= floor) for g in (2, 1, 0)]
        print(f"  {name:<9} >= {floor:.2f}  " + " / ".join(f"{x:.0%}" for x in shares))
    for q in (0.25, 0.5, 0.75):
        print(
            f"  grade quantile {q:.2f}: "
            + "  ".join(f"g{g} {np.quantile(by_grade[g], q):.3f}" for g in (2, 1, 0))
        )


# The profiles of tests/matching/test_regressions.py (REFS there).
REGRESSION_REFS = [
    "ND-0001",
    "ND-0055",
    "OF-0069",
    "OF-0068",
    "OF-0097",
    "OF-0098",
    "OF-0062",
    "OF-0014",
    "OF-0064",
    "OF-0105",
    "ND-0056",
    "ND-0010",
    "ND-0034",
    "ND-0004",
    "OF-0061",
    "OF-0074",
    "ND-0023",
    "OF-0001",
    "ND-0022",
    "OF-0080",
    "ND-0053",
    "OF-0043",
    "ND-0039",
]


def _fit(raw, langs, prior):
    """Language means as LanguageMeans.fit, with another PRIOR (0: no shrinkage, no reference)."""
    from lintas.matching import retrieval

    saved = retrieval.PRIOR
    try:
        retrieval.PRIOR = prior
        return LanguageMeans.fit(raw, langs, reference={} if prior == 0 else None)
    finally:
        retrieval.PRIOR = saved


def _term_vectors(profiles, cache):
    """Each profile's key terms as the site picks them (author keywords first, then tf-idf
    terms) and their e5 ``query:`` vectors, as ProfileVector.term_vectors holds them."""
    from lintas.matching.text import key_terms

    lists = []
    for p in profiles:
        terms = [kw.strip() for kw in (p.get("keywords") or []) if kw.strip()]
        body = f"{p['title']}\n{p['summary']}\n{p.get('description', '')}"
        for term, _w in key_terms(body, p["content_language"], k=20):
            if len(terms) >= 10:
                break
            if term not in terms and len(term) > 1 and not term.isdigit():
                terms.append(term)
        lists.append(terms[:10])
    path = cache.with_name(cache.stem + "_terms.npy") if cache else None
    if path and path.exists():
        flat = np.load(path)
    else:
        from lintas.matching.encoder import get_encoder

        flat = get_encoder().encode_queries([t for terms in lists for t in terms])
        if path:
            np.save(path, flat)
    starts = np.cumsum([0] + [len(t) for t in lists])
    return [flat[starts[i] : starts[i + 1]] for i in range(len(profiles))]


def alternatives(profiles, orgs, vectors, grades, by_offer, cache) -> None:
    from lintas.matching.index import normalise

    all_langs = [p["content_language"] for p in profiles]
    terms = _term_vectors(profiles, cache)

    def centred_shipped(idx):
        raw, langs = vectors[idx], [all_langs[i] for i in idx]
        return LanguageMeans.fit(raw, langs).centre(raw, langs)

    def dense(C, idx, needs, offers):
        return C[needs] @ C[offers].T

    def no_shrinkage(idx, needs, offers):
        raw, langs = vectors[idx], [all_langs[i] for i in idx]
        C = _fit(raw, langs, 0).centre(raw, langs)
        return C[needs] @ C[offers].T

    def subspace(idx, needs, offers, k=4):
        # project out the top directions of the reference language means' offsets
        means = LanguageMeans.fit(vectors, all_langs).means
        offsets = np.vstack([m - means[""] for lang, m in means.items() if lang])
        basis = np.linalg.svd(offsets, full_matrices=False)[2][:k].T
        raw, langs = vectors[idx], [all_langs[i] for i in idx]
        lm = LanguageMeans.fit(raw, langs)
        X = raw - np.vstack([lm.mean(lang) for lang in langs])
        C = normalise(X - (X @ basis) @ basis.T)
        return C[needs] @ C[offers].T

    def whitened(idx, needs, offers, alpha=0.9):
        lm_all = LanguageMeans.fit(vectors, all_langs)
        X_all = vectors - np.vstack([lm_all.mean(lang) for lang in all_langs])
        S = np.cov(X_all.T)
        S = (1 - alpha) * S + alpha * np.trace(S) / len(S) * np.eye(len(S))
        w, U = np.linalg.eigh(S)
        raw, langs = vectors[idx], [all_langs[i] for i in idx]
        lm = LanguageMeans.fit(raw, langs)
        C = normalise((raw - np.vstack([lm.mean(lang) for lang in langs])) @ (U / np.sqrt(w)))
        return C[needs] @ C[offers].T

    def rocchio(idx, needs, offers, floor=0.30):
        # the search engine's language-balanced feedback, from each side to the other
        C, langs = centred_shipped(idx), [all_langs[i] for i in idx]

        def expand(src, dst):
            S = C[src] @ C[dst].T
            out = []
            for a, row in zip(src, S, strict=True):
                best = {}
                for k in np.argsort(-row):
                    if row[k] < floor:
                        break
                    best.setdefault(langs[dst[k]], dst[k])
                out.append(C[a] + (C[list(best.values())].mean(0) if best else 0))
            return normalise(np.vstack(out))

        return (expand(needs, offers) @ C[offers].T + C[needs] @ expand(offers, needs).T) / 2

    def smoothed(idx, needs, offers, k=3):
        # each profile plus its k nearest same-side profiles
        C = centred_shipped(idx)

        def smooth(rows):
            S = C[rows] @ C[rows].T
            np.fill_diagonal(S, -np.inf)
            near = np.argsort(-S, axis=1)[:, :k]
            return normalise(C[rows] + C[np.asarray(rows)[near]].mean(axis=1))

        return smooth(needs) @ smooth(offers).T

    def key_terms(idx, needs, offers, combine=True):
        # mean of each side's best-matching centred key-term cosines (greedy alignment)
        blocks = [terms[i] for i in idx]
        labels = [all_langs[i] for i, b in zip(idx, blocks, strict=True) for _ in range(len(b))]
        tm = LanguageMeans.fit(np.vstack(blocks), labels)
        cb = [tm.centre(b, [all_langs[i]] * len(b)) for i, b in zip(idx, blocks, strict=True)]
        T = np.zeros((len(needs), len(offers)))
        for a, n in enumerate(needs):
            for b, o in enumerate(offers):
                if len(cb[n]) and len(cb[o]):
                    S = cb[n] @ cb[o].T
                    T[a, b] = (S.max(axis=1).mean() + S.max(axis=0).mean()) / 2
        if not combine:
            return T
        C = centred_shipped(idx)
        return (C[needs] @ C[offers].T + T) / 2

    def with_codes(idx, needs, offers):
        pub = [profiles[i] for i in idx]
        sims = dense(centred_shipped(idx), idx, needs, offers)
        return sims + CURRENT[0] * code_evidence(pub, needs, offers)

    # (similarity, weights of the bonuses): the variants examined before the code evidence
    # were scored with the previous bonuses; the last line is the shipped score.
    variants = {
        "previous (centred, CSLS, bonuses)": lambda i, n, o: dense(centred_shipped(i), i, n, o),
        "language means without shrinkage": no_shrinkage,
        "minus language subspace (4 dirs)": subspace,
        "whitened (shrinkage 0.9)": whitened,
        "language-balanced feedback (0.30)": rocchio,
        "same-side smoothing (k=3)": smoothed,
        "key terms only": lambda i, n, o: key_terms(i, n, o, combine=False),
        "(dense + key terms) / 2": key_terms,
        "shipped: + 0.30 codes, new bonuses": with_codes,
    }
    published = [i for i, p in enumerate(profiles) if p["status"] == "published"]
    by_ref = {p["ref"]: i for i, p in enumerate(profiles)}
    subset = [by_ref[r] for r in REGRESSION_REFS]
    print("\nalternatives (each scored as the recommendation: similarity, CSLS, bonuses)")
    for name, similarity in variants.items():
        line = [f"  {name:<36}"]
        for label, idx in (("catalogue", published), ("test subset", subset)):
            pub = [profiles[i] for i in idx]
            refs = [p["ref"] for p in pub]
            offers = [i for i, p in enumerate(pub) if p["ref"].startswith("OF")]
            needs = [i for i, p in enumerate(pub) if p["ref"].startswith("ND")]
            sims = similarity(idx, needs, offers)
            weights = CURRENT if similarity is with_codes else PREVIOUS
            B = np.array([[bonus(pub[o], pub[n], orgs, weights) for o in offers] for n in needs])
            S = 2 * sims - top_mean(sims)[:, None] - top_mean(sims.T)[None, :] + B
            cassava = offers.index(refs.index("OF-0064"))
            first = [refs[needs[i]] for i in np.argsort(-S[:, cassava], kind="stable")[:3]]
            pump = needs.index(refs.index("ND-0001"))
            pump_first = refs[offers[int(np.argmax(S[pump]))]]
            if label == "catalogue":
                per_need = [
                    ndcg_at([refs[offers[j]] for j in np.argsort(-S[i], kind="stable")], grades[r])
                    for i, r in ((i, refs[n]) for i, n in enumerate(needs))
                    if any(g > 0 for g in grades.get(r, {}).values())
                ]
                per_offer = [
                    ndcg_at(
                        [refs[needs[i]] for i in np.argsort(-S[:, j], kind="stable")], by_offer[r]
                    )
                    for j, r in ((j, refs[o]) for j, o in enumerate(offers))
                    if any(g > 0 for g in by_offer.get(r, {}).values())
                ]
                line.append(f"nDCG@10 {np.mean(per_need):.3f}/{np.mean(per_offer):.3f}")
            line.append(f"{label}: OF-0064 -> {' '.join(first)}, pump -> {pump_first}")
        print("  ".join(line))


if __name__ == "__main__":
    main()
