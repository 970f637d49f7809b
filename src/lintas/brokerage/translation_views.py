"""The "Translate" button under a conversation message (HTMX fragment, or a page without JS)."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from lintas.brokerage.domain.conversations import may_read
from lintas.brokerage.domain.message_translation import translate_message
from lintas.brokerage.models import Message
from lintas.core.machine_translation import TranslatorUnavailable
from lintas.core.translator import message_for

logger = logging.getLogger(__name__)


@login_required
def message_translate(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("deal", "conversation", "author"), pk=pk
    )
    if not may_read(request.user, message):
        raise PermissionDenied
    result, error = None, ""
    try:
        result = translate_message(user=request.user, message=message, language=get_language())
    except TranslatorUnavailable as failure:
        logger.warning("machine translation of message %s failed: %s", message.pk, failure)
        error = message_for(failure)
    template = (
        "brokerage/_message_translation.html"
        if request.htmx
        else "brokerage/message_translation.html"
    )
    return render(
        request,
        template,
        {"message": message, "result": result, "error": error},
        # htmx swaps only successful answers: the fragment carries the error in words.
        status=200 if result or request.htmx else 503,
    )
