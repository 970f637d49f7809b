"""Problem and result types of the assignment solver, and the JSON input's parser."""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from operator import itemgetter


class InputError(ValueError):
    """The problem is malformed: an unknown id, a duplicate, a bad bound."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Agent:
    id: str
    min: int
    max: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    id: str
    max: int
    min: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    agent: str
    target: str
    score: float


@dataclass(slots=True, kw_only=True)
class ScoreTable:
    """Scores as three parallel columns: the cheap form for 10^5+ pairs (JSON input)."""

    agents: list[str]
    targets: list[str]
    values: list[float]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    agent: str
    target: str


@dataclass(slots=True, kw_only=True)
class Result:
    status: str  # "optimal" | "infeasible"
    assignments: list[Pair] = field(default_factory=list)
    objective: float = 0.0
    message: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict:
        """The output document of ``lintas assign``."""
        out = {
            "assignments": [{"agent": p.agent, "target": p.target} for p in self.assignments],
            "objective": self.objective,
            "status": self.status,
            "seconds": round(self.seconds, 6),
        }
        if self.status != "optimal":
            out["message"] = self.message
        return out


_KEYS = {
    "agents": ({"id", "min", "max"}, set()),
    "targets": ({"id", "max"}, {"min"}),
    "scores": ({"agent", "target", "score"}, set()),
    "forbidden": ({"agent", "target"}, set()),
}
_CLASSES = {"agents": Agent, "targets": Target, "scores": Score, "forbidden": Pair}
_JSON_NUMBER = (int, float)
_SCORE_KEYS = frozenset(_KEYS["scores"][0])


def parse_problem(data: object) -> dict:
    """Check the JSON document's shape and types; return keyword arguments for solve().

    Strict on keys (a misspelt "forbiden" must not be ignored silently). Types are
    tested with type() because json only makes dict, list, str, int, float, bool.
    """
    if type(data) is not dict:
        raise InputError("input must be a JSON object")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise InputError(f"unknown top-level key {unknown[0]!r}")
    for key in ("agents", "targets", "scores"):
        if key not in data:
            raise InputError(f"missing top-level key {key!r}")
    out = {}
    for key, (required, optional) in _KEYS.items():
        items = data.get(key, [])
        if type(items) is not list:
            raise InputError(f"{key} must be a list")
        if key == "scores" and _plain_scores(items):
            out[key] = ScoreTable(
                agents=list(map(itemgetter("agent"), items)),
                targets=list(map(itemgetter("target"), items)),
                values=list(map(itemgetter("score"), items)),
            )
            continue
        cls, allowed, parsed = _CLASSES[key], required | optional, []
        for i, item in enumerate(items):
            if type(item) is not dict or not required <= item.keys() <= allowed:
                _shape_error(key, i, item, required, allowed)
            for name, value in item.items():
                kind = type(value)
                if name == "score":
                    ok, what = kind in _JSON_NUMBER, "a number"
                elif name in ("min", "max"):
                    ok, what = kind is int, "an integer"
                else:
                    ok, what = kind is str, "a string"
                if not ok:
                    raise InputError(f"{key}[{i}]: {name} must be {what}, got {value!r}")
            parsed.append(cls(**item))
        out[key] = parsed
    if type(out["scores"]) is list:  # the item-by-item loop found nothing wrong
        out["scores"] = ScoreTable(
            agents=[x.agent for x in out["scores"]],
            targets=[x.target for x in out["scores"]],
            values=[x.score for x in out["scores"]],
        )
    return out


def _plain_scores(items: list) -> bool:
    """Fast whole-list check of the usual case (10^5+ scores); on False the item-by-item
    loop runs and names the first bad item."""
    if set(map(type, items)) - {dict}:
        return False
    if not all(map(operator.eq, itertools.repeat(_SCORE_KEYS), map(dict.keys, items))):
        return False
    names = set(map(type, map(itemgetter("agent"), items)))
    names |= set(map(type, map(itemgetter("target"), items)))
    return names <= {str} and set(map(type, map(itemgetter("score"), items))) <= {int, float}


def _shape_error(key: str, i: int, item: object, required: set, allowed: set):
    if type(item) is not dict:
        raise InputError(f"{key}[{i}]: must be an object")
    missing = sorted(required - item.keys())
    if missing:
        raise InputError(f"{key}[{i}]: missing key {missing[0]!r}")
    raise InputError(f"{key}[{i}]: unknown key {sorted(item.keys() - allowed)[0]!r}")
