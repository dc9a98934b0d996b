"""{% live_since %}: the audit-trail position a page was rendered at, where its stream starts."""

from django import template

from factcheck.live.events import latest_event_id

register = template.Library()


@register.simple_tag
def live_since() -> int:
    return latest_event_id()
