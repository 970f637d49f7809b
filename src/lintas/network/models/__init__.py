from lintas.network.models.joint_lab import JointLab
from lintas.network.models.mechanism import Mechanism
from lintas.network.models.platform import Platform
from lintas.network.models.science_park import SciencePark

__all__ = ["JointLab", "Mechanism", "Platform", "SciencePark"]
