from django.urls import path

from . import views

app_name = "timeline"
urlpatterns = [
    path("", views.index, name="index"),
    path("actors/<slug:slug>/", views.actor_page, name="actor"),
    path("places/<slug:slug>/", views.place_page, name="place"),
    path("export.json", views.export_json, name="export_json"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.ics", views.export_ics, name="export_ics"),
    path("export.timelinejs.json", views.export_timelinejs, name="export_timelinejs"),
]
