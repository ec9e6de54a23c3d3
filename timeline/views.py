from django.shortcuts import render

from .models import Event


def index(request):
    """The timeline: dated events in order, each with its supporting sentences."""
    events = Event.objects.visible().for_timeline()
    return render(
        request,
        "timeline/index.html",
        {
            "events": events.dated().chronological(),
            "undated": events.undated().order_by("title", "id"),
        },
    )
