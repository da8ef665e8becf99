"""Being written in this session: each view is replaced by its real one."""

from django.http import Http404


def shift_detail(request, *args, **kwargs):
    raise Http404


def signup_create(request, *args, **kwargs):
    raise Http404


def signup(request, *args, **kwargs):
    raise Http404


def signup_confirm(request, *args, **kwargs):
    raise Http404


def signup_cancel(request, *args, **kwargs):
    raise Http404


def signup_ics(request, *args, **kwargs):
    raise Http404


def my_shifts(request, *args, **kwargs):
    raise Http404


def calendar_renew(request, *args, **kwargs):
    raise Http404


def personal_feed(request, *args, **kwargs):
    raise Http404


def calendar(request, *args, **kwargs):
    raise Http404


def events_feed(request, *args, **kwargs):
    raise Http404


def event_detail(request, *args, **kwargs):
    raise Http404


def opportunity_shifts(request, *args, **kwargs):
    raise Http404


def weekly_pattern(request, *args, **kwargs):
    raise Http404


def manage_shift(request, *args, **kwargs):
    raise Http404


def shift_edit(request, *args, **kwargs):
    raise Http404


def shift_cancel(request, *args, **kwargs):
    raise Http404


def shift_message(request, *args, **kwargs):
    raise Http404


def manage_events(request, *args, **kwargs):
    raise Http404


def event_create(request, *args, **kwargs):
    raise Http404


def event_edit(request, *args, **kwargs):
    raise Http404

