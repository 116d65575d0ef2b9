"""`{% load city_dates %}`: `{{ value|city_date }}`, `{{ value|city_time }}`, `{{ value|city_datetime }}`, the one
date format of each language in the cities' time (common/dates.py)."""

from django import template

from common import dates

register = template.Library()


@register.filter
def city_date(value) -> str:
    return dates.format_date(value) if value not in (None, "") else ""


@register.filter
def city_time(value) -> str:
    return dates.format_time(value) if value not in (None, "") else ""


@register.filter
def city_datetime(value) -> str:
    return dates.format_datetime(value) if value not in (None, "") else ""


@register.filter
def phone_display(value) -> str:
    """+33123456789 as "+33 1 23 45 67 89" (common.validators.phone_display)."""
    from common.validators import phone_display as display

    return display(value)
