"""`{% remember %}`: a piece of a page that is the same for every visitor, rendered once per content version.

    {% load remembered %}
    {% remember "catalogue-filters" request.GET.urlencode depends_on="initiatives partnership" %}
      {{ filter.form|crispy }}
    {% endremember %}

The first argument names the piece; the next ones are what it varies with (hashed into the key, with the
active language); `depends_on` lists the app labels whose writes change it (default: any app), `clock` the
seconds after which it is rendered again when it reads the time. Same rules as `common.page_cache.remember`
(versions bumped on commit, nothing stored when the page cache is off or the cache is down). Only for what
carries nothing personal and no form token: a logged-in visitor gets the very same HTML as anyone else.
"""

from __future__ import annotations

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from common import page_cache

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist, name, vary, depends_on, clock):
        self.nodelist, self.name, self.vary, self.depends_on, self.clock = nodelist, name, vary, depends_on, clock

    def render(self, context):
        name = self.name.resolve(context)
        vary = "|".join(str(expression.resolve(context)) for expression in self.vary)
        depends_on = self.depends_on.resolve(context).split() if self.depends_on else [page_cache.EVERYTHING]
        clock = int(self.clock.resolve(context)) if self.clock else None
        digest = hashlib.sha256(vary.encode()).hexdigest()[:32]
        html = page_cache.remember(
            f"fragment:{name}:{get_language()}:{digest}",
            lambda: str(self.nodelist.render(context)),
            depends_on=depends_on,
            clock=clock,
        )
        return mark_safe(html)  # noqa: S308 - the fragment was rendered (and escaped) by the template engine


@register.tag
def remember(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% remember %} needs a name")
    options = {}
    positional = []
    for bit in bits:
        key, _, value = bit.partition("=")
        if value and key in ("depends_on", "clock"):
            options[key] = parser.compile_filter(value)
        else:
            positional.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, positional[0], positional[1:], options.get("depends_on"), options.get("clock"))
