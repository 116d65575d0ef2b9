"""The personal calendar feed, outside the language prefix: a phone's calendar subscribes to one stable
address; the feed speaks the person's preferred language."""

from django.urls import re_path

from . import views

app_name = "calendar_feed"

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics\Z", views.calendar_feed, name="ics"),
]
