from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts.mfa import SECOND_FACTOR_NEXT, second_factor_used

register = template.Library()


@register.simple_tag(takes_context=True)
def second_factor_continue(context) -> str:
    """Once the second factor is set up and used, a link back to the page that asked for it."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or not second_factor_used(request):
        return ""
    next_url = request.session.get(SECOND_FACTOR_NEXT)
    if not next_url:
        return ""
    return format_html(
        '<p class="alert alert-success" role="status">{} <a href="{}">{}</a></p>',
        _("Votre second facteur est en place."),
        next_url,
        _("Continuer vers la page demandée"),
    )
