from django import template

from ..selectors import subscriptions_for_user

register = template.Library()


@register.inclusion_tag("alerts/_profile_alerts.html", takes_context=True)
def profile_alerts(context) -> dict:
    """The 'My alerts' section of the profile page: `{% load alerts %}{% profile_alerts %}`."""
    request = context["request"]
    return {"subscriptions": list(subscriptions_for_user(request.user)), "csrf_token": context.get("csrf_token")}
