"""The shifts namespace: shifts and events, sign-ups, the self-service link pages, calendars and iCal.

Mounted at the site root, so the paths are full.
"""

from django.urls import path

from . import manage_views, views

app_name = "shifts"

ORG = "organisationer/<slug:slug>/"
TOKEN = "tilmelding/<str:token>/"

urlpatterns = [
    # public and the volunteer's own
    path("vagter/<int:pk>/", views.shift_detail, name="shift_detail"),
    path("vagter/<int:pk>/tilmeld/", views.signup_create, name="signup_create"),
    path(TOKEN, views.signup, name="signup"),
    path(f"{TOKEN}bekraeft/", views.signup_confirm, name="signup_confirm"),
    path(f"{TOKEN}afmeld/", views.signup_cancel, name="signup_cancel"),
    path(f"{TOKEN}vagt.ics", views.signup_ics, name="signup_ics"),
    path("min-side/vagter/", views.my_shifts, name="my_shifts"),
    path("min-side/vagter/kalender/forny/", views.calendar_renew, name="calendar_renew"),
    path("kalender/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("arrangementer/", views.calendar, name="calendar"),
    path("arrangementer/feed.ics", views.events_feed, name="events_feed"),
    path("arrangementer/<int:pk>/", views.event_detail, name="event_detail"),
    # the organisation's
    path(f"{ORG}opslag/<int:pk>/vagter/", manage_views.opportunity_shifts, name="opportunity_shifts"),
    path(f"{ORG}opslag/<int:pk>/vagter/ugentlig/", manage_views.weekly_pattern, name="weekly_pattern"),
    path(f"{ORG}vagter/<int:pk>/", manage_views.manage_shift, name="manage_shift"),
    path(f"{ORG}vagter/<int:pk>/rediger/", manage_views.shift_edit, name="shift_edit"),
    path(f"{ORG}vagter/<int:pk>/aflys/", manage_views.shift_cancel, name="shift_cancel"),
    path(f"{ORG}vagter/<int:pk>/besked/", manage_views.shift_message, name="shift_message"),
    path(f"{ORG}arrangementer/", manage_views.manage_events, name="manage_events"),
    path(f"{ORG}arrangementer/opret/", manage_views.event_create, name="event_create"),
    path(f"{ORG}arrangementer/<int:pk>/rediger/", manage_views.event_edit, name="event_edit"),
]
