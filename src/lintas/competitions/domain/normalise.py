"""Score normalisation across judges: per-judge z-scores.

Judges use the scale differently: one gives 8s and 9s to everything, another 4s and 5s. When
each entry is scored by a different set of judges, a raw mean rewards the entries that drew
lenient judges. So each judge's totals are turned into z-scores over the entries *that judge*
scored in the stage (``(score - judge's mean) / judge's standard deviation``), an entry's
normalised value is the mean of its judges' z-scores, and, to keep a number people can read
on the rubric's 1-10 scale, it is shown as ``stage mean + mean z × stage standard deviation``
(the stage's mean and population standard deviation of all totals).

A judge who scored a single entry, or gave every entry the same total, carries no
information about their scale: their z-score is 0 (the entry is placed at that judge's
average). Plain Python, no Django: ``python -m doctest`` friendly and used by the tests.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass


@dataclass
class Normalised:
    raw_mean: float
    z_mean: float
    normalised: float
    spread: float  # population standard deviation of the entry's z-scores (judges' agreement)
    count: int


def _mean_sd(values: list[float]) -> tuple[float, float]:
    mean = math.fsum(values) / len(values)
    return mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def zscores(rows) -> dict[tuple, float]:
    """{(entry, judge): z} for rows of (entry, judge, value)."""
    by_judge = defaultdict(list)
    for _entry, judge, value in rows:
        by_judge[judge].append(value)
    scale = {j: _mean_sd(v) for j, v in by_judge.items()}
    out = {}
    for entry, judge, value in rows:
        mean, sd = scale[judge]
        out[(entry, judge)] = (value - mean) / sd if len(by_judge[judge]) > 1 and sd > 0 else 0.0
    return out


def normalise(rows) -> dict[object, Normalised]:
    """Per entry: raw mean, mean z-score, the normalised score on the raw scale, the spread of
    its judges' z-scores and how many scores it has. ``rows``: (entry, judge, total)."""
    rows = list(rows)
    if not rows:
        return {}
    z = zscores(rows)
    grand_mean, grand_sd = _mean_sd([v for _e, _j, v in rows])
    raw, zs = defaultdict(list), defaultdict(list)
    for entry, judge, value in rows:
        raw[entry].append(value)
        zs[entry].append(z[(entry, judge)])
    out = {}
    for entry in raw:
        z_mean, spread = _mean_sd(zs[entry])
        out[entry] = Normalised(
            raw_mean=round(math.fsum(raw[entry]) / len(raw[entry]), 4),
            z_mean=round(z_mean, 6),
            normalised=round(grand_mean + z_mean * grand_sd, 4),
            spread=round(spread, 6),
            count=len(raw[entry]),
        )
    return out
