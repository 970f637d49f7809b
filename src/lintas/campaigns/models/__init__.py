from lintas.campaigns.models.campaign import Campaign, CampaignBrief, CampaignOffer
from lintas.campaigns.models.reach import CampaignInterest, CampaignView

__all__ = ["Campaign", "CampaignBrief", "CampaignInterest", "CampaignOffer", "CampaignView"]
