"""Assignment solver: reviewers to applications, researchers to hosts.

Both problems are one: *agents* (applications, researchers) get between ``min`` and
``max`` *targets* (reviewers, hosts), each target takes between its own ``min`` and
``max`` agents, only scored pairs may be used (each at most once), forbidden pairs
never, and the sum of the scores of the chosen pairs is maximised.

Pure package (no Django), see docs/assignment.md:

- ``model``: the problem and result types and the JSON document's parser;
- ``solver``: ``solve()``, which checks the input and runs the flow;
- ``flow``: the min-cost flow network handed to OR-Tools;
- ``reasons``: why a well-formed problem has no assignment;
- ``cli``: ``lintas assign IN.json -o OUT.json``.
"""

from .model import (
    Agent,
    InputError,
    Pair,
    Result,
    Score,
    ScoreTable,
    Target,
    parse_problem,
)
from .solver import solve

__all__ = [
    "Agent",
    "InputError",
    "Pair",
    "Result",
    "Score",
    "ScoreTable",
    "Target",
    "parse_problem",
    "solve",
]
