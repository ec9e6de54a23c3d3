from django import template

from timeline.dates import format_at_precision, iso_at_precision

register = template.Library()


@register.filter
def at_precision(event) -> str:
    """An event's (or evidence's) date as the text supports it: "April 2017"."""
    return format_at_precision(event.start, event.precision)


@register.filter
def iso_precision(event) -> str:
    return iso_at_precision(event.start, event.precision) or ""


@register.simple_tag
def query_with(form, **changes) -> str:
    """The form's query string with some parameters changed (None drops one); the tag
    escapes it for the attribute it goes into."""
    return form.query(**changes)
