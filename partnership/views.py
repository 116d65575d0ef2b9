"""The one page this app serves itself: a partnership's agreement, published as a PDF by its city's staff."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from .constants import ScorecardTopic
from .models import ScorecardClause


@require_safe
def agreement_pdf(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """Public: staff published it (the file was checked by content when it was sent, partnership.validators)."""
    clause = (
        ScorecardClause.objects.filter(pk=pk, partnership__slug=slug, topic=ScorecardTopic.AGREEMENT)
        .exclude(document="")
        .first()
    )
    if clause is None:
        raise Http404
    try:
        handle = clause.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="application/pdf", filename=f"convention-{slug}.pdf")
    response["Content-Disposition"] = f'inline; filename="convention-{slug}.pdf"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
