from django import template
from django.utils.html import format_html, format_html_join

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


@register.simple_tag
def axis_marks(axis, form) -> str:
    """The axis's event marks as SVG links, built in one pass: a timeline shows up to
    hundreds of them, and a template loop per mark costs more than the page's queries."""
    base = form.query(event=None)
    prefix = f"?{base}&event=" if base else "?event="

    def shape(mark) -> str:
        if mark.point:
            return format_html(
                '<circle cx="{}%" cy="{}" r="5"/>', f"{mark.left:.3f}", mark.y + 6
            )
        return format_html(
            '<rect x="{}%" y="{}" width="{}%" height="12" rx="3"/>',
            f"{mark.left:.3f}",
            mark.y,
            f"{mark.width:.3f}",
        )

    return format_html_join(
        "",
        '<a href="{}" class="mark kind-{}" data-event-id="{}" tabindex="-1">{}'
        "<title>{}: {}</title></a>",
        (
            (f"{prefix}{m.pk}", m.kind, m.pk, shape(m), m.when, m.title)
            for m in axis.marks
        ),
    )
