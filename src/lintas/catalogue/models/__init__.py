from lintas.catalogue.models.attachment import Attachment
from lintas.catalogue.models.profile import Profile

__all__ = ["Attachment", "Profile"]
