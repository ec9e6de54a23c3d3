from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
    """The axis's event marks as SVG links, built in one pass: a timeline shows up
    to hundreds of them, and a template loop per mark costs more than the page's
    queries."""
    base = form.query(event=None)
    prefix = escape(f"?{base}&event=" if base else "?event=")
    parts = []
    for m in axis.marks:
        if m.point:
            shape = f'<circle cx="{m.left:.3f}%" cy="{m.y + 6}" r="5"/>'
        else:
            shape = (
                f'<rect x="{m.left:.3f}%" y="{m.y}" width="{m.width:.3f}%" '
                'height="12" rx="3"/>'
            )
        # Numbers are ours; the kind, date and title are escaped.
        parts.append(
            f'<a href="{prefix}{m.pk}" class="mark kind-{escape(m.kind)}" '
            f'data-event-id="{m.pk}" tabindex="-1">{shape}'
            f"<title>{escape(m.when)}: {escape(m.title)}</title></a>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (built from escaped parts)
