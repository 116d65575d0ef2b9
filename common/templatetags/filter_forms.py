"""`{{ filter.form|active_filter_count }}`: how many filters a visitor has set, shown on the folded filters'
button on a phone (a shared, filtered link says so before it is opened)."""

from django import template

register = template.Library()


@register.filter
def active_filter_count(form) -> int:
    data = form.data
    if not hasattr(data, "getlist"):
        return 0
    return sum(1 for name in form.fields if any(value.strip() for value in data.getlist(name)))
