from lintas.integrations.models.token import ApiToken
from lintas.integrations.models.webhook import Delivery, Webhook

__all__ = ["ApiToken", "Delivery", "Webhook"]
