from lintas.core.models.audit import AuditEntry
from lintas.core.models.membership import MembershipRequest
from lintas.core.models.notification import Notification
from lintas.core.models.organisation import Organisation
from lintas.core.models.sector import Sector
from lintas.core.models.user import User

__all__ = ["AuditEntry", "MembershipRequest", "Notification", "Organisation", "Sector", "User"]
