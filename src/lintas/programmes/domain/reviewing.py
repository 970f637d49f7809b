"""The review machinery over plain items, shared by every call that assigns expert reviewers:
programmes' calls for applications (``programmes.domain.review``) and the forums' calls for
abstracts (``talents.domain.abstracts``).

Why one module: "who reviews what" is the same problem whatever is reviewed — each item needs
``k`` reviewers, each reviewer takes at most their load, conflicted pairs are never used, and
the expertise affinity of the reviewers' own texts to the item's texts is maximised
(``programmes.domain.affinity`` and the pure solver ``programmes.assignment``). Scores are given
the same way too (every criterion from 1 to 5). Callers bring their items, reviewers and
conflict reasons as plain data and keep their own records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lintas.programmes import assignment
from lintas.programmes.domain import affinity

_NODE = re.compile(r"\b(?:item|expert)-\d+\b")


@dataclass(frozen=True)
class Item:
    """Something to review: ``key`` (an int), its name in messages, its texts."""

    key: int
    name: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Expert:
    """A reviewer: ``key`` (an int), name, their own texts (publications...), load limit."""

    key: int
    name: str
    texts: tuple[str, ...]
    max_load: int = 5


@dataclass(frozen=True)
class Choice:
    item: int
    expert: int
    affinity: float
    explanation: dict = field(default_factory=dict)


def problem(*, items, experts, k: int, conflicts: dict):
    """The solver's input (agents, targets, scores): every non-conflicted pair scored by the
    affinity of the expert's texts to the item's. ``conflicts`` maps (item key, expert key) to
    a list of reasons; a conflicted pair is not scored, so never used."""
    matrix = affinity.affinity_matrix(
        [list(e.texts) for e in experts], [list(i.texts) for i in items]
    )
    agents = [assignment.Agent(id=f"item-{i.key}", min=k, max=k) for i in items]
    targets = [assignment.Target(id=f"expert-{e.key}", max=e.max_load) for e in experts]
    scores = [
        assignment.Score(agent=f"item-{i.key}", target=f"expert-{e.key}", score=float(matrix[a, b]))
        for a, e in enumerate(experts)
        for b, i in enumerate(items)
        if not conflicts.get((i.key, e.key))
    ]
    return agents, targets, scores


def _key(node_id: str) -> int:
    return int(node_id.rsplit("-", 1)[1])


def choose(*, items, experts, k: int, conflicts: dict, item_word: str) -> list[Choice]:
    """Give every item ``k`` experts, or raise the solver's reason in words (naming items and
    experts, with ``item_word`` for "application", "abstract"...) and choose nothing."""
    from lintas.programmes.domain.review import readable

    items, experts = list(items), list(experts)
    agents, targets, scores = problem(items=items, experts=experts, k=k, conflicts=conflicts)
    result = assignment.solve(agents=agents, targets=targets, scores=scores, forbidden=[])
    if result.status != "optimal":
        names = {f"item-{i.key}": i.name for i in items}
        names.update({f"expert-{e.key}": e.name for e in experts})
        why = _NODE.sub(lambda m: names.get(m.group(0), m.group(0)), result.message)
        raise ValidationError(
            _("No reviewer assignment is possible: %(why)s")
            % {"why": readable(why, {}, item_word, _("reviewer"))}
        )
    by_pair = {(_key(s.agent), _key(s.target)): s.score for s in scores}
    by_item = {i.key: i for i in items}
    by_expert = {e.key: e for e in experts}
    out = []
    for pair in result.assignments:
        item, expert = _key(pair.agent), _key(pair.target)
        why = affinity.explain(list(by_expert[expert].texts), list(by_item[item].texts))
        out.append(
            Choice(
                item=item,
                expert=expert,
                affinity=by_pair[(item, expert)],
                explanation={
                    "reviewer_text": why["host_text"],
                    "item_text": why["applicant_text"],
                    "score": why["score"],
                },
            )
        )
    return sorted(out, key=lambda c: (c.item, -c.affinity, c.expert))


def check_scores(criteria, scores: dict) -> dict:
    """Every criterion scored from 1 to 5, as integers (the reviewers' rule everywhere)."""
    clean = {}
    for criterion in criteria:
        try:
            value = int(scores.get(criterion))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(_("Score every criterion from 1 to 5 (%s).") % criterion)
        clean[criterion] = value
    return clean


def mean(values) -> float | None:
    """The mean of the reviews' means (None when no review was submitted)."""
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None
