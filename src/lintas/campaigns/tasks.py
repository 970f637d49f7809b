from celery import shared_task


@shared_task(name="lintas.campaigns.make_catalogue_pdf")
def make_catalogue_pdf(campaign_id: int, country: str, language: str) -> int:
    """Make a country's printable catalogue as a PDF and keep it in the cache (WeasyPrint takes
    seconds, so the page does not wait for it). Returns the PDF's size in bytes (0: the
    campaign is gone)."""
    from lintas.campaigns.domain import printing
    from lintas.campaigns.models import Campaign

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return len(printing.make_pdf(campaign, country, language))
