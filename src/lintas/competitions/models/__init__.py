from lintas.competitions.models.camp import Camp
from lintas.competitions.models.competition import Competition, Field, Group, Stage
from lintas.competitions.models.entry import Entry, TeamMember
from lintas.competitions.models.final import Award, PitchSlot
from lintas.competitions.models.judging import Advancement, Assignment, Conflict, Judge, Score

__all__ = [
    "Advancement",
    "Assignment",
    "Award",
    "Camp",
    "Competition",
    "Conflict",
    "Entry",
    "Field",
    "Group",
    "Judge",
    "PitchSlot",
    "Score",
    "Stage",
    "TeamMember",
]
